import { isJsonObject, type JsonValue } from '../../io/json-file.js';
import { searchInventory, type InventoryVersion } from './inventory-search.js';
import { objectAt, stringAt } from '../../io/json-access.js';
import type { ParseContext } from '../../model/context.js';
import type { TimelineEvent } from '../../model/event.js';
import { FileReport } from '../../model/file-report.js';
import { normalizeJamfComputer } from './computer.js';
import { reportJamfDocument } from './document.js';
import { normalizeJamfHistory } from './history.js';
import { normalizeJamfMdmCommands } from './mdm-commands.js';
import { HttpError } from '../../net/errors.js';
import type { LiveQuery, SourceRun } from '../../core/live.js';
import type { SourceRead } from '../../core/adapter.js';
import { failedReport } from '../source-read.js';
import { jamfCoverage } from './adapter.js';
import type { JamfDeviceState } from './state.js';
import type { JamfApi } from './jamf-api.js';
import { doubleQuoted } from '../../text/double-quoted.js';

const COMMAND_PAGE_SIZE = 100;
const MAX_COMMAND_PAGES = 5;

interface Found {
  version: InventoryVersion;
  list: JsonValue;
  id: string | undefined;
  managementId: string | undefined;
}

/** The computer by serial, or by Jamf id when the serial is not known. */
async function findComputer(api: JamfApi, q: LiveQuery, signal: AbortSignal): Promise<Found> {
  const jamfId = q.ids?.['jamf'];
  const filter = q.serial !== undefined ? `hardware.serialNumber==${doubleQuoted(q.serial)}` : `id==${doubleQuoted(jamfId ?? '')}`;
  const { version, list, results } = await searchInventory(api, filter, signal);
  const first = results[0];
  return { version, list, id: stringAt(first, 'id'), managementId: stringAt(objectAt(first, 'general'), 'managementId') };
}

async function fetchCommands(api: JamfApi, managementId: string, signal: AbortSignal): Promise<JsonValue> {
  const results: JsonValue[] = [];
  let total = 0;
  for (let page = 0; page < MAX_COMMAND_PAGES; page++) {
    const filter = encodeURIComponent(`clientManagementId==${managementId}`);
    const answer = await api.get(`/api/v2/mdm/commands?page=${page}&page-size=${COMMAND_PAGE_SIZE}&sort=dateSent:desc&filter=${filter}`, signal);
    if (answer.status === 404) throw new HttpError('status', 'this Jamf Pro server has no /api/v2/mdm/commands');
    const doc = isJsonObject(answer.json) ? answer.json : {};
    const items = Array.isArray(doc['results']) ? doc['results'] : [];
    total = typeof doc['totalCount'] === 'number' ? doc['totalCount'] : items.length;
    results.push(...items);
    if (items.length < COMMAND_PAGE_SIZE || results.length >= total) break;
  }
  return { totalCount: total, results };
}

/**
 * The Jamf side of one device, live: the computer found by serial (newest inventory API first), then
 * its full detail and MDM command history side by side, and the Classic management history (keyed by
 * serial, so it starts at once). Documents go through the same normalisers as bundle files.
 */
export async function fetchJamfEvidence(api: JamfApi, q: LiveQuery, run: SourceRun): Promise<SourceRead<JamfDeviceState>> {
  const { context, signal, progress, documents } = run;
  const read: SourceRead<JamfDeviceState> = { name: 'jamf', present: true, events: [], reports: [], state: undefined, coverage: [] };
  const parts: { rel: string; order: number; report: FileReport; events: TimelineEvent[] }[] = [];

  const take = async <T extends { skips: { at: string; reason: string }[]; notes?: string[]; events: TimelineEvent[] }>(
    rel: string,
    order: number,
    json: JsonValue | undefined,
    error: string | undefined,
    normalize: (doc: JsonValue, ctx: ParseContext) => T | { error: string },
  ): Promise<T | undefined> => {
    // Normalising needs the collection context, which a device source may still be measuring.
    const ctx = await context;
    const report = new FileReport(rel);
    let result: T | undefined;
    if (json !== undefined) {
      documents.push({ rel, json });
      result = reportJamfDocument(report, json, (doc) => normalize(doc, ctx));
    }
    if (error) report.fail(error);
    const events = result?.events ?? [];
    parts.push({ rel, order, report, events });
    if (events.length > 0) progress.events?.('jamf', events);
    return result;
  };
  const attempt = async <T>(fn: () => Promise<T>): Promise<{ value?: T; error?: string }> => {
    try {
      return { value: await fn() };
    } catch (error) {
      if (error instanceof HttpError) return { error: error.message };
      throw error;
    }
  };

  const history = attempt(async () => {
    const jamfId = q.ids?.['jamf'];
    const key = q.serial !== undefined ? `serialnumber/${encodeURIComponent(q.serial)}` : jamfId !== undefined ? `id/${encodeURIComponent(jamfId)}` : undefined;
    if (key === undefined) return undefined;
    const answer = await api.get(`/JSSResource/computerhistory/${key}`, signal);
    if (answer.status === 404) return undefined;
    return answer.json;
  }).then(async (h) => {
    if (h.value === undefined && !h.error) return;
    await take('jamf/history.json', 2, h.value, h.error, (doc, ctx) => normalizeJamfHistory(doc, 'jamf/history.json', ctx));
  });

  const inventory = (async () => {
    progress.status?.('jamf', 'finding the computer');
    const found = await attempt(() => findComputer(api, q, signal));
    if (!found.value) {
      await take('jamf/computer.json', 0, undefined, found.error, (doc, ctx) => normalizeJamfComputer(doc, 'jamf/computer.json', ctx));
      return;
    }
    const { id, managementId, list, version } = found.value;
    progress.status?.('jamf', 'reading inventory and MDM commands');
    const [detail, commands] = await Promise.all([
      id ? attempt(() => api.get(`/api/${version}/computers-inventory-detail/${encodeURIComponent(id)}`, signal)) : undefined,
      managementId ? attempt(() => fetchCommands(api, managementId, signal)) : undefined,
    ]);
    const detailJson = detail?.value?.status === 200 ? detail.value.json : list;
    const computer = await take('jamf/computer.json', 0, detailJson, undefined, (doc, ctx) => normalizeJamfComputer(doc, 'jamf/computer.json', ctx));
    if (detail?.error) parts.at(-1)!.report.note(`inventory detail unavailable (${detail.error}); using the search result`);
    read.state = computer?.state;
    if (commands) {
      await take('jamf/mdm-commands.json', 1, commands.value, commands.error, (doc, ctx) =>
        normalizeJamfMdmCommands(doc, 'jamf/mdm-commands.json', ctx),
      );
    }
  })();

  const settled = await Promise.allSettled([history, inventory]);
  for (const s of settled) if (s.status === 'rejected') parts.push({ rel: 'jamf', order: 3, report: failedReport('jamf', String(s.reason)), events: [] });
  // Same order as a bundle: computer, MDM commands, history.
  parts.sort((a, b) => a.order - b.order);
  read.reports = parts.map((p) => p.report);
  read.events = parts.flatMap((p) => p.events);
  read.coverage = parts.filter((p) => p.rel !== 'jamf').map((p) => jamfCoverage(p.rel, p.events, [p.report]));
  return read;
}

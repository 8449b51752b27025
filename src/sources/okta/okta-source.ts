import { formatBytes } from '../../io/bounded-file.js';
import { storableItems } from '../../io/json-depth.js';
import type { JsonValue } from '../../io/json-file.js';
import { FileReport } from '../../model/file-report.js';
import { OktaDeviceCollector, OktaLogMerger } from './index.js';
import { endpoint } from '../../net/endpoint.js';
import { abortError, HttpError } from '../../net/errors.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import type { LiveQuery, SourceRun } from '../../core/live.js';
import type { SourceRead } from '../../core/adapter.js';
import type { Coverage } from '../../core/coverage.js';
import { failedReport, stoppedReport } from '../source-read.js';
import { oktaLogFilter } from './adapter.js';
import { OKTA_SOURCE } from './kinds.js';
import { streamKinds } from '../coverage.js';
import type { OktaState } from './state.js';
import type { OktaApi } from './okta-api.js';
import { doubleQuoted } from '../../text/double-quoted.js';

/** System Log page size: the maximum, to spend as few rate-limited requests as possible. */
const LOG_PAGE_LIMIT = 1000;
/** Stop after this many pages (1,000,000 events) and say so, rather than page forever. */
const MAX_LOG_PAGES = 1000;
const MAX_DEVICE_PAGES = 5;
/**
 * Stop once the System Log pages read hold this much text (about three times that in memory: the
 * pages kept for `collect` and the events): 1,000 pages of large events would not fit in memory.
 */
export const MAX_LOG_TEXT = 128 * 1024 * 1024;

export interface OktaReadLimits {
  /** System Log page size (default the API's maximum, 1000). */
  pageLimit?: number | undefined;
  /** The text of System Log pages kept, in characters (default MAX_LOG_TEXT). */
  maxLogText?: number | undefined;
}

/** An Okta API URL with its query percent-encoded (spaces as %20, as Okta documents its filters). */
export function oktaUrl(base: URL, path: string, params: Record<string, string>): URL {
  const query = Object.entries(params)
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
    .join('&');
  return endpoint(base, `${path}?${query}`);
}

/**
 * Who and what the System Log query is about: events targeting the device's Okta ids, events by or
 * about its users (the SSO extension's grants name the user as target, not actor), and changes to
 * policies anywhere in the org, which are rare and often the cause.
 */
export function logFilter(deviceIds: string[], logins: string[]): string | undefined {
  const terms = [
    ...deviceIds.map((id) => `target.id eq ${doubleQuoted(id)}`),
    ...logins.flatMap((login) => [`actor.alternateId eq ${doubleQuoted(login)}`, `target.alternateId eq ${doubleQuoted(login)}`]),
  ];
  if (terms.length === 0) return undefined;
  return [...terms, 'eventType sw "policy.rule."', 'eventType sw "policy.lifecycle."'].join(' or ');
}

/**
 * The Okta side of one device, live: the device found by serial through the Devices API (with its
 * users), then the System Log for the device and its users in the window, following `next` links
 * verbatim. Pages go through the same normaliser and uuid merge as bundle files.
 */
export async function fetchOktaEvidence(api: OktaApi, q: LiveQuery, run: SourceRun, limits: OktaReadLimits = {}): Promise<SourceRead<OktaState>> {
  const pageLimit = limits.pageLimit ?? LOG_PAGE_LIMIT;
  const maxLogText = limits.maxLogText ?? MAX_LOG_TEXT;
  const { context, signal, progress, documents } = run;
  const state: OktaState = { devices: [], devicesComplete: false };
  const read: SourceRead<OktaState> = { name: 'okta', present: true, events: [], reports: [], state, coverage: [] };
  /** The System Log read, once it starts: incomplete until its last page is in. */
  let logRead: Coverage | undefined;
  const devicesReport = new FileReport('okta/devices.json');
  let merger: OktaLogMerger | undefined;
  const emit = (events: typeof read.events): void => {
    read.events.push(...events);
    if (events.length > 0) progress.events?.('okta', events);
  };

  const fetchAll = async (): Promise<void> => {
    progress.status?.('okta', 'finding the device');
    const oktaId = q.ids?.['okta'];
    const search = q.serial !== undefined ? `profile.serialNumber eq ${doubleQuoted(q.serial)}` : oktaId !== undefined ? `id eq ${doubleQuoted(oktaId)}` : undefined;
    const deviceItems: JsonValue[] = [];
    let url: URL | undefined = search === undefined ? undefined : oktaUrl(api.base, '/api/v1/devices', { search, expand: 'userSummary', limit: '20' });
    for (let n = 0; url && n < MAX_DEVICE_PAGES; n++) {
      const page = await api.page(url, 'devices', signal);
      deviceItems.push(...page.items);
      url = page.next;
    }
    // Normalising needs the collection context, which a device source may still be measuring.
    const ctx = await context;
    const devices = new OktaDeviceCollector(devicesReport, ctx);
    if (search !== undefined) {
      documents.push({ rel: 'okta/devices.json', json: storableItems(deviceItems) });
      deviceItems.forEach(devices.add);
      devices.finish();
    }
    state.devices = devices.records;
    // Not asked (no serial, no Okta id) is not "read in full": absence then says nothing.
    state.devicesComplete = search !== undefined && devicesReport.fatal === undefined;
    merger = new OktaLogMerger(ctx);
    emit(devices.events);

    // Every user the identity knows, whether or not Okta has a device record for the Mac.
    const logins = new Map<string, string>();
    for (const login of [...(q.users ?? []), ...(q.user ? [q.user] : []), ...devices.records.flatMap((r) => r.users.map((u) => u.login))]) {
      if (login && !logins.has(login.toLowerCase())) logins.set(login.toLowerCase(), login);
    }
    const filter = logFilter(devices.records.map((d) => d.id), [...logins.values()]);
    if (search !== undefined && devices.records.length === 0) {
      devicesReport.note(`Okta has no device record for this Mac${q.serial ? ` (serial ${q.serial})` : ''}`);
    }
    if (!filter) {
      devicesReport.note('no Okta device and no user known: System Log not queried (give --user)');
      return;
    }

    progress.status?.('okta', 'reading the System Log');
    logRead = {
      source: OKTA_SOURCE.id,
      role: OKTA_SOURCE.role,
      stream: 'idp.system-log',
      kinds: streamKinds(OKTA_SOURCE.kinds, 'idp.system-log'),
      fromMs: q.sinceMs,
      untilMs: q.untilMs,
      filter: oktaLogFilter(devices.records, q.user),
      complete: false,
      why: 'the read did not finish',
    };
    url = oktaUrl(api.base, '/api/v1/logs', {
      since: formatIsoUtc(q.sinceMs),
      until: formatIsoUtc(q.untilMs),
      limit: String(pageLimit),
      sortOrder: 'ASCENDING',
      filter,
    });
    const requested = new Set<string>();
    let pages = 0;
    let text = 0;
    let last: FileReport | undefined;
    for (; url && pages < MAX_LOG_PAGES && text < maxLogText && !requested.has(url.href); pages++) {
      requested.add(url.href);
      const page = await api.page(url, 'logs', signal);
      text += page.size;
      const rel = `okta/logs-${String(pages + 1).padStart(4, '0')}.json`;
      documents.push({ rel, json: storableItems(page.items) });
      const before = merger.events.length;
      const sink = merger.page(rel);
      page.items.forEach(sink.add);
      sink.finish();
      last = sink.report;
      emit(merger.events.slice(before));
      progress.status?.('okta', `System Log page ${pages + 1}`);
      url = page.next;
    }
    // The advice goes on the page whose next link was not followed.
    if (url && requested.has(url.href)) {
      last?.stop('its next link repeats a page already read (Okta gave the same cursor again); not followed, the events read are kept. Run again later; if it repeats, report the cursor to Okta support');
      logRead.why = 'the next link repeated an earlier page';
    } else if (url && text >= maxLogText) {
      last?.stop(`stopped after ${pages} System Log pages holding ${formatBytes(text)} (the memory bound); the events read are kept. Narrow the window with --since/--until`);
      logRead.why = `stopped at the memory bound after ${pages} pages`;
    } else if (url) {
      last?.stop(`stopped after ${MAX_LOG_PAGES} System Log pages; the events read are kept. Narrow the window with --since/--until`);
      logRead.why = `stopped after ${MAX_LOG_PAGES} pages`;
    } else {
      logRead.complete = true;
      delete logRead.why;
    }
  };

  try {
    await fetchAll();
  } catch (error) {
    // An abort outside the HTTP layer (waiting for a token) reads like one inside it.
    const failure = error instanceof HttpError ? error : signal.aborted ? abortError(signal) : undefined;
    if (!failure) throw error;
    // At the deadline, what was fetched stays: the source is partial, not failed.
    if (failure.kind === 'deadline') read.reports.push(stoppedReport('okta', failure.message));
    else read.reports.push(failedReport('okta', failure.message));
    if (logRead) logRead.why = failure.message;
  }
  const devicesRead: Coverage = {
    source: OKTA_SOURCE.id,
    role: OKTA_SOURCE.role,
    stream: 'idp.devices',
    kinds: streamKinds(OKTA_SOURCE.kinds, 'idp.devices'),
    fromMs: null,
    untilMs: null,
    complete: state.devicesComplete,
    ...(state.devicesComplete ? {} : { why: 'the Devices API was not read in full' }),
  };
  read.coverage = logRead ? [logRead, devicesRead] : [devicesRead];
  // Same report order as a bundle: log pages, then devices.json.
  read.reports.unshift(...(merger?.reports ?? []), devicesReport);
  return read;
}

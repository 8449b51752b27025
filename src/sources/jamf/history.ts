/**
 * jamf/history.json: Classic GET /JSSResource/computerhistory JSON, {"computer_history": {...}} or the
 * inner object → `jamf.history.command` events (completed, pending, failed) and `jamf.policy.run` events.
 * Live servers send flat arrays; Jamf's published example wraps each element ({"command": {...}}).
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../../io/json-file.js';
import type { ParseContext } from '../../model/context.js';
import type { EventKeys, Severity, TimelineEvent } from '../../model/event.js';
import type { FileReport } from '../../model/file-report.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import { describeJamfErrorBody, parseJamfFile } from './document.js';
import { DAY_MS, jamfEvent, type JamfEventSpec } from './event.js';
import { arrayAt, numberAt, objectAt, pointer, quoteValue, readClassicEpoch, readClassicInstant, stringAt, type Skip } from './fields.js';

export interface NormalizedJamfHistory {
  events: TimelineEvent[];
  skips: Skip[];
}

export type CommandListState = 'completed' | 'pending' | 'failed';

/** Epoch stems per list, in order of preference; `date_time_*` are the mobile-device spellings. */
const COMMAND_STEMS: Record<CommandListState, readonly string[]> = {
  completed: ['completed', 'date_time_completed'],
  failed: ['failed', 'date_time_failed', 'issued', 'date_time_issued'],
  pending: ['issued', 'date_time_issued'],
};
const POLICY_STEMS = ['date_completed', 'date_time'] as const;

/** A pending command not pushed (or, never pushed, not issued) for this long before collection is stuck. */
const STALE_PENDING_MS = DAY_MS;

interface Entry {
  entry: JsonObject;
  at: string;
  index: number;
}

/**
 * Visits the elements of a list in file order, unwrapping the documented `{"command": {...}}` form;
 * non-objects are skipped where they stand so the first skip reported is the first in the file.
 */
function forEachEntry(list: JsonValue[] | undefined, listAt: string, wrapper: string, skips: Skip[], visit: (e: Entry) => void): void {
  (list ?? []).forEach((item, index) => {
    const at = pointer(listAt, index);
    const inner = isJsonObject(item) ? item[wrapper] : undefined;
    if (isJsonObject(inner)) visit({ entry: inner, at: pointer(at, wrapper), index });
    else if (isJsonObject(item)) visit({ entry: item, at, index });
    else skips.push({ at, reason: `${wrapper} entry is not an object` });
  });
}

type Placement = Pick<JamfEventSpec, 'instant' | 'originalTime' | 'pointer'>;

/** Where and when an entry happened (and which stem said so), or a skip saying why it cannot be placed. */
function placeEntry(e: Entry, stems: readonly string[], what: string, skips: Skip[]): { placed: Placement; stem: string } | undefined {
  const found = readClassicInstant(e.entry, stems);
  if (found.state === 'ok') {
    const at = pointer(e.at, `${found.stem}_epoch`);
    return { placed: { instant: { epochMs: found.epochMs }, originalTime: found.originalTime, pointer: at }, stem: found.stem };
  }
  if (found.state === 'malformed') {
    skips.push({ at: pointer(e.at, `${found.stem}_epoch`), reason: `${found.stem}_epoch is not a millisecond count: ${quoteValue(found.value)}` });
  } else {
    skips.push({ at: e.at, reason: `${what} has no ${stems.map((stem) => `${stem}_epoch`).join(' or ')}` });
  }
  return undefined;
}

function lastPushOf(entry: JsonObject): number | null {
  const push = readClassicEpoch(entry, 'last_push');
  return push.state === 'ok' ? push.epochMs : null;
}

function pendingSeverity(lastPushMs: number | null, issuedMs: number, collectedAtMs: number | undefined): Severity {
  if (collectedAtMs === undefined) return 'info';
  return collectedAtMs - (lastPushMs ?? issuedMs) > STALE_PENDING_MS ? 'warn' : 'info';
}

function commandSummary(name: string, state: CommandListState, status: string | undefined, lastPushMs: number | null): string {
  if (state === 'failed') return `Jamf command "${name}" failed${status ? `: ${status}` : ''}`;
  if (state === 'completed') return `Jamf command "${name}" completed`;
  return `Jamf command "${name}" pending, ${lastPushMs === null ? 'never pushed' : `last push ${formatIsoUtc(lastPushMs)}`}`;
}

function commandEvents(commands: JsonObject | undefined, commandsAt: string, ctx: ParseContext, rel: string, keys: EventKeys, skips: Skip[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const state of ['completed', 'pending', 'failed'] as const) {
    forEachEntry(arrayAt(commands, state), pointer(commandsAt, state), 'command', skips, (e) => {
      const place = placeEntry(e, COMMAND_STEMS[state], `${state} command`, skips);
      if (!place) return;
      const { placed, stem } = place;
      const name = stringAt(e.entry, 'name') ?? '(unnamed command)';
      // Failed commands carry the error text in `status`.
      const status = stringAt(e.entry, 'status');
      const lastPushMs = state === 'pending' ? lastPushOf(e.entry) : null;
      const severity: Severity =
        state === 'failed' ? 'error' : state === 'pending' ? pendingSeverity(lastPushMs, placed.instant.epochMs, ctx.collectedAtMs) : 'info';
      const spec: JamfEventSpec = {
        ...placed,
        ...(state === 'failed' && stem.endsWith('issued') ? { timeNote: 'failure time not recorded; placed at issue time' } : {}),
        id: `jamf:hist:${state}:${e.index}`,
        kind: 'jamf.history.command',
        severity,
        summary: commandSummary(name, state, status, lastPushMs),
        fields: {
          name,
          state,
          status,
          username: stringAt(e.entry, 'username'),
          lastPush: state === 'pending' ? (lastPushMs === null ? null : formatIsoUtc(lastPushMs)) : undefined,
        },
      };
      events.push(jamfEvent(spec, rel, keys));
    });
  }
  return events;
}

function policyEvents(logs: JsonValue[] | undefined, logsAt: string, rel: string, keys: EventKeys, skips: Skip[]): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  forEachEntry(logs, logsAt, 'policy_log', skips, (e) => {
    const placed = placeEntry(e, POLICY_STEMS, 'policy log', skips)?.placed;
    if (!placed) return;
    const policyId = numberAt(e.entry, 'policy_id') ?? stringAt(e.entry, 'policy_id');
    const policyName = stringAt(e.entry, 'policy_name') ?? (policyId ? `policy ${policyId}` : '(unnamed policy)');
    const status = stringAt(e.entry, 'status');
    // No status says nothing about the run; only a status other than "Completed" is a failure.
    const severity: Severity = status === undefined || status.toLowerCase() === 'completed' ? 'info' : 'error';
    const spec: JamfEventSpec = {
      ...placed,
      id: `jamf:policy:${e.index}`,
      kind: 'jamf.policy.run',
      severity,
      summary: `Jamf policy "${policyName}" ${status ?? 'ran'}`,
      fields: { policyId, policyName, status, username: stringAt(e.entry, 'username') },
    };
    events.push(jamfEvent(spec, rel, keys));
  });
  return events;
}

function historyKeys(general: JsonObject | undefined): EventKeys {
  const keys: EventKeys = {};
  const serial = stringAt(general, 'serial_number');
  const udid = stringAt(general, 'udid');
  const name = stringAt(general, 'name');
  if (serial) keys.serial = serial.toUpperCase();
  if (udid) keys.udid = udid;
  if (name) keys.hostname = name;
  return keys;
}

const HISTORY_SECTIONS = ['commands', 'policy_logs', 'general'];

/** Pure: the parsed document in, events out; `rel` is the file's path in the bundle. */
export function normalizeJamfHistory(doc: JsonValue, rel: string, ctx: ParseContext): NormalizedJamfHistory | { error: string } {
  const rooted = isJsonObject(doc) ? objectAt(doc, 'computer_history') : undefined;
  const history = rooted ?? (isJsonObject(doc) && HISTORY_SECTIONS.some((key) => key in doc) ? doc : undefined);
  if (!history) {
    return { error: describeJamfErrorBody(doc) ?? 'not a Jamf computer history (no "computer_history", "commands" or "policy_logs")' };
  }
  const base = rooted ? '/computer_history' : '';
  const skips: Skip[] = [];
  const commandsAt = pointer(base, 'commands');
  const commands = objectAt(history, 'commands');
  if (history['commands'] !== undefined && history['commands'] !== null && !commands) {
    skips.push({ at: commandsAt, reason: 'commands is not an object' });
  }
  const keys = historyKeys(objectAt(history, 'general'));
  const events = [
    ...commandEvents(commands, commandsAt, ctx, rel, keys, skips),
    ...policyEvents(arrayAt(history, 'policy_logs'), pointer(base, 'policy_logs'), rel, keys, skips),
  ];
  return { events, skips };
}

export async function parseJamfHistoryFile(path: string, rel: string, ctx: ParseContext): Promise<{ events: TimelineEvent[]; report: FileReport }> {
  const { result, report } = await parseJamfFile(path, rel, (doc) => normalizeJamfHistory(doc, rel, ctx));
  return { events: result?.events ?? [], report };
}

/**
 * jamf/mdm-commands.json: GET /api/v2/mdm/commands {"totalCount", "results": [MdmCommand]} or the
 * deprecated v1 bare array → one `jamf.mdm.command` event per command.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../../io/json-file.js';
import type { ParseContext } from '../../model/context.js';
import type { EventKeys, Severity, TimelineEvent } from '../../model/event.js';
import type { FileReport } from '../../model/file-report.js';
import { describeJamfErrorBody, parseJamfFile } from './document.js';
import { EventIds, jamfEvent, type JamfEventSpec } from './event.js';
import { arrayAt, numberAt, objectAt, pointer, readZonedTime, stringAt, type Skip } from './fields.js';

export interface NormalizedJamfCommands {
  events: TimelineEvent[];
  skips: Skip[];
  notes: string[];
}

const ERROR_STATES = new Set(['ERROR', 'COMMAND_FORMAT_ERROR']);

function commandSeverity(state: string | undefined): Severity {
  const upper = state?.toUpperCase();
  if (upper && ERROR_STATES.has(upper)) return 'error';
  return upper === 'NOT_NOW' ? 'warn' : 'info';
}

/**
 * Dated by completion when the command completed (a PENDING command carries epoch zero or nothing),
 * else by when it was sent. Undefined when neither date is usable.
 */
function commandTime(cmd: JsonObject, at: string, skips: Skip[]): Pick<JamfEventSpec, 'instant' | 'originalTime' | 'pointer' | 'timeNote'> | undefined {
  const scratch: Skip[] = [];
  const completed = readZonedTime(cmd, 'dateCompleted', pointer(at, 'dateCompleted'), scratch);
  if (completed.state === 'ok') return { instant: completed.instant, originalTime: completed.text, pointer: completed.at };
  const sent = readZonedTime(cmd, 'dateSent', pointer(at, 'dateSent'), scratch);
  if (sent.state === 'ok') {
    const placed = { instant: sent.instant, originalTime: sent.text, pointer: sent.at };
    return completed.state === 'malformed' ? { ...placed, timeNote: 'dateCompleted unreadable; placed at dateSent' } : placed;
  }
  const unreadable = scratch.find((skip) => skip.at === sent.at) ?? scratch[0];
  skips.push(unreadable ?? { at, reason: 'MDM command has no dateSent or dateCompleted' });
  return undefined;
}

function commandSummary(type: string, state: string, error: JsonObject | undefined, errorText: string | undefined, profileId: number | undefined): string {
  let summary = `MDM ${type} ${state}`;
  if (errorText) summary += `: ${errorText}`;
  const where = [stringAt(error, 'errorDomain'), numberAt(error, 'errorCode')].filter((part) => part !== undefined);
  if (where.length > 0) summary += ` (${where.join(' ')})`;
  else if (profileId !== undefined) summary += ` (profile ${profileId})`;
  return summary;
}

const DAY_MS = 86_400_000;

/** How long a PENDING command has waited at collection, in days (one decimal); undefined otherwise. */
function pendingDays(state: string | undefined, sentMs: number, collectedAtMs: number | undefined): number | undefined {
  if (state?.toUpperCase() !== 'PENDING' || collectedAtMs === undefined || collectedAtMs < sentMs) return undefined;
  return Math.round(((collectedAtMs - sentMs) / DAY_MS) * 10) / 10;
}

function commandEvent(cmd: JsonObject, at: string, index: number, ids: EventIds, rel: string, skips: Skip[], ctx: ParseContext): TimelineEvent | undefined {
  const time = commandTime(cmd, at, skips);
  if (!time) return undefined;
  const type = stringAt(cmd, 'commandType');
  // Some SDK mocks spell the state `status`; the schema says `commandState`.
  const state = stringAt(cmd, 'commandState') ?? stringAt(cmd, 'status');
  const error = objectAt(cmd, 'commandError');
  const errorText = stringAt(error, 'errorEnglishDescription') ?? stringAt(error, 'errorLocalizedDescription');
  const profileId = numberAt(cmd, 'profileId');
  const client = objectAt(cmd, 'client');
  const managementId = stringAt(client, 'managementId');
  const keys: EventKeys = managementId ? { managementId } : {};
  const uuid = stringAt(cmd, 'uuid');
  const waited = pendingDays(state, time.instant.epochMs, ctx.collectedAtMs);
  // A command still pending a day after it was sent never reached the Mac (MDM push not arriving).
  const stuck = waited !== undefined && waited >= 1;
  const severity = stuck ? 'warn' : commandSeverity(state);
  const summary = commandSummary(type ?? 'command', state ?? 'UNKNOWN', error, errorText, profileId);
  return jamfEvent(
    {
      ...time,
      id: ids.claim(`jamf:cmd:${uuid ?? index}`),
      kind: 'jamf.mdm.command',
      severity,
      summary: stuck ? `${summary} for ${waited} days` : summary,
      fields: {
        uuid,
        commandType: type,
        commandState: state,
        errorCode: numberAt(error, 'errorCode'),
        errorDomain: stringAt(error, 'errorDomain'),
        errorText,
        profileId,
        clientType: stringAt(client, 'clientType'),
        dateSent: stringAt(cmd, 'dateSent'),
        pendingDays: waited,
      },
    },
    rel,
    keys,
  );
}

/** Pure: the parsed document in, events out; `rel` is the file's path in the bundle. */
export function normalizeJamfMdmCommands(doc: JsonValue, rel: string, ctx: ParseContext): NormalizedJamfCommands | { error: string } {
  let commands: JsonValue[];
  let base: string;
  const notes: string[] = [];
  if (Array.isArray(doc)) {
    commands = doc;
    base = '';
  } else {
    const results = isJsonObject(doc) ? arrayAt(doc, 'results') : undefined;
    if (!results) return { error: describeJamfErrorBody(doc) ?? 'not a Jamf MDM command list (no "results")' };
    commands = results;
    base = '/results';
    const total = isJsonObject(doc) ? numberAt(doc, 'totalCount') : undefined;
    if (total !== undefined && total > results.length) {
      notes.push(`${results.length} of ${total} MDM commands in the file; the rest were on later pages`);
    }
  }

  const skips: Skip[] = [];
  const events: TimelineEvent[] = [];
  const ids = new EventIds();
  commands.forEach((cmd, index) => {
    const at = pointer(base, index);
    if (!isJsonObject(cmd)) {
      skips.push({ at, reason: 'MDM command is not an object' });
      return;
    }
    const event = commandEvent(cmd, at, index, ids, rel, skips, ctx);
    if (event) events.push(event);
  });
  return { events, skips, notes };
}

export async function parseJamfMdmCommandsFile(path: string, rel: string, ctx: ParseContext): Promise<{ events: TimelineEvent[]; report: FileReport }> {
  const { result, report } = await parseJamfFile(path, rel, (doc) => normalizeJamfMdmCommands(doc, rel, ctx));
  return { events: result?.events ?? [], report };
}

/**
 * jamf/computer.json: a computers-inventory-detail object (Jamf Pro API v1..v4) or a list response
 * {"totalCount", "results"} → the device's JamfDeviceState plus its dated inventory events.
 */
import type { JsonValue } from '../../io/json-file.js';
import type { ParseContext } from '../../model/context.js';
import type { JamfDeviceState } from './state.js';
import type { TimelineEvent } from '../../model/event.js';
import type { FileReport } from '../../model/file-report.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import { buildComputerEvents } from './computer-events.js';
import { buildJamfState, readComputerRecord } from './computer-record.js';
import { selectComputerRecord } from './computer-select.js';
import { parseJamfFile } from './document.js';
import { jamfEvent } from './event.js';
import type { Skip } from './fields.js';

export interface NormalizedJamfComputer {
  state: JamfDeviceState;
  events: TimelineEvent[];
  skips: Skip[];
  /** Things to tell the engineer: duplicate records, a record not matched by serial. */
  notes: string[];
}

function notFound(rel: string, ctx: ParseContext, base: string, skips: Skip[]): NormalizedJamfComputer {
  const state: JamfDeviceState = { recordsFound: 0, profiles: [], certificates: [] };
  const events: TimelineEvent[] = [];
  const serial = ctx.serial?.trim();
  if (ctx.collectedAtMs !== undefined) {
    const event = jamfEvent(
      {
        id: 'jamf:inventory:not-found',
        kind: 'jamf.inventory.not-found',
        severity: 'error',
        summary: `Jamf has no computer record for this serial${serial ? ` (${serial})` : ''}`,
        instant: { epochMs: ctx.collectedAtMs },
        originalTime: formatIsoUtc(ctx.collectedAtMs),
        pointer: base,
        fields: { recordsFound: 0 },
        timeNote: 'placed at collection time',
      },
      rel,
      serial ? { serial } : {},
    );
    events.push(event);
  }
  return { state, events, skips, notes: [`Jamf has no computer record${serial ? ` for serial ${serial}` : ''}`] };
}

/** Pure: the parsed document in, state and events out; `rel` is the file's path in the bundle. */
export function normalizeJamfComputer(doc: JsonValue, rel: string, ctx: ParseContext): NormalizedJamfComputer | { error: string } {
  const skips: Skip[] = [];
  const selection = selectComputerRecord(doc, ctx.serial, skips);
  if (selection.kind === 'error') return { error: selection.error };
  if (selection.kind === 'not-found') return notFound(rel, ctx, selection.base, skips);

  const record = readComputerRecord(selection.record, selection.base, skips);
  const state = buildJamfState(record, selection.recordsFound);
  const events = buildComputerEvents(record, state, ctx, rel);
  return { state, events, skips, notes: selection.notes };
}

export async function parseJamfComputerFile(
  path: string,
  rel: string,
  ctx: ParseContext,
): Promise<{ state?: JamfDeviceState; events: TimelineEvent[]; report: FileReport }> {
  const { result, report } = await parseJamfFile(path, rel, (doc) => normalizeJamfComputer(doc, rel, ctx));
  return result ? { state: result.state, events: result.events, report } : { events: [], report };
}

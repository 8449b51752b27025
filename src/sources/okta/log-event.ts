import { nestedDeeperThan, TOO_DEEP } from '../../io/json-depth.js';
import { isJsonObject, type JsonValue } from '../../io/json-file.js';
import type { ParseContext } from '../../model/context.js';
import type { RawRef, TimelineEvent } from '../../model/event.js';
import { isRepresentableInstant, OUT_OF_RANGE } from '../../time/instant-range.js';
import { parseZonedTimestamp } from '../../time/timestamp.js';
import { truncate } from '../../text/one-line.js';
import { stringAt } from './json-get.js';
import { oktaGenericKind } from './kinds.js';
import { oktaEventFields } from './log-event-fields.js';
import { oktaEventKeys } from './log-event-keys.js';
import { readEventParts } from './log-event-parts.js';
import { oktaEventSeverity } from './log-event-severity.js';
import { oktaEventSummary } from './log-event-summary.js';

export type SkippedRecord = { skip: string };

const MAX_UUID_CHARS = 100;
/** Event types are dotted identifiers; anything else would make a kind no rule can name. */
const EVENT_TYPE = /^[A-Za-z0-9_.-]{1,120}$/;

/** The event id for an Okta uuid; also the dedupe key across page files. */
export function oktaEventId(uuid: string): string {
  return `okta:${uuid}`;
}

/** The id of an event whose uuid an export pipeline blanked: named by its place, as nothing else names it. */
export function placedEventId(raw: RawRef): string {
  return `okta:${raw.file}#${raw.pointer ?? ''}`;
}

/** Whether an event's uuid was blanked (`""`, spaces or null) rather than left out. */
export function hasBlankUuid(value: JsonValue): boolean {
  if (!isJsonObject(value) || !Object.hasOwn(value, 'uuid')) return false;
  const uuid = value.uuid;
  return uuid === null || (typeof uuid === 'string' && uuid.trim() === '');
}

/**
 * One System Log LogEvent (as GET /api/v1/logs returns it) as a TimelineEvent, or the reason to skip it.
 * Pure: no I/O, nothing from the clock. `published` is a UTC instant already, so the context is not
 * needed today; it is taken so every record normaliser has the same shape.
 */
export function normalizeOktaEvent(value: JsonValue, raw: RawRef, _ctx: ParseContext): TimelineEvent | SkippedRecord {
  if (!isJsonObject(value)) return { skip: 'not a JSON object' };
  if (nestedDeeperThan(value)) return { skip: TOO_DEEP };
  const uuid = stringAt(value, 'uuid');
  if (uuid === undefined && !hasBlankUuid(value)) return { skip: 'no uuid' };
  if (uuid !== undefined && uuid.length > MAX_UUID_CHARS) return { skip: `uuid longer than ${MAX_UUID_CHARS} characters` };
  const published = stringAt(value, 'published');
  if (published === undefined) return { skip: 'no published time' };
  const instant = parseZonedTimestamp(published);
  if (!instant) return { skip: `unparseable published time ${JSON.stringify(truncate(published, 40))}` };
  if (!isRepresentableInstant(instant.epochMs)) return { skip: `published ${OUT_OF_RANGE}` };

  const parts = readEventParts(value);
  const kind = parts.eventType !== undefined && EVENT_TYPE.test(parts.eventType) ? `okta.${parts.eventType}` : 'okta.unknown';
  const event: TimelineEvent = {
    id: uuid === undefined ? placedEventId(raw) : oktaEventId(uuid),
    epochMs: instant.epochMs,
    originalTime: published,
    source: 'okta',
    kind,
    generic: oktaGenericKind(kind),
    severity: oktaEventSeverity(parts),
    summary: oktaEventSummary(parts),
    keys: oktaEventKeys(parts),
    raw,
    fields: oktaEventFields(parts),
  };
  if (instant.micros !== undefined) event.micros = instant.micros;
  return event;
}

export function isSkippedRecord(result: TimelineEvent | SkippedRecord): result is SkippedRecord {
  return 'skip' in result;
}

/**
 * Reading Jamf JSON fields: JSON pointers, typed scalars, Pro API date-times (RFC 3339, epoch zero =
 * never) and Classic `*_epoch` / `*_utc` pairs. Every Jamf parser reads its fields through here.
 */
import { own, stringAt } from '../../io/json-access.js';
import { type JsonObject, type JsonValue } from '../../io/json-file.js';

export { numberAt, objectAt, stringAt } from '../../io/json-access.js';
import { parseZonedTimestamp, type Instant } from '../../time/timestamp.js';

/** A record or field the parser could not use; `at` is a JSON pointer into the file. */
export interface Skip {
  at: string;
  reason: string;
}

/** Appends RFC 6901 segments ("~" → "~0", "/" → "~1") to a pointer; the document root is "". */
export function pointer(base: string, ...segments: (string | number)[]): string {
  let out = base;
  for (const segment of segments) out += '/' + String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
  return out;
}

export function arrayAt(obj: JsonObject | undefined, key: string): JsonValue[] | undefined {
  const value = own(obj, key);
  return Array.isArray(value) ? value : undefined;
}

/** Identifiers are strings in the Pro API and integers in Classic: accept both, as text. */
export function idAt(obj: JsonObject | undefined, key: string): string | undefined {
  const value = own(obj, key);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return stringAt(obj, key);
}

export function booleanAt(obj: JsonObject | undefined, key: string): boolean | undefined {
  const value = own(obj, key);
  return typeof value === 'boolean' ? value : undefined;
}

/** Short quoted rendering of a bad value for a skip reason. */
export function quoteValue(value: JsonValue): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? text.slice(0, 59) + '…' : text;
}

/** A Pro API date-time field: absent (missing, null or ""), never (epoch zero), unreadable, or an instant. */
export type ZonedTime =
  | { state: 'absent'; at: string }
  | { state: 'never'; at: string; text: string }
  | { state: 'malformed'; at: string }
  | { state: 'ok'; at: string; text: string; instant: Instant };

/**
 * Reads a Pro API date-time at `obj[key]`; `at` is that field's pointer. Unreadable values are
 * recorded in `skips` so the report says where they were.
 */
export function readZonedTime(obj: JsonObject | undefined, key: string, at: string, skips: Skip[]): ZonedTime {
  const value = own(obj, key);
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return { state: 'absent', at };
  }
  const text = typeof value === 'string' ? value.trim() : undefined;
  const instant = text === undefined ? null : parseZonedTimestamp(text);
  if (text === undefined || !instant) {
    skips.push({ at, reason: `unreadable date ${quoteValue(value)}` });
    return { state: 'malformed', at };
  }
  if (instant.epochMs === 0 && !instant.micros) return { state: 'never', at, text };
  return { state: 'ok', at, text, instant };
}

/** The value a device-state field takes: an instant, null for "never", undefined when unknown. */
export function stateTime(time: ZonedTime): number | null | undefined {
  if (time.state === 'ok') return time.instant.epochMs;
  return time.state === 'never' ? null : undefined;
}

/** Latest year Classic epochs may name (9999-12-31T23:59:59.999Z); anything larger is garbage. */
const MAX_EPOCH_MS = 253_402_300_799_999;

/** A Classic `<stem>_epoch` field: integer milliseconds, 0 meaning never. Digit strings are tolerated. */
export type ClassicEpoch =
  | { state: 'absent' }
  | { state: 'never' }
  | { state: 'malformed'; value: JsonValue }
  | { state: 'ok'; epochMs: number };

export function readClassicEpoch(obj: JsonObject, stem: string): ClassicEpoch {
  const value = obj[`${stem}_epoch`];
  if (value === undefined || value === null || value === '') return { state: 'absent' };
  const epochMs = typeof value === 'string' && /^\d{1,15}$/.test(value.trim()) ? Number(value.trim()) : value;
  if (typeof epochMs !== 'number' || !Number.isInteger(epochMs) || epochMs < 0 || epochMs > MAX_EPOCH_MS) {
    return { state: 'malformed', value };
  }
  return epochMs === 0 ? { state: 'never' } : { state: 'ok', epochMs };
}

/** The first usable instant among Classic stems, tried in order, with the text the source wrote. */
export type ClassicInstant =
  | { state: 'ok'; stem: string; epochMs: number; originalTime: string }
  | { state: 'malformed'; stem: string; value: JsonValue }
  | { state: 'none' };

/**
 * Tries `<stem>_epoch` for each stem in order; `_epoch` is canonical (the plain form is server-local
 * and `_utc` may carry any offset). The original text is `<stem>_utc` when present, else the epoch.
 * A malformed epoch stops the search: falling back silently would place the record at another moment.
 */
export function readClassicInstant(obj: JsonObject, stems: readonly string[]): ClassicInstant {
  for (const stem of stems) {
    const epoch = readClassicEpoch(obj, stem);
    if (epoch.state === 'malformed') return { state: 'malformed', stem, value: epoch.value };
    if (epoch.state === 'ok') {
      const utc = stringAt(obj, `${stem}_utc`);
      return { state: 'ok', stem, epochMs: epoch.epochMs, originalTime: utc ?? String(epoch.epochMs) };
    }
  }
  return { state: 'none' };
}

import type { JsonObject } from '../../io/json-file.js';
import type { EventFields } from '../../model/event.js';
import { truncate } from '../../text/one-line.js';
import { objectAt } from './json-get.js';

/** debugData is free-form and not a stable contract; bound what one event can carry. */
export const MAX_DEBUG_KEYS = 200;
export const MAX_DEBUG_STRING_CHARS = 1000;
export const MAX_DEBUG_NESTED_CHARS = 500;

/**
 * Every debugContext.debugData entry as `debug.<key>`. Values are mostly strings on the wire (including
 * `{k=v, ...}` texts for behaviors and risk, kept verbatim); nested objects become capped JSON text.
 */
export function debugDataFields(event: JsonObject): EventFields {
  const fields: EventFields = {};
  const data = objectAt(objectAt(event, 'debugContext'), 'debugData');
  if (!data) return fields;
  let count = 0;
  for (const [key, value] of Object.entries(data)) {
    if (count >= MAX_DEBUG_KEYS) break;
    if (value === null) continue;
    const name = `debug.${key}`;
    if (typeof value === 'string') fields[name] = truncate(value, MAX_DEBUG_STRING_CHARS);
    else if (typeof value === 'number' || typeof value === 'boolean') fields[name] = value;
    else fields[name] = truncate(JSON.stringify(value), MAX_DEBUG_NESTED_CHARS);
    count++;
  }
  return fields;
}

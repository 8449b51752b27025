import { own, stringAt } from '../../io/json-access.js';
import type { JsonObject, JsonValue } from '../../io/json-file.js';

/** Okta-specific reads on top of io/json-access: arrays default to empty, booleans may be strings. */

export { objectAt, stringAt } from '../../io/json-access.js';

export function arrayAt(obj: JsonObject | undefined, key: string): JsonValue[] {
  const value = own(obj, key);
  return Array.isArray(value) ? value : [];
}

/** A boolean, or the strings "true"/"false" that Okta uses in detailEntry maps. */
export function booleanAt(obj: JsonObject | undefined, key: string): boolean | undefined {
  const value = own(obj, key);
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().toLowerCase();
  return text === 'true' ? true : text === 'false' ? false : undefined;
}

/** Okta writes "unknown" (or the string "null") where it has no identifier; such values identify nothing. */
export function identifierAt(obj: JsonObject | undefined, key: string): string | undefined {
  const value = stringAt(obj, key);
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  return lower === 'unknown' || lower === 'null' ? undefined : value;
}

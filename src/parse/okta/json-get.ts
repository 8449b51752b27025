import { isJsonObject, type JsonObject, type JsonValue } from '../../io/json-file.js';

/** Typed, null-tolerant reads from untrusted Okta JSON. Absent, null and wrong-typed all read as undefined. */

function own(obj: JsonObject | undefined, key: string): JsonValue | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function objectAt(obj: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = own(obj, key);
  return isJsonObject(value) ? value : undefined;
}

export function arrayAt(obj: JsonObject | undefined, key: string): JsonValue[] {
  const value = own(obj, key);
  return Array.isArray(value) ? value : [];
}

/** A non-blank string, trimmed. */
export function stringAt(obj: JsonObject | undefined, key: string): string | undefined {
  const value = own(obj, key);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
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

/** One line: runs of whitespace (newlines included) become one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function truncate(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}

import { isJsonObject, type JsonObject, type JsonValue } from './json-file.js';

/** Typed reads from untrusted JSON: absent, null and wrong-typed values all read as undefined. */

/** The object's own property only, so keys such as "constructor" never reach the prototype. */
export function own(obj: JsonObject | undefined, key: string): JsonValue | undefined {
  return obj !== undefined && Object.hasOwn(obj, key) ? obj[key] : undefined;
}

export function objectAt(obj: JsonObject | undefined, key: string): JsonObject | undefined {
  const value = own(obj, key);
  return isJsonObject(value) ? value : undefined;
}

/** A non-blank string, trimmed. */
export function stringAt(obj: JsonObject | undefined, key: string): string | undefined {
  const value = own(obj, key);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

export function numberAt(obj: JsonObject | undefined, key: string): number | undefined {
  const value = own(obj, key);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

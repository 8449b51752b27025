// Small helpers over parsed JSON (scenario data is untyped until a handler reads a field).

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at a dotted path; arrays along the way are flattened (target.id → every target's id). */
export function valuesAt(value: unknown, path: readonly string[]): unknown[] {
  if (path.length === 0) return Array.isArray(value) ? value : [value];
  if (Array.isArray(value)) return value.flatMap((item) => valuesAt(item, path));
  if (!isObject(value)) return [];
  const [head, ...rest] = path;
  if (head === undefined || !(head in value)) return [];
  return valuesAt(value[head], rest);
}

export function stringField(obj: JsonObject, key: string): string | undefined {
  const value = obj[key];
  return typeof value === 'string' ? value : undefined;
}

export function objectField(obj: JsonObject, key: string): JsonObject | undefined {
  const value = obj[key];
  return isObject(value) ? value : undefined;
}

/** A deep copy, so handlers can reshape records without touching the loaded scenario. */
export function cloneJson<T>(value: T): T {
  return structuredClone(value);
}

/** Epoch milliseconds of an RFC 3339 date-time, or undefined when the text is not one. */
export function parseIsoDateTime(text: string): number | undefined {
  const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
  if (!iso.test(text)) return undefined;
  const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isNaN(ms) ? undefined : ms;
}

import type { JsonValue } from './json-file.js';

/**
 * Records nested deeper than this are malformed: no API trustline reads nests beyond a dozen levels,
 * and walking (or writing) 5,000 levels recursively overflows the stack.
 */
export const MAX_JSON_DEPTH = 64;

/** True when `value` nests arrays or objects deeper than `max` levels; iterative, so any depth is safe to ask about. */
export function nestedDeeperThan(value: JsonValue, max = MAX_JSON_DEPTH): boolean {
  const stack: [JsonValue, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

export const TOO_DEEP = `nested deeper than ${MAX_JSON_DEPTH} levels`;

/** Items of a fetched page as a bundle keeps them: a record too deep to walk is replaced by a marker (same index). */
export function storableItems(items: readonly JsonValue[]): JsonValue[] {
  return items.map((item) => (nestedDeeperThan(item) ? { trustlineDropped: `record ${TOO_DEEP}` } : item));
}

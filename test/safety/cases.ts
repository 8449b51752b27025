import { expect } from 'vitest';
import { hostileBundle, supplier } from './hostile-bundle.js';
import { HOSTILE, rawCharacterAt, SPLIT_PAIRS } from './hostile-strings.js';

/** One generated bundle per corpus string (in every field), and one per split pair (alternating field by field). */
export interface HostileCase {
  name: string;
  files: Record<string, string>;
}

export function hostileCases(): HostileCase[] {
  return [
    ...HOSTILE.map((h) => ({ name: h.name, files: hostileBundle(supplier(h.text)) })),
    ...SPLIT_PAIRS.map(([a, b], i) => ({ name: `split-pair-${i + 1}`, files: hostileBundle(supplier(a, b)) })),
  ];
}

/** Fails with the offending character and its context when `text` holds a raw control or format character. */
export function expectClean(text: string, where: string): void {
  const at = rawCharacterAt(text);
  expect(at, `${where}: ${at ?? ''}`).toBeUndefined();
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

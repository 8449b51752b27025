import type { TimelineEvent } from '../../model/event.js';
import type { ConsoleState } from '../types.js';
import { findHits } from './matches.js';
import { memoLast, memoPer } from './memo.js';
import { visibleTimeline } from './timeline.js';
import { CODE_COUNT, lazyArray, listIndex, lowerBound, selectionOf, SortedUnion } from './visible-index.js';
import { partitionPoint } from '../../timeline/partition-point.js';

/** A query's hits over the whole timeline split by code (see visible-index.ts), once per search. */
const hitsByCode = memoLast((timeline: readonly TimelineEvent[], all: readonly number[]): Int32Array[] => {
  const { codes } = listIndex(timeline);
  const counts = new Int32Array(CODE_COUNT);
  for (const h of all) counts[codes[h]!]!++;
  const parts = Array.from(counts, (n) => new Int32Array(n));
  const filled = new Int32Array(CODE_COUNT);
  for (const h of all) {
    const c = codes[h]!;
    parts[c]![filled[c]!++] = h;
  }
  return parts;
});

/** Hits over the whole timeline as indices into a filtered list of it: read through, never listed. */
const hitsIn = memoPer((list: readonly TimelineEvent[], parts: readonly Int32Array[]): readonly number[] => {
  const { index, codes, positions } = selectionOf(list);
  const hits = new SortedUnion(codes.map((c) => parts[c]!), index.list.length);
  return lazyArray(hits.length, (k) => positions.rank(hits.at(k)));
});

/**
 * Indices of the visible events matching the query. The search runs once per query over the whole
 * timeline; changing the filters only maps its hits onto the new visible list.
 */
export function searchHits(s: Pick<ConsoleState, 'analysis' | 'filters' | 'search'>): readonly number[] {
  const { timeline } = s.analysis;
  const list = visibleTimeline(s);
  // Showing only the matches of a search: a plain list of them, searched directly.
  if (s.filters.matching) return findHits(list, s.search.query);
  const all = findHits(timeline, s.search.query);
  // Split the hits by code along with the search (O(hits)), so that filter toggles later stay cheap.
  const byCode = hitsByCode(timeline, all);
  return list === timeline ? all : hitsIn(list, byCode);
}

/** The hits among visible indices start..end-1 (a window of rows), found by one binary search. */
export function hitsBetween(hits: readonly number[], start: number, end: number): Set<number> {
  const found = new Set<number>();
  for (let k = lowerBound(hits, start); k < hits.length && hits[k]! < end; k++) found.add(hits[k]!);
  return found;
}

/** Where `value` is in a sorted list, or -1 (a binary search: hit lists may be read-through arrays). */
export function indexInSorted(sorted: readonly number[], value: number): number {
  const i = lowerBound(sorted, value);
  return sorted[i] === value ? i : -1;
}

/** The next (1) or previous (-1) index in a sorted list strictly after or before `from`, wrapping around. */
export function nextInSorted(sorted: readonly number[], from: number, direction: 1 | -1): number | undefined {
  if (sorted.length === 0) return undefined;
  // lo: first element > from
  const lo = partitionPoint(0, sorted.length, (i) => sorted[i]! <= from);
  if (direction === 1) return sorted[lo] ?? sorted[0];
  const before = lo - 1 - (sorted[lo - 1] === from ? 1 : 0);
  return before >= 0 ? sorted[before] : sorted[sorted.length - 1];
}

import type { TimelineEvent } from '../../model/event.js';
import type { ConsoleState } from '../types.js';
import { queryHits, type QueryHits } from './matches.js';
import { memoPer } from './memo.js';
import { visibleTimeline } from './timeline.js';
import { lazyArray, lowerBound, selectionOf, SortedUnion } from './visible-index.js';
import { partitionPoint } from '../../timeline/partition-point.js';

/** Hits over the whole timeline as indices into a filtered list of it: read through, never listed. */
const hitsIn = memoPer((list: readonly TimelineEvent[], hits: QueryHits): readonly number[] => {
  const { index, codes, positions } = selectionOf(list);
  const union = new SortedUnion(codes.map((c) => hits.byCode[c]!), index.length);
  return lazyArray(union.length, (k) => positions.rank(union.at(k)));
});

/**
 * Indices of the visible events matching the query. The search runs once per query over the whole
 * timeline (and over the events a live batch adds); changing the filters only maps its hits onto the
 * new visible list. Showing only the matches of another search (`m`): the events matching both.
 */
export function searchHits(s: Pick<ConsoleState, 'analysis' | 'filters' | 'search'>): readonly number[] {
  const { timeline } = s.analysis;
  const list = visibleTimeline(s);
  if (s.search.query === '') return [];
  const hits = queryHits(timeline, s.filters.matching ? [s.filters.matching, s.search.query] : [s.search.query]);
  return list === timeline ? hits.all : hitsIn(list, hits);
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

import type { TimelineEvent } from '../../model/event.js';
import type { ConsoleState } from '../types.js';
import { memoLast } from './memo.js';
import { visibleTimeline } from './timeline.js';

export function eventMatches(e: TimelineEvent, needle: string): boolean {
  return e.summary.toLowerCase().includes(needle) || e.kind.toLowerCase().includes(needle);
}

/** Indices (into the visible timeline) of events whose summary or kind contains the query, ignoring case. */
export const findHits = memoLast((list: readonly TimelineEvent[], query: string): readonly number[] => {
  const needle = query.toLowerCase();
  if (needle === '') return [];
  const hits: number[] = [];
  for (let i = 0; i < list.length; i++) if (eventMatches(list[i]!, needle)) hits.push(i);
  return hits;
});

export function searchHits(s: Pick<ConsoleState, 'analysis' | 'filters' | 'search'>): readonly number[] {
  return findHits(visibleTimeline(s), s.search.query);
}

/** The next (1) or previous (-1) index in a sorted list strictly after or before `from`, wrapping around. */
export function nextInSorted(sorted: readonly number[], from: number, direction: 1 | -1): number | undefined {
  if (sorted.length === 0) return undefined;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= from) lo = mid + 1;
    else hi = mid;
  }
  // lo: first element > from
  if (direction === 1) return sorted[lo] ?? sorted[0];
  const before = lo - 1 - (sorted[lo - 1] === from ? 1 : 0);
  return before >= 0 ? sorted[before] : sorted[sorted.length - 1];
}

import type { Severity, SourceName, TimelineEvent } from '../../model/event.js';
import { locate } from '../event-ref.js';
import type { ConsoleState, Filters } from '../types.js';
import { memoLast } from './memo.js';
import { queryHits } from './matches.js';
import { crossesYear } from './time-format.js';
import { codeOf, indexedSources, listIndex, selectCodes } from './visible-index.js';

export const SEVERITIES: readonly Severity[] = ['info', 'warn', 'error'];

/** A source is shown unless it was toggled off. */
export function sourceShown(f: Filters, source: SourceName): boolean {
  return f.sources[source] !== false;
}

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function filtersActive(f: Filters): boolean {
  return f.minSeverity !== 'info' || Object.values(f.sources).some((shown) => !shown) || Boolean(f.matching);
}

function applyFilters(timeline: readonly TimelineEvent[], _length: number, filters: Filters): readonly TimelineEvent[] {
  if (!filtersActive(filters)) return timeline;
  const min = severityRank(filters.minSeverity);
  // Indexing the list first gives every source in it a code.
  listIndex(timeline);
  const sources = indexedSources().filter((source) => sourceShown(filters, source));
  const codes = sources.flatMap((source) => SEVERITIES.filter((severity) => severityRank(severity) >= min).map((severity) => codeOf(source, severity)));
  // No pass over the events: see visible-index.ts. Only a search's matches: those of its hits.
  return selectCodes(timeline, codes, filters.matching ? queryHits(timeline, [filters.matching]).byCode : undefined);
}

const filterMemo = memoLast(applyFilters);

/**
 * The events the timeline shows, in time order. The whole timeline (no copy) when nothing is filtered.
 * Remembered per timeline length too: the console's timeline grows in place (src/store/timeline-log.ts).
 */
export function filterTimeline(timeline: readonly TimelineEvent[], filters: Filters): readonly TimelineEvent[] {
  return filterMemo(timeline, timeline.length, filters);
}

export function visibleTimeline(s: Pick<ConsoleState, 'analysis' | 'filters'>): readonly TimelineEvent[] {
  return filterTimeline(s.analysis.timeline, s.filters);
}

export function cursorIndex(s: Pick<ConsoleState, 'analysis' | 'filters' | 'cursor'>): number {
  return locate(visibleTimeline(s), s.cursor);
}

export function cursorEvent(s: Pick<ConsoleState, 'analysis' | 'filters' | 'cursor'>): TimelineEvent | undefined {
  const list = visibleTimeline(s);
  const i = locate(list, s.cursor);
  return i < 0 ? undefined : list[i];
}

/** The first row to show so that the cursor is on screen, moving the view as little as possible. */
export function windowStart(length: number, cursor: number, top: number, rows: number): number {
  if (length <= rows || rows <= 0) return 0;
  let start = Math.max(0, Math.min(top, length - rows));
  if (cursor < start) start = cursor;
  else if (cursor >= start + rows) start = cursor - rows + 1;
  return start;
}

export interface TimelineWindow {
  start: number;
  rows: readonly TimelineEvent[];
  cursor: number;
  total: number;
}

/** Only the rows on screen: a slice of the visible timeline, never a pass over all of it. */
export function timelineWindow(s: Pick<ConsoleState, 'analysis' | 'filters' | 'cursor' | 'top'>, rows: number): TimelineWindow {
  const list = visibleTimeline(s);
  const cursor = locate(list, s.cursor);
  const start = windowStart(list.length, cursor, Math.max(0, locate(list, s.top)), rows);
  return { start, rows: list.slice(start, start + rows), cursor, total: list.length };
}

/** Whether the loaded timeline spans more than one year as shown: then event times show the year (a 2027 expiry next to a 2025 enrolment). */
export function showsYear(s: Pick<ConsoleState, 'analysis' | 'timeMode' | 'zones'>): boolean {
  const list = s.analysis.timeline;
  return list.length > 1 && crossesYear(list[0]!.epochMs, list[list.length - 1]!.epochMs, s.timeMode, s.zones);
}

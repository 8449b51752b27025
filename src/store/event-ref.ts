import type { TimelineEvent } from '../model/event.js';
import type { EventRef } from './types.js';
import { partitionPoint } from '../timeline/partition-point.js';

export function refOf(event: TimelineEvent): EventRef {
  return event.micros === undefined ? { id: event.id, epochMs: event.epochMs } : { id: event.id, epochMs: event.epochMs, micros: event.micros };
}

function before(e: TimelineEvent, ref: EventRef): boolean {
  return e.epochMs < ref.epochMs || (e.epochMs === ref.epochMs && (e.micros ?? 0) < (ref.micros ?? 0));
}

/** First index whose event is not before the instant of `ref` (binary search: the list is in time order). */
export function lowerBound(list: readonly TimelineEvent[], ref: EventRef): number {
  return partitionPoint(0, list.length, (i) => before(list[i]!, ref));
}

/**
 * Where `ref` is in a time-ordered list: its own index when present, else the index of the nearest
 * later event (clamped to the last), -1 for an empty list or no ref. O(log n) plus the events of one instant.
 */
export function locate(list: readonly TimelineEvent[], ref: EventRef | null): number {
  if (list.length === 0) return -1;
  if (ref === null) return 0;
  const start = lowerBound(list, ref);
  for (let i = start; i < list.length; i++) {
    const e = list[i]!;
    if (e.epochMs !== ref.epochMs || (e.micros ?? 0) !== (ref.micros ?? 0)) break;
    if (e.id === ref.id) return i;
  }
  return Math.min(start, list.length - 1);
}

/** The ref of the event at `index` (clamped), or null for an empty list. */
export function refAt(list: readonly TimelineEvent[], index: number): EventRef | null {
  if (list.length === 0) return null;
  return refOf(list[Math.max(0, Math.min(list.length - 1, index))]!);
}

/** The event a ref names, if it is (still) in the list. */
export function eventAt(list: readonly TimelineEvent[], ref: EventRef): TimelineEvent | undefined {
  const e = list[locate(list, ref)];
  return e?.id === ref.id ? e : undefined;
}

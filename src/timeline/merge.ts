import { compareEvents, type TimelineEvent } from '../model/event.js';

/** Sorts one source's events in place; TimSort makes the mostly-ordered runs of real logs near linear. */
export function sortRun(events: TimelineEvent[]): TimelineEvent[] {
  return events.sort(compareEvents);
}

/**
 * Merges sorted runs into one order: by instant, then by run position (the order sources are given),
 * then by position within the run, so equal instants keep a stable, reproducible order.
 */
export function mergeSortedRuns(runs: readonly (readonly TimelineEvent[])[]): TimelineEvent[] {
  const live = runs.filter((run) => run.length > 0);
  const total = live.reduce((sum, run) => sum + run.length, 0);
  const out = new Array<TimelineEvent>(total);
  const positions = live.map(() => 0);
  for (let n = 0; n < total; n++) {
    let best = -1;
    for (let r = 0; r < live.length; r++) {
      const pos = positions[r]!;
      if (pos >= live[r]!.length) continue;
      if (best === -1 || compareEvents(live[r]![pos]!, live[best]![positions[best]!]!) < 0) best = r;
    }
    out[n] = live[best]![positions[best]!++]!;
  }
  return out;
}

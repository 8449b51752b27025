import type { Analysis } from '../model/analysis.js';
import { compareEvents, type TimelineEvent } from '../model/event.js';
import { mergeSortedRuns } from '../timeline/merge.js';

/**
 * The console's timeline as live batches arrive. A batch that comes after the last event (nearly
 * every live batch) is pushed onto one array the store owns: O(batch), not a copy of the timeline.
 * A batch that reaches back in time is merged into a new array (O(timeline), rare). The first append
 * to an array the store was handed (the opening analysis, a replaced one) copies it once, since
 * others may hold it.
 *
 * Readers of a growing array key what they compute on (array, length), not on the array alone
 * (src/store/selectors/). An analysis published with `publish` keeps its own events: read after the
 * array grew, its timeline is a copy of its own length (made once), so an analysis held across an
 * update (a report being written) never shows half of a later one.
 */
export class TimelineLog {
  private events: TimelineEvent[];
  private owned = false;

  constructor(events: TimelineEvent[]) {
    this.events = events;
  }

  get current(): readonly TimelineEvent[] {
    return this.events;
  }

  /** Adds time-ordered or unordered `batch`; equal instants keep earlier events first. */
  append(batch: readonly TimelineEvent[]): void {
    if (batch.length === 0) return;
    const add = [...batch].sort(compareEvents);
    const last = this.events[this.events.length - 1];
    if (last && compareEvents(last, add[0]!) > 0) {
      this.events = mergeSortedRuns([this.events, add]);
      this.owned = true;
      return;
    }
    if (!this.owned) {
      this.events = this.events.slice();
      this.owned = true;
    }
    for (const e of add) this.events.push(e);
  }

  /** A new array to hold from now on (a replaced analysis): not the store's to grow until copied. */
  reset(events: TimelineEvent[]): void {
    this.events = events;
    this.owned = false;
  }

  /** `analysis` with this log's timeline at its current length, kept as it is now (see above). */
  publish(analysis: Omit<Analysis, 'timeline'>): Analysis {
    const array = this.events;
    const length = array.length;
    let copy: TimelineEvent[] | undefined;
    const out = { ...analysis } as Analysis;
    Object.defineProperty(out, 'timeline', {
      enumerable: true,
      configurable: true,
      get: () => (array.length === length ? array : (copy ??= array.slice(0, length))),
    });
    return out;
  }
}

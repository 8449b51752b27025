import { compareEvents, type TimelineEvent } from '../model/event.js';

/** The role-generic kind of an event, when its adapter gives one. */
export function genericOf(e: TimelineEvent): string | undefined {
  return (e as { generic?: string }).generic;
}

function insertSorted(list: TimelineEvent[], e: TimelineEvent): void {
  const last = list[list.length - 1];
  if (!last || compareEvents(last, e) <= 0) {
    list.push(e);
    return;
  }
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareEvents(list[mid]!, e) <= 0) lo = mid + 1;
    else hi = mid;
  }
  list.splice(lo, 0, e);
}

/**
 * Events grouped by vendor kind and by generic kind, each group in time order, so a finding only
 * looks at the kinds it names. Appending a batch costs the batch, not the timeline.
 */
export class EventIndex {
  private readonly byKind = new Map<string, TimelineEvent[]>();
  private readonly byGeneric = new Map<string, TimelineEvent[]>();
  /** Every event in time order: the caller's array until the first append (then a copy of our own). */
  private all: readonly TimelineEvent[];
  private ownsAll = false;

  /** `events` in time order (an Analysis timeline is); it is not copied. */
  constructor(events: readonly TimelineEvent[] = []) {
    this.all = events;
    let sorted = true;
    let previous: TimelineEvent | undefined;
    for (const e of events) {
      if (previous && compareEvents(previous, e) > 0) sorted = false;
      previous = e;
      this.listOf(this.byKind, e.kind).push(e);
      const generic = genericOf(e);
      if (generic !== undefined && generic !== e.kind) this.listOf(this.byGeneric, generic).push(e);
    }
    if (!sorted) for (const list of [...this.byKind.values(), ...this.byGeneric.values()]) list.sort(compareEvents);
  }

  get size(): number {
    return this.all.length;
  }

  private listOf(map: Map<string, TimelineEvent[]>, key: string): TimelineEvent[] {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    return list;
  }

  append(events: readonly TimelineEvent[]): void {
    if (events.length === 0) return;
    if (!this.ownsAll) {
      this.all = [...this.all];
      this.ownsAll = true;
    }
    const all = this.all as TimelineEvent[];
    for (const e of events) {
      insertSorted(all, e);
      insertSorted(this.listOf(this.byKind, e.kind), e);
      const generic = genericOf(e);
      if (generic !== undefined && generic !== e.kind) insertSorted(this.listOf(this.byGeneric, generic), e);
    }
  }

  /** The first event (in time) of a vendor kind. */
  first(kind: string): TimelineEvent | undefined {
    return this.byKind.get(kind)?.[0];
  }

  /** Vendor kinds present, with their events in time order. */
  kinds(): IterableIterator<[string, readonly TimelineEvent[]]> {
    return this.byKind.entries();
  }

  /**
   * Runs of events whose vendor or generic kind matches one of the patterns (exact or `prefix*`),
   * each run in time order and no event in two runs; every event when there are no patterns.
   */
  candidates(patterns: readonly string[]): readonly (readonly TimelineEvent[])[] {
    if (patterns.length === 0) return [this.all];
    const runs: TimelineEvent[][] = [];
    const vendorRuns = new Set<string>();
    const matches = (kind: string) => patterns.some((p) => (p.endsWith('*') ? kind.startsWith(p.slice(0, -1)) : kind === p));
    for (const [kind, list] of this.byKind) {
      if (matches(kind)) {
        runs.push(list);
        vendorRuns.add(kind);
      }
    }
    for (const [generic, list] of this.byGeneric) {
      if (!matches(generic)) continue;
      // Events already taken through their vendor kind are not listed twice.
      const rest = list.filter((e) => !vendorRuns.has(e.kind));
      if (rest.length > 0) runs.push(rest);
    }
    return runs;
  }
}

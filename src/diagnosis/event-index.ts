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
  private readonly all: TimelineEvent[] = [];

  constructor(events: readonly TimelineEvent[] = []) {
    this.append(events);
  }

  get size(): number {
    return this.all.length;
  }

  append(events: readonly TimelineEvent[]): void {
    for (const e of events) {
      insertSorted(this.all, e);
      let list = this.byKind.get(e.kind);
      if (!list) this.byKind.set(e.kind, (list = []));
      insertSorted(list, e);
      const generic = genericOf(e);
      if (generic !== undefined && generic !== e.kind) {
        let g = this.byGeneric.get(generic);
        if (!g) this.byGeneric.set(generic, (g = []));
        insertSorted(g, e);
      }
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

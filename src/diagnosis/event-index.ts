import { compareEvents, type TimelineEvent } from '../model/event.js';
import { partitionPoint } from '../timeline/partition-point.js';
import { finish, WorkMeter, type Steps } from './steps.js';

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
  list.splice(partitionPoint(0, list.length, (i) => compareEvents(list[i]!, e) <= 0), 0, e);
}

/**
 * Events grouped by vendor kind and by generic kind, each group in time order, so a finding only
 * looks at the kinds it names. Appending a batch costs the batch, not the timeline.
 */
export class EventIndex {
  private readonly byKind = new Map<string, TimelineEvent[]>();
  private readonly byGeneric = new Map<string, TimelineEvent[]>();
  /**
   * Every event in time order, in two runs: the first `baseLength` events of the caller's array (never
   * copied: the console's array may grow past them, src/store/timeline-log.ts) and later arrivals.
   */
  private base: readonly TimelineEvent[] = [];
  private baseLength = 0;
  private baseRun: readonly TimelineEvent[] | undefined;
  private readonly later: TimelineEvent[] = [];

  /** `events` in time order (an Analysis timeline is); it is not copied. */
  constructor(events: readonly TimelineEvent[] = []) {
    finish(this.fill(events));
  }

  /** The index of `events`, built in steps (steps.ts). */
  static *steps(events: readonly TimelineEvent[]): Steps<EventIndex> {
    const index = new EventIndex();
    yield* index.fill(events);
    return index;
  }

  private *fill(events: readonly TimelineEvent[]): Steps<void> {
    const n = events.length;
    this.base = events;
    this.baseLength = n;
    const work = new WorkMeter();
    // Two passes: count, then fill arrays of the right size (growing a million-entry array by push
    // leaves most of the index's cost to the garbage collector). Kind strings repeat (a handful of kinds
    // for a million events), so each map lookup hashes a string V8 has hashed before.
    const kindCounts = new Map<string, number>();
    const genericCounts = new Map<string, number>();
    let sorted = true;
    for (let i = 0; i < n; i++) {
      const e = events[i]!;
      if (i > 0 && compareEvents(events[i - 1]!, e) > 0) sorted = false;
      kindCounts.set(e.kind, (kindCounts.get(e.kind) ?? 0) + 1);
      const generic = genericOf(e);
      if (generic !== undefined && generic !== e.kind) genericCounts.set(generic, (genericCounts.get(generic) ?? 0) + 1);
      if (work.add()) yield;
    }
    const slots = (counts: Map<string, number>, into: Map<string, TimelineEvent[]>) => {
      const fill = new Map<string, { list: TimelineEvent[]; at: number }>();
      for (const [key, size] of counts) {
        const list = new Array<TimelineEvent>(size);
        fill.set(key, { list, at: 0 });
        into.set(key, list);
      }
      return fill;
    };
    const kindSlots = slots(kindCounts, this.byKind);
    const genericSlots = slots(genericCounts, this.byGeneric);
    for (let i = 0; i < n; i++) {
      const e = events[i]!;
      const slot = kindSlots.get(e.kind)!;
      slot.list[slot.at++] = e;
      const generic = genericOf(e);
      if (generic !== undefined && generic !== e.kind) {
        const g = genericSlots.get(generic)!;
        g.list[g.at++] = e;
      }
      if (work.add()) yield;
    }
    if (!sorted) for (const list of [...this.byKind.values(), ...this.byGeneric.values()]) list.sort(compareEvents);
  }

  /** The caller's events this index was built on (a copy of them once the array grew past them). */
  private baseEvents(): readonly TimelineEvent[] {
    if (this.base.length === this.baseLength) return this.base;
    return (this.baseRun ??= this.base.slice(0, this.baseLength));
  }

  get size(): number {
    return this.baseLength + this.later.length;
  }

  private listOf(map: Map<string, TimelineEvent[]>, key: string): TimelineEvent[] {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    return list;
  }

  append(events: readonly TimelineEvent[]): void {
    for (const e of events) {
      insertSorted(this.later, e);
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
    if (patterns.length === 0) return this.later.length === 0 ? [this.baseEvents()] : [this.baseEvents(), this.later];
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

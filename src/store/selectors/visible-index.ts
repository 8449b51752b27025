import type { Severity, SourceName, TimelineEvent } from '../../model/event.js';
import { partitionPoint } from '../../timeline/partition-point.js';

/*
 * Filters, search hits and the histogram without a pass over the events on every key. Once per event
 * list, each event gets a code (source × 3 + severity) and the list gets, per code, the sorted
 * positions of its events. A filter is then a choice of codes: how many events it shows is a sum,
 * the k-th shown event a search over a few sorted arrays (O(log² n)), so toggling a source or the
 * minimum severity on a million events costs microseconds, not a new million-element array.
 */

/** Sources the index tells apart; codes are one byte. */
export const MAX_SOURCES = 16;
export const CODE_COUNT = MAX_SOURCES * 3;
const SEVERITY_INDEX: Record<Severity, number> = { info: 0, warn: 1, error: 2 };
/** Source ids in the order first seen: a source's code block for the life of the process. */
const sourceIndexes = new Map<SourceName, number>();

function sourceIndex(source: SourceName): number {
  let index = sourceIndexes.get(source);
  if (index === undefined) {
    if (sourceIndexes.size >= MAX_SOURCES) throw new Error(`more than ${MAX_SOURCES} sources`);
    index = sourceIndexes.size;
    sourceIndexes.set(source, index);
  }
  return index;
}

/** Every source id the index has seen (a filter selects among their codes). */
export function indexedSources(): SourceName[] {
  return [...sourceIndexes.keys()];
}

export function codeOf(source: SourceName, severity: Severity): number {
  return sourceIndex(source) * 3 + SEVERITY_INDEX[severity];
}

/** The severity of a code: 0 info, 1 warn, 2 error. */
export function severityOfCode(code: number): number {
  return code % 3;
}

export interface ListIndex {
  list: readonly TimelineEvent[];
  /** How many of the list's events it covers: the console's timeline grows in place (src/store/timeline-log.ts). */
  length: number;
  times: Float64Array;
  codes: Uint8Array;
  /** Per code, the positions of its events in the list, ascending. */
  byCode: Int32Array[];
}

/** Where a list's index lives: capacities double as the list grows, so a live batch costs the batch. */
interface IndexStorage {
  times: Float64Array;
  codes: Uint8Array;
  byCode: Int32Array[];
  counts: Int32Array;
}

const indexes = new WeakMap<readonly TimelineEvent[], { storage: IndexStorage; current: ListIndex }>();

function grown<A extends Float64Array | Uint8Array | Int32Array>(array: A, needed: number, make: (n: number) => A): A {
  if (needed <= array.length) return array;
  const bigger = make(Math.max(needed, array.length * 2, 16));
  bigger.set(array);
  return bigger;
}

function viewOf(list: readonly TimelineEvent[], s: IndexStorage, length: number): ListIndex {
  return { list, length, times: s.times.subarray(0, length), codes: s.codes.subarray(0, length), byCode: s.byCode.map((a, c) => a.subarray(0, s.counts[c]!)) };
}

/** One pass over the list: arrays of the exact size. */
function buildIndex(list: readonly TimelineEvent[]): IndexStorage {
  const length = list.length;
  const times = new Float64Array(length);
  const codes = new Uint8Array(length);
  const counts = new Int32Array(CODE_COUNT);
  for (let i = 0; i < length; i++) {
    const e = list[i]!;
    times[i] = e.epochMs;
    counts[(codes[i] = codeOf(e.source, e.severity))]!++;
  }
  const byCode = Array.from(counts, (n) => new Int32Array(n));
  const filled = new Int32Array(CODE_COUNT);
  for (let i = 0; i < length; i++) {
    const c = codes[i]!;
    byCode[c]![filled[c]!++] = i;
  }
  return { times, codes, byCode, counts };
}

/** Indexes the events the list gained at its end, from `from`. */
function extendIndex(list: readonly TimelineEvent[], s: IndexStorage, from: number): void {
  const length = list.length;
  s.times = grown(s.times, length, (n) => new Float64Array(n));
  s.codes = grown(s.codes, length, (n) => new Uint8Array(n));
  for (let i = from; i < length; i++) {
    const e = list[i]!;
    const c = codeOf(e.source, e.severity);
    s.times[i] = e.epochMs;
    s.codes[i] = c;
    const at = s.counts[c]!++;
    s.byCode[c] = grown(s.byCode[c]!, at + 1, (n) => new Int32Array(n));
    s.byCode[c]![at] = i;
  }
}

/**
 * The index of a list: built on first use (one pass over it); a list that grew at its end since (the
 * console's timeline) gets only its new events indexed. Events before the old end never change there.
 */
export function listIndex(list: readonly TimelineEvent[]): ListIndex {
  const index = indexes.get(list);
  if (index !== undefined && index.current.length === list.length) return index.current;
  let storage: IndexStorage;
  if (index === undefined || index.current.length > list.length) storage = buildIndex(list);
  else extendIndex(list, (storage = index.storage), index.current.length);
  const current = viewOf(list, storage, list.length);
  indexes.set(list, { storage, current });
  return current;
}

/** First index in a sorted array whose value is not below `value`. */
export function lowerBound(sorted: ArrayLike<number>, value: number): number {
  return partitionPoint(0, sorted.length, (i) => sorted[i]! < value);
}

/**
 * The union of a few sorted, disjoint arrays of positions (below `limit`), without merging them:
 * `at(k)` is its k-th position, `rank(p)` how many of its positions come before p. Stepping to the
 * next or previous k (a window of rows, a scan for the next error) costs one binary search per array.
 */
export class SortedUnion {
  readonly length: number;
  private readonly parts: Int32Array[];
  private lastK = -1;
  private lastP = -1;

  constructor(
    parts: readonly Int32Array[],
    private readonly limit: number,
  ) {
    this.parts = parts.filter((p) => p.length > 0);
    this.length = this.parts.reduce((n, p) => n + p.length, 0);
  }

  rank(position: number): number {
    let r = 0;
    for (const part of this.parts) r += lowerBound(part, position);
    return r;
  }

  /** The first selected position after `p` (direction 1), or the last one before it (-1). */
  private step(p: number, direction: 1 | -1): number {
    let best = -1;
    for (const part of this.parts) {
      const i = lowerBound(part, p + (direction === 1 ? 1 : 0)) + (direction === 1 ? 0 : -1);
      const candidate = part[i];
      if (candidate !== undefined && (best === -1 || (direction === 1 ? candidate < best : candidate > best))) best = candidate;
    }
    return best;
  }

  at(k: number): number {
    if (k < 0 || k >= this.length) return -1;
    if (this.parts.length === 1) return this.parts[0]![k]!;
    if (k === this.lastK) return this.lastP;
    let p: number;
    if (k === this.lastK + 1) p = this.step(this.lastP, 1);
    else if (k === this.lastK - 1) p = this.step(this.lastP, -1);
    else {
      // The smallest position with more than k selected events up to and including it.
      p = partitionPoint(0, this.limit - 1, (i) => this.rank(i + 1) <= k);
    }
    this.lastK = k;
    this.lastP = p;
    return p;
  }
}

/** `key` as an array index, or -1. */
function arrayIndex(key: string | symbol): number {
  if (typeof key !== 'string') return -1;
  const c = key.charCodeAt(0);
  if (c < 48 || c > 57) return -1;
  const n = Number(key);
  return Number.isInteger(n) && String(n) === key ? n : -1;
}

/**
 * A read-only array whose element k is `at(k)`. Index access goes through the proxy: fine for what
 * the console does per key (binary searches, a window of rows, a scan to the next error), slow for a
 * pass over everything, which the selectors avoid.
 */
export function lazyArray<T>(length: number, at: (k: number) => T | undefined): readonly T[] {
  return new Proxy<T[]>([], {
    get(target, key, receiver) {
      const i = arrayIndex(key);
      if (i !== -1) return i < length ? at(i) : undefined;
      if (key === 'length') return length;
      return Reflect.get(target, key, receiver) as unknown;
    },
    has(target, key) {
      const i = arrayIndex(key);
      return i !== -1 ? i < length : Reflect.has(target, key);
    },
    ownKeys() {
      return [...Array.from({ length }, (_, i) => String(i)), 'length'];
    },
    getOwnPropertyDescriptor(target, key) {
      const i = arrayIndex(key);
      if (i !== -1) return i < length ? { value: at(i), writable: false, enumerable: true, configurable: true } : undefined;
      if (key === 'length') return { value: length, writable: true, enumerable: false, configurable: false };
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
  });
}

/** Some codes' events of an indexed list (or some of them: a search's matches). */
export interface Selection {
  index: ListIndex;
  codes: readonly number[];
  /** Per code of `codes`, in the same order, the positions selected. */
  parts: readonly Int32Array[];
  positions: SortedUnion;
}

/** `partsByCode`: per code, the positions to select (default: all the code's events). */
function select(index: ListIndex, codes: readonly number[], partsByCode: readonly Int32Array[] = index.byCode): Selection {
  const parts = codes.map((c) => partsByCode[c]!);
  return { index, codes, parts, positions: new SortedUnion(parts, index.length) };
}

const ALL_CODES = Array.from({ length: CODE_COUNT }, (_, c) => c);
const selections = new WeakMap<readonly TimelineEvent[], Selection>();

/** A list as a selection: a filtered list's own (of the list it was filtered from), else all of the list itself. */
export function selectionOf(list: readonly TimelineEvent[]): Selection {
  let selection = selections.get(list);
  // A list's own selection follows the list as it grows; a filtered list's is fixed with it.
  if (selection === undefined || (selection.index.list === list && selection.index.length !== list.length)) {
    selection = select(listIndex(list), ALL_CODES);
    selections.set(list, selection);
  }
  return selection;
}

/**
 * The events of `codes` in `list` (or, with `partsByCode`, those positions of them), as a read-only
 * array of the list's current length that reads through to the list.
 */
export function selectCodes(list: readonly TimelineEvent[], codes: readonly number[], partsByCode?: readonly Int32Array[]): readonly TimelineEvent[] {
  const selection = select(listIndex(list), codes, partsByCode);
  const view = lazyArray(selection.positions.length, (k) => list[selection.positions.at(k)]);
  selections.set(view, selection);
  return view;
}

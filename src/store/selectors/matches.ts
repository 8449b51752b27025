import type { TimelineEvent } from '../../model/event.js';
import { patternProblem } from '../../text/safe-pattern.js';
import { CODE_COUNT, codeOf, lazyArray } from './visible-index.js';

/**
 * A search query as a regular expression (ignoring case), or why it cannot be one: a syntax error, or
 * a shape that could hang the engine (src/text/safe-pattern.ts), in one line.
 */
export function searchPattern(query: string): RegExp | { error: string } {
  const problem = patternProblem(query);
  if (problem !== undefined) return { error: `refused: ${problem}` };
  try {
    return new RegExp(query, 'i');
  } catch (error) {
    // V8 says `Invalid regular expression: /a(/i: Unterminated group`: the reason is the last part.
    return { error: `not a regular expression: ${String((error as Error).message).split(': ').at(-1)}` };
  }
}

export function eventMatches(e: TimelineEvent, pattern: RegExp): boolean {
  return pattern.test(e.summary) || pattern.test(e.kind);
}

/** Events of a list matching every query of a set: all of them, and split by code (visible-index.ts). */
export interface QueryHits {
  /** Indices into the list, ascending (a read-only view of the list's length when they were found). */
  all: readonly number[];
  /** Per code, the hits of that code's events, ascending. */
  byCode: readonly Int32Array[];
}

/** The hits found so far in one list for one set of queries, in storage that grows with the list. */
interface Scan {
  key: string;
  /** Undefined when a query is not a pattern (a refused or invalid one matches nothing). */
  patterns: RegExp[] | undefined;
  length: number;
  all: number[];
  byCode: Int32Array[];
  counts: Int32Array;
  current: QueryHits;
}

/** Scans kept per list: the search, the `m` filter and both together. */
const KEPT_SCANS = 4;
const scans = new WeakMap<readonly TimelineEvent[], Scan[]>();

/** A scan of nothing yet. */
function startScan(key: string, queries: readonly string[]): Scan {
  const patterns = queries.map(searchPattern);
  const byCode = Array.from({ length: CODE_COUNT }, () => new Int32Array(0));
  return { key, patterns: patterns.every((p): p is RegExp => p instanceof RegExp) ? patterns : undefined, length: 0, all: [], byCode, counts: new Int32Array(CODE_COUNT), current: { all: [], byCode } };
}

function extendScan(list: readonly TimelineEvent[], scan: Scan): void {
  const patterns = scan.patterns;
  for (let i = scan.length; patterns !== undefined && i < list.length; i++) {
    const e = list[i]!;
    if (!patterns.every((p) => eventMatches(e, p))) continue;
    scan.all.push(i);
    const c = codeOf(e.source, e.severity);
    const at = scan.counts[c]!++;
    let part = scan.byCode[c]!;
    if (at >= part.length) {
      const bigger = new Int32Array(Math.max(16, part.length * 2));
      bigger.set(part);
      scan.byCode[c] = part = bigger;
    }
    part[at] = i;
  }
  scan.length = list.length;
  const { all, counts } = scan;
  const n = all.length;
  scan.current = { all: lazyArray(n, (k) => all[k]), byCode: scan.byCode.map((part, c) => part.subarray(0, counts[c]!)) };
}

/**
 * Indices of the events of `list` whose summary or kind matches every query (regular expressions
 * ignoring case). Each set of queries scans a list once; a list that grew at its end since (the
 * console's timeline) gets only its new events scanned.
 */
export function queryHits(list: readonly TimelineEvent[], queries: readonly string[]): QueryHits {
  const key = queries.join('\u0000');
  let kept = scans.get(list);
  if (kept === undefined) scans.set(list, (kept = []));
  let scan = kept.find((s) => s.key === key);
  if (scan === undefined || scan.length > list.length) {
    if (scan !== undefined) kept.splice(kept.indexOf(scan), 1);
    scan = startScan(key, queries);
    kept.unshift(scan);
    kept.length = Math.min(kept.length, KEPT_SCANS);
    extendScan(list, scan);
  } else if (scan.length !== list.length) extendScan(list, scan);
  return scan.current;
}

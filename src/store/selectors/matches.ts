import type { TimelineEvent } from '../../model/event.js';
import { patternProblem } from '../../text/safe-pattern.js';
import { memoLast } from './memo.js';

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

/** Indices (into the list) of events whose summary or kind matches the query, a regular expression ignoring case. */
export const findHits = memoLast((list: readonly TimelineEvent[], query: string): readonly number[] => {
  const pattern = query === '' ? undefined : searchPattern(query);
  // A query the prompt refused is never committed; an invalid one matches nothing.
  if (!(pattern instanceof RegExp)) return [];
  const hits: number[] = [];
  for (let i = 0; i < list.length; i++) if (eventMatches(list[i]!, pattern)) hits.push(i);
  return hits;
});

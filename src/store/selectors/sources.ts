import type { SourceRole } from '../../core/roles.js';
import type { SourceSummary } from '../../model/analysis.js';
import { memoLast } from './memo.js';

/** How a source is marked on screen: its letter, and the colour of its role. */
export interface SourceMark {
  letter: string;
  token: `source.${SourceRole}`;
}

const UNKNOWN: SourceMark = { letter: '?', token: 'source.endpoint' };

/** Marks by source id, from the analysis' source list (which the registry ordered). */
export const sourceMarks = memoLast((sources: readonly SourceSummary[]): ReadonlyMap<string, SourceMark> =>
  new Map(sources.map((s) => [s.name, { letter: s.letter, token: `source.${s.role}` as const }])),
);

export function markOf(marks: ReadonlyMap<string, SourceMark>, source: string): SourceMark {
  return marks.get(source) ?? UNKNOWN;
}

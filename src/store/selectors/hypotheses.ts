import type { Hypothesis } from '../../model/analysis.js';
import type { ConsoleState } from '../types.js';

/** The selected hypothesis (by id), else the top-ranked one. */
export function selectedHypothesis(s: Pick<ConsoleState, 'analysis' | 'selectedHypothesis'>): Hypothesis | undefined {
  const list = s.analysis.hypotheses;
  return (s.selectedHypothesis !== null ? list.find((h) => h.id === s.selectedHypothesis) : undefined) ?? list[0];
}

export function selectedHypothesisIndex(s: Pick<ConsoleState, 'analysis' | 'selectedHypothesis'>): number {
  const h = selectedHypothesis(s);
  return h ? s.analysis.hypotheses.indexOf(h) : -1;
}

export interface EvidenceCounts {
  supports: number;
  contradicts: number;
  unknown: number;
}

export function evidenceCounts(h: Hypothesis): EvidenceCounts {
  let supports = 0;
  for (const e of h.evidence) if (e.supports) supports++;
  return { supports, contradicts: h.evidence.length - supports, unknown: h.unknown.length };
}

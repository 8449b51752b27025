import type { Hypothesis } from '../../src/model/analysis.js';

/** One scenario's outcome: the ranking and the cause the bundle was written for (null: no cause should be likely). */
export interface EvalCase {
  bundle: string;
  expect: string | null;
  notLikely: readonly string[];
  ranking: readonly Hypothesis[];
}

export interface EvalFigures {
  cases: number;
  /** Top cause is the expected one (or, when none is expected, nothing is likely). */
  top1: number;
  /** Top cause is the expected one and likely (or none likely when none is expected). */
  top1Likely: number;
  moreThanOneLikely: number;
  /** Likely verdicts on a cause other than the expected one. */
  falseLikely: number;
  /** Scenarios whose expected cause the pack does not have. */
  unknownCause: number;
  /** Mean over scenarios with an expected cause: Σ (posterior − truth)² over the causes. */
  brier: number;
  /** Mean −ln posterior of the expected cause (floored at 1e-6). */
  logLoss: number;
  /** Mean posterior difference between the first two causes. */
  margin: number;
  misses: string[];
}

const FLOOR = 1e-6;

export function evaluate(cases: readonly EvalCase[]): EvalFigures {
  let top1 = 0;
  let top1Likely = 0;
  let moreThanOneLikely = 0;
  let falseLikely = 0;
  let unknownCause = 0;
  let brier = 0;
  let logLoss = 0;
  let scored = 0;
  let margin = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const likely = c.ranking.filter((h) => h.verdict === 'likely');
    const [first, second] = c.ranking;
    if (likely.length > 1) moreThanOneLikely++;
    falseLikely += likely.filter((h) => h.id !== c.expect).length;
    margin += (first?.score ?? 0) - (second?.score ?? 0);
    const hit = c.expect === null ? likely.length === 0 : first?.id === c.expect;
    if (hit) top1++;
    if (hit && (c.expect === null || first?.verdict === 'likely')) top1Likely++;
    else misses.push(`${c.bundle}: expected ${c.expect ?? 'nothing likely'}, got ${c.ranking.slice(0, 3).map((h) => `${h.id} ${h.verdict} ${h.score.toFixed(3)}`).join(', ')}`);
    if (c.expect === null) continue;
    if (!c.ranking.some((h) => h.id === c.expect)) unknownCause++;
    scored++;
    for (const h of c.ranking) brier += (h.score - (h.id === c.expect ? 1 : 0)) ** 2;
    if (!c.ranking.some((h) => h.id === c.expect)) brier += 1;
    logLoss += -Math.log(Math.max(FLOOR, c.ranking.find((h) => h.id === c.expect)?.score ?? 0));
  }
  const n = cases.length || 1;
  return {
    cases: cases.length,
    top1: top1 / n,
    top1Likely: top1Likely / n,
    moreThanOneLikely,
    falseLikely,
    unknownCause,
    brier: scored ? brier / scored : 0,
    logLoss: scored ? logLoss / scored : 0,
    margin: margin / n,
    misses,
  };
}

export function formatFigures(name: string, f: EvalFigures): string {
  const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
  const lines = [
    `${name}: ${f.cases} bundles`,
    `  top-1 accuracy ${pct(f.top1)} (first and likely: ${pct(f.top1Likely)})`,
    `  more than one likely: ${f.moreThanOneLikely}   false likely: ${f.falseLikely}   expected cause not in the pack: ${f.unknownCause}`,
    `  Brier ${f.brier.toFixed(3)}   log loss ${f.logLoss.toFixed(3)}   mean margin first-second ${f.margin.toFixed(3)}`,
    ...f.misses.map((m) => `  miss: ${m}`),
  ];
  return lines.join('\n');
}

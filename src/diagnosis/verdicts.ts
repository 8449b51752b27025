import type { Verdict } from '../model/analysis.js';
import type { Posterior } from './inference.js';
import type { Cause } from './model.js';
import type { Thresholds } from './pack-schema.js';

/** A posterior as reports show it (the JSON `score`): four decimals. */
export function shownScore(p: number): number {
  return Math.round(p * 10_000) / 10_000;
}

/** Cause indices by posterior as shown, highest first; ties by id, never by pack order. */
export function rankOrder(causes: readonly Cause[], posterior: Posterior): number[] {
  const score = posterior.marginals.map(shownScore);
  return causes.map((_, i) => i).sort((a, b) => score[b]! - score[a]! || (causes[a]!.id < causes[b]!.id ? -1 : causes[a]!.id > causes[b]!.id ? 1 : 0));
}

/**
 * Verdicts from the posterior: the first cause is likely when its posterior reaches `likely` and is
 * `margin` times the second's; the first two are both likely when the pair of them, together,
 * carries `likely` of the posterior and a margin over the third. Below `ruledOut`: unlikely.
 */
export function verdicts(causes: readonly Cause[], posterior: Posterior, order: readonly number[], t: Thresholds): Verdict[] {
  const m = (rank: number) => (order[rank] === undefined ? 0 : shownScore(posterior.marginals[order[rank]!]!));
  const likely = new Set<number>();
  if (m(0) >= t.likely && m(0) >= t.margin * m(1)) likely.add(order[0]!);
  else if (order.length >= 2) {
    const [a, b] = [order[0]!, order[1]!];
    const pair = posterior.sets.findIndex((s) => s.length === 2 && s.includes(a) && s.includes(b));
    if (pair >= 0 && posterior.probabilities[pair]! >= t.likely && m(1) >= t.margin * m(2)) {
      likely.add(a);
      likely.add(b);
    }
  }
  return causes.map((_, i) => (likely.has(i) ? 'likely' : shownScore(posterior.marginals[i]!) < t.ruledOut ? 'unlikely' : 'possible'));
}

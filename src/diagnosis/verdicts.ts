import type { Verdict } from '../model/analysis.js';
import { infer, presentProbability, type Observations, type Posterior } from './inference.js';
import type { Cause, Finding } from './model.js';
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
 * The causes the posterior alone makes likely: the first when its posterior reaches `likely` and is
 * `margin` times the second's; the first two when the pair of them, together, carries `likely` of the
 * posterior and a margin over the third.
 */
export function likelyOnPosterior(posterior: Posterior, order: readonly number[], t: Thresholds): Set<number> {
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
  return likely;
}

export interface VerdictInputs {
  causes: readonly Cause[];
  findings: readonly Finding[];
  observed: Observations;
  posterior: Posterior;
  order: readonly number[];
  thresholds: Required<Thresholds>;
  /** Whether an unknown finding could still be looked at (a related finding whose anchor was not seen cannot). */
  testable(findingId: string): boolean;
}

/**
 * The chance, under the posterior, that at least one of these findings takes the value that overturns
 * the verdict. Findings are independent given the cause set (noisy-OR), so it is exact:
 * 1 − Σ_set P(set) · Π (1 − P(finding takes that value | set)). A finding that excludes a cause cannot
 * be present in a set holding that cause.
 */
function reversalChance(hinges: readonly { f: Finding; overturnedIf: boolean }[], v: VerdictInputs): number {
  if (hinges.length === 0) return 0;
  let none = 0;
  v.posterior.sets.forEach((set, k) => {
    let stays = 1;
    for (const { f, overturnedIf } of hinges) {
      const excluded = set.some((i) => v.causes[i]!.excludedBy.includes(f.id));
      const present = excluded ? 0 : presentProbability(f, v.causes, set);
      stays *= overturnedIf ? 1 - present : present;
    }
    none += v.posterior.probabilities[k]! * stays;
  });
  return 1 - none;
}

export interface Verdicts {
  verdicts: Verdict[];
  /**
   * Causes the posterior makes likely but looking further could still overturn: cause index → the hinge
   * most likely to, and the value that would (false: the cause predicts the finding; true: it excludes it).
   */
  pending: Map<number, { id: string; overturnedIf: boolean }>;
}

/**
 * A cause the posterior makes likely stays likely only while its premises (`requires`) are present and
 * looking further is unlikely to overturn it. An unknown premise is the hinge the next step looks at.
 * The other hinges: each unknown finding it produces that, found absent, would take the verdict away,
 * and each unknown finding that excludes it. When the chance that any hinge turns out that way is
 * above `reversal`, the cause is possible, pending the hinge most likely to (the next step looks there).
 */
export function verdicts(v: VerdictInputs): Verdicts {
  const t = v.thresholds;
  const pending: Verdicts['pending'] = new Map();
  const byId = new Map(v.findings.map((f) => [f.id, f] as const));
  const likely = likelyOnPosterior(v.posterior, v.order, t);
  let unfounded = false;
  for (const i of likely) {
    const cause = v.causes[i]!;
    const premise = cause.requires.find((id) => v.observed.get(id) !== true);
    if (premise !== undefined) {
      if (!v.observed.has(premise) && v.testable(premise)) pending.set(i, { id: premise, overturnedIf: false });
      else unfounded = true;
      continue;
    }
    const counterfactuals: [string, boolean][] = [
      ...[...cause.produces].filter(([, link]) => link > 0).map(([id]): [string, boolean] => [id, false]),
      ...cause.excludedBy.map((id): [string, boolean] => [id, true]),
    ];
    const hinges: { f: Finding; overturnedIf: boolean }[] = [];
    for (const [id, value] of counterfactuals.sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      if (v.observed.has(id) || !v.testable(id)) continue;
      const posterior = infer(v.causes, v.findings, new Map(v.observed).set(id, value));
      if (!likelyOnPosterior(posterior, rankOrder(v.causes, posterior), t).has(i)) hinges.push({ f: byId.get(id)!, overturnedIf: value });
    }
    if (reversalChance(hinges, v) <= t.reversal) continue;
    // The hinge the engineer should look at first: the one most likely to overturn it (ties by id).
    const hinge = hinges.map((h) => ({ ...h, p: reversalChance([h], v) })).reduce((a, b) => (b.p > a.p ? b : a));
    pending.set(i, { id: hinge.f.id, overturnedIf: hinge.overturnedIf });
  }
  // Two causes together are one claim: if one of them could be overturned, so could the pair.
  const stands = pending.size === 0 && !unfounded;
  const verdict = v.causes.map((_, i): Verdict => (likely.has(i) && stands ? 'likely' : shownScore(v.posterior.marginals[i]!) < t.ruledOut ? 'unlikely' : 'possible'));
  return { verdicts: verdict, pending };
}

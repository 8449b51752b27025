import type { Cause, Finding } from './model.js';

/** Observed findings: true = present, false = absent. Unknown findings are simply not listed. */
export type Observations = ReadonlyMap<string, boolean>;

/** A set of simultaneous causes (indices into the cause list, at most two); empty = "other / none of these". */
export type CauseSet = readonly number[];

export interface Posterior {
  sets: readonly CauseSet[];
  /** P(set | observations), summing to 1 over `sets`. */
  probabilities: readonly number[];
  /** P(cause is among the causes | observations), per cause. */
  marginals: readonly number[];
  /** P("other / none of these" | observations). */
  other: number;
}

/** The cause sets the engine reasons over: none, each cause alone, each pair. */
export function causeSets(n: number): CauseSet[] {
  const sets: CauseSet[] = [[]];
  for (let i = 0; i < n; i++) sets.push([i]);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) sets.push([i, j]);
  return sets;
}

/** Noisy-OR: P(finding present | these causes) = 1 − (1 − leak) · Π (1 − link). */
export function presentProbability(f: Finding, causes: readonly Cause[], set: CauseSet): number {
  let absent = 1 - f.leak;
  for (const i of set) absent *= 1 - (causes[i]!.produces.get(f.id) ?? 0);
  return 1 - absent;
}

/**
 * Exact posterior over cause sets of size at most two (QMR-DT style noisy-OR), with "none of the
 * listed causes" as the empty set. A set's prior is Π π (causes in it) · Π (1 − π) (causes not in it);
 * a cause excluded by a present finding gets probability zero in every set holding it.
 */
export function infer(causes: readonly Cause[], findings: readonly Finding[], observed: Observations): Posterior {
  const sets = causeSets(causes.length);
  const excluded = causes.map((c) => c.excludedBy.some((f) => observed.get(f) === true));
  const logOdds = causes.map((c) => Math.log(c.prior / (1 - c.prior)));
  const relevant = findings.filter((f) => observed.has(f.id));
  const logs = sets.map((set) => {
    if (set.some((i) => excluded[i])) return Number.NEGATIVE_INFINITY;
    let log = 0;
    for (const i of set) log += logOdds[i]!;
    for (const f of relevant) {
      const p = presentProbability(f, causes, set);
      log += Math.log(observed.get(f.id) ? p : 1 - p);
    }
    return log;
  });
  const max = Math.max(...logs);
  const weights = logs.map((l) => (Number.isFinite(l) ? Math.exp(l - max) : 0));
  const total = weights.reduce((a, b) => a + b, 0);
  const probabilities = weights.map((w) => w / total);
  const marginals = causes.map(() => 0);
  sets.forEach((set, k) => {
    for (const i of set) marginals[i]! += probabilities[k]!;
  });
  return { sets, probabilities, marginals, other: probabilities[0]! };
}

/** Shannon entropy (nats) of a distribution. */
export function entropy(ps: readonly number[]): number {
  let h = 0;
  for (const p of ps) if (p > 0) h -= p * Math.log(p);
  return h;
}

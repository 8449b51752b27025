import type { FindingState } from './findings.js';
import { entropy, presentProbability, type Posterior } from './inference.js';
import type { Cause, Finding, Step } from './model.js';

/** What can run now. */
export interface StepAvailability {
  /** A probe needs the Mac reachable over SSH; console and command steps are always possible. */
  macReachable: boolean;
  /** Probes whose output is already in the evidence: never proposed again. */
  probesInHand: ReadonlySet<string>;
}

/** Outcomes enumerated per step: at most this many unknown findings (2^n outcomes). */
const MAX_SETTLED = 4;

export function runnable(step: Step, availability: StepAvailability): boolean {
  if (step.kind !== 'probe') return true;
  return availability.macReachable && !availability.probesInHand.has(step.action);
}

/**
 * Expected information gain (nats) about the cause set from learning the step's unknown findings:
 * H(now) − Σ_outcome P(outcome) · H(after outcome). Findings are independent given the cause set
 * (noisy-OR), so the posterior after an outcome is the current one times P(outcome | set).
 */
export function informationGain(step: Step, causes: readonly Cause[], findings: ReadonlyMap<string, Finding>, states: ReadonlyMap<string, FindingState>, posterior: Posterior): number {
  const unknown = step.settles.filter((id) => states.get(id)?.state === 'unknown').slice(0, MAX_SETTLED).map((id) => findings.get(id)!);
  if (unknown.length === 0) return 0;
  const present = unknown.map((f) => posterior.sets.map((set) => presentProbability(f, causes, set)));
  const before = entropy(posterior.probabilities);
  let expectedAfter = 0;
  for (let outcome = 0; outcome < 1 << unknown.length; outcome++) {
    const joint = posterior.probabilities.map((p, k) => {
      let w = p;
      for (let i = 0; i < unknown.length; i++) w *= outcome & (1 << i) ? present[i]![k]! : 1 - present[i]![k]!;
      return w;
    });
    const total = joint.reduce((a, b) => a + b, 0);
    if (total > 0) expectedAfter += total * entropy(joint.map((w) => w / total));
  }
  return Math.max(0, before - expectedAfter);
}

export interface ChosenStep {
  step: Step;
  gain: number;
}

/** The runnable step with the highest gain per cost among these ids; ties by id. Undefined when none gains anything. */
export function bestStep(ids: readonly string[], steps: ReadonlyMap<string, Step>, availability: StepAvailability, gainOf: (s: Step) => number): ChosenStep | undefined {
  let best: (ChosenStep & { value: number }) | undefined;
  for (const id of [...new Set(ids)].sort()) {
    const step = steps.get(id)!;
    if (!runnable(step, availability)) continue;
    const gain = gainOf(step);
    const value = gain / step.cost;
    if (gain > 1e-9 && (!best || value > best.value + 1e-12)) best = { step, gain, value };
  }
  return best && { step: best.step, gain: best.gain };
}

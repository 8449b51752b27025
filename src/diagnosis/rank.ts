import type { Hypothesis, HypothesisEvidence, NextStep } from '../model/analysis.js';
import type { FindingState } from './findings.js';
import { infer, type Observations, type Posterior } from './inference.js';
import type { Cause, DiagnosisModel, Finding, Step } from './model.js';
import { bestStep, informationGain, runnable, type StepAvailability } from './next-step.js';
import { rankOrder, shownScore, verdicts } from './verdicts.js';

export interface RankOptions extends StepAvailability {
  /** The command line a probe runs, as the runbook shows it. */
  probeCommand(name: string): string;
}

/** Evidence lines per finding in a hypothesis (the finding itself keeps every event). */
const EVIDENCE_EVENTS_PER_FINDING = 20;
/** A refuted finding counts as evidence against a cause that produces it at least this often. */
const AGAINST_LINK = 0.5;

export function observations(states: ReadonlyMap<string, FindingState>): Observations {
  const observed = new Map<string, boolean>();
  for (const [id, s] of states) if (s.state !== 'unknown') observed.set(id, s.state === 'present');
  return observed;
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** A finding's `why` inside a sentence: no final stop, a leading article in lower case (names such as Okta keep theirs). */
function clause(text: string): string {
  const t = text.trim().replace(/[.!?]$/, '');
  return /^(The|A|An|No|Every|Not|Some)\b/.test(t) ? t[0]!.toLowerCase() + t.slice(1) : t;
}

function stepWhy(step: Step): string {
  return `${sentence(step.checks)} Confirms: ${sentence(step.confirms)} Refutes: ${sentence(step.refutes)}`;
}

function render(step: Step, why: string, options: RankOptions): NextStep {
  const command = step.kind === 'probe' ? options.probeCommand(step.action) : step.action;
  return { stepId: step.id, title: step.title, command, why };
}

/** Evidence lines in time order (the earliest failure first), each finding's events in its own order. */
function evidenceOf(cause: Cause, findings: ReadonlyMap<string, Finding>, states: ReadonlyMap<string, FindingState>): HypothesisEvidence[] {
  const out: (HypothesisEvidence & { at: number })[] = [];
  const add = (f: Finding, supports: boolean) => {
    const s = states.get(f.id)!;
    if (s.state === 'unknown') return;
    for (const e of s.events.slice(0, EVIDENCE_EVENTS_PER_FINDING)) out.push({ eventId: e.id, supports, why: supports ? f.why : f.whyNot, at: e.epochMs });
  };
  for (const [id, link] of [...cause.produces].sort()) {
    const f = findings.get(id)!;
    const s = states.get(id)!.state;
    if (s === 'present' && link > 0) add(f, true);
    else if (s === 'absent' && link >= AGAINST_LINK) add(f, false);
  }
  for (const id of cause.excludedBy) if (states.get(id)?.state === 'present') add(findings.get(id)!, false);
  return out.sort((a, b) => a.at - b.at).map(({ at: _at, ...line }) => line);
}

/** Ranks the model's causes on the findings: posterior, verdict, evidence and a next step each. Pure. */
export function rankCauses(model: DiagnosisModel, states: ReadonlyMap<string, FindingState>, options: RankOptions): Hypothesis[] {
  const { causes } = model;
  const findings = new Map(model.findings.map((f) => [f.id, f] as const));
  const observed = observations(states);
  const posterior = infer(causes, model.findings, observed);
  const order = rankOrder(causes, posterior);
  const testable = (id: string) => {
    const anchor = findings.get(id)!.relation?.anchor;
    return anchor === undefined || states.get(anchor)?.state === 'present';
  };
  const { verdicts: verdict, pending } = verdicts({ causes, findings: model.findings, observed, posterior, order, thresholds: model.thresholds, testable });
  const gains = new Map<string, number>();
  const gainOf = (step: Step) => {
    let g = gains.get(step.id);
    if (g === undefined) gains.set(step.id, (g = informationGain(step, causes, findings, states, posterior)));
    return g;
  };
  const anyLikely = verdict.includes('likely');
  return order.map((i, rank) => {
    const cause = causes[i]!;
    const waitingOn = pending.get(i);
    const next = nextFor(cause, rank, verdict[i] === 'likely', anyLikely, model, order, posterior, options, gainOf, waitingOn && { finding: findings.get(waitingOn.id)!, state: states.get(waitingOn.id)!, overturnedIf: waitingOn.overturnedIf });
    return {
      id: cause.id,
      title: cause.title,
      score: shownScore(posterior.marginals[i]!),
      verdict: verdict[i]!,
      evidence: evidenceOf(cause, findings, states),
      explains: [...cause.produces].filter(([id, link]) => link > 0 && states.get(id)?.state === 'present').map(([id]) => id).sort(),
      next,
      explanation: cause.explanation,
      unknown: [...cause.produces.keys()].sort().flatMap((id) => {
        const s = states.get(id)!;
        return s.state === 'unknown' ? [`${findings.get(id)!.why} (unknown: ${s.why})`] : [];
      }),
    };
  });
}

function nextFor(
  cause: Cause,
  rank: number,
  isLikely: boolean,
  anyLikely: boolean,
  model: DiagnosisModel,
  order: readonly number[],
  posterior: Posterior,
  options: RankOptions,
  gainOf: (s: Step) => number,
  pending: { finding: Finding; state: FindingState; overturnedIf: boolean } | undefined,
): NextStep {
  const steps = model.steps;
  if (pending) {
    // Likely on the posterior, but one finding not yet looked at could overturn it: look at that first.
    const settling = [...steps.values()].filter((s) => s.settles.includes(pending.finding.id)).map((s) => s.id);
    const chosen = bestStep([...settling, ...cause.steps], steps, options, gainOf);
    if (chosen) {
      const what = clause(pending.finding.why);
      const hinge = pending.overturnedIf ? `it is ruled out if ${what}` : `it predicts that ${what}`;
      const unknownWhy = pending.state.state === 'unknown' ? ` (${pending.state.why})` : '';
      const p = posterior.marginals[model.causes.indexOf(cause)]!.toFixed(2);
      return render(chosen.step, `"${cause.title}" leads (posterior ${p}) but is not yet likely: ${hinge}, which is not known yet${unknownWhy}. ${stepWhy(chosen.step)}`, options);
    }
  }
  if (isLikely) {
    const remedy = steps.get(cause.remedy)!;
    const expect = remedy.expect ?? remedy.confirms;
    return render(remedy, `${cause.title} is likely (posterior ${posterior.marginals[model.causes.indexOf(cause)]!.toFixed(2)}). ${sentence(remedy.checks)} Expect: ${sentence(expect)}`, options);
  }
  if (rank === 0 && !anyLikely) {
    // Nothing is likely: the step that tells the leading causes apart, whichever runbook it is in.
    const all = model.causes.flatMap((c) => c.steps);
    const chosen = bestStep(all, steps, options, gainOf);
    if (chosen) {
      const second = order[1] === undefined ? '' : ` from "${model.causes[order[1]]!.title}"`;
      return render(chosen.step, `Evidence is not conclusive yet; this separates "${cause.title}"${second}. ${stepWhy(chosen.step)}`, options);
    }
  }
  const own = bestStep(cause.steps, steps, options, gainOf);
  const step = own?.step ?? cause.steps.map((id) => steps.get(id)!).find((s) => runnable(s, options)) ?? steps.get(cause.remedy)!;
  const lead = rank === 0 && !anyLikely && !own ? 'Evidence is not conclusive yet and no runnable step is expected to tell the causes apart; this is the leading cause\'s step. ' : '';
  return render(step, `${lead}${stepWhy(step)}`, options);
}

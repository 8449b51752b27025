import type { Hypothesis, HypothesisEvidence, NextStep, Verdict } from '../model/analysis.js';
import { HypothesisEvaluation, type TriageContext } from './evaluate.js';
import type { HypothesisDefinition, RunbookStep } from './pack-schema.js';
import { PROBE_COMMANDS } from '../sources/mac/ssh/commands.js';

/** Score at or above which a hypothesis with all its core evidence and no strong contradiction is likely. */
export const LIKELY_SCORE = 0.5;
/** Score below which a hypothesis is unlikely. */
export const POSSIBLE_SCORE = 0.2;

interface Ranked {
  def: HypothesisDefinition;
  evaluation: HypothesisEvaluation;
  score: number;
  verdict: Verdict;
  order: number;
}

function judge(def: HypothesisDefinition, ev: HypothesisEvaluation): { score: number; verdict: Verdict } {
  const holds = (id: string) => ev.outcome(id).status === 'holds';
  const maxSupport = def.evidence.reduce((sum, s) => sum + s.weight, 0);
  const support = def.evidence.filter((s) => holds(s.id)).reduce((sum, s) => sum + s.weight, 0);
  const against = def.contradictions.filter((s) => holds(s.id)).reduce((sum, s) => sum + s.weight, 0);
  const coreHolds = def.evidence.filter((s) => s.core).every((s) => holds(s.id));
  // Without its core evidence a hypothesis keeps half its score: supporting details alone stay below it.
  const raw = maxSupport === 0 ? 0 : ((support - against) / maxSupport) * (coreHolds ? 1 : 0.5);
  const score = Math.round(Math.max(0, Math.min(1, raw)) * 100) / 100;
  const refuted = def.contradictions.some((s) => s.strong && holds(s.id));
  if (refuted) return { score, verdict: 'unlikely' };
  if (coreHolds && score >= LIKELY_SCORE) return { score, verdict: 'likely' };
  return { score, verdict: score >= POSSIBLE_SCORE ? 'possible' : 'unlikely' };
}

function evidenceOf(def: HypothesisDefinition, ev: HypothesisEvaluation): HypothesisEvidence[] {
  const out: HypothesisEvidence[] = [];
  const add = (signatures: readonly { id: string; why: string }[], supports: boolean) => {
    for (const s of signatures) {
      const o = ev.outcome(s.id);
      if (o.status === 'holds') for (const e of o.events) out.push({ eventId: e.id, supports, why: s.why });
    }
  };
  add(def.evidence, true);
  add(def.contradictions, false);
  return out;
}

function unknownSignatures(r: Ranked): { id: string; why: string }[] {
  return [...r.def.evidence, ...r.def.contradictions].filter((s) => r.evaluation.outcome(s.id).status === 'unknown');
}

/** Steps that would settle evidence still unknown for this hypothesis. */
function informativeSteps(r: Ranked): RunbookStep[] {
  const unknown = new Set(unknownSignatures(r).map((s) => s.id));
  return r.def.runbook.filter((step) => step.produces.some((id) => unknown.has(id)));
}

function renderStep(step: RunbookStep, why: string): NextStep {
  const command = step.probe !== undefined ? (PROBE_COMMANDS[step.probe] ?? step.probe) : (step.command ?? step.console ?? '');
  return { title: step.title, command, why };
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function stepWhy(step: RunbookStep): string {
  // What the step checks opens a sentence of its own (packs write it as a phrase: "the offset").
  const checks = sentence(step.checks);
  return `${checks.charAt(0).toUpperCase()}${checks.slice(1)} Confirms: ${sentence(step.confirms)} Refutes: ${sentence(step.refutes)}`;
}

function nextStep(r: Ranked): NextStep {
  const step = informativeSteps(r)[0] ?? r.def.runbook[0]!;
  return renderStep(step, stepWhy(step));
}

/**
 * When nothing is likely, the top hypothesis' next step is the one that best separates the two
 * leading candidates: a probe both need, else one that settles unknown evidence of either.
 */
function separatingStep(first: Ranked, second: Ranked | undefined): NextStep | undefined {
  const mine = informativeSteps(first);
  const theirs = second ? informativeSteps(second) : [];
  const shared = mine.find((a) => a.probe !== undefined && theirs.some((b) => b.probe === a.probe));
  const step = shared ?? mine[0] ?? theirs[0];
  if (!step) return undefined;
  const against = second ? ` from "${second.def.title}"` : '';
  return renderStep(step, `Evidence is not conclusive yet; this separates "${first.def.title}"${against}. ${stepWhy(step)}`);
}

const VERDICT_RANK: Record<Verdict, number> = { likely: 0, possible: 1, unlikely: 2 };

/** Evaluates every hypothesis and returns them ranked, best first, each with its evidence and next step. */
export function rankHypotheses(defs: readonly HypothesisDefinition[], ctx: TriageContext): Hypothesis[] {
  const ranked: Ranked[] = defs.map((def, order) => {
    const evaluation = new HypothesisEvaluation(def, ctx);
    return { def, evaluation, order, ...judge(def, evaluation) };
  });
  ranked.sort((a, b) => b.score - a.score || VERDICT_RANK[a.verdict] - VERDICT_RANK[b.verdict] || a.order - b.order);
  const anyLikely = ranked.some((r) => r.verdict === 'likely');
  return ranked.map((r, i) => {
    const next = !anyLikely && i === 0 ? (separatingStep(r, ranked[1]) ?? nextStep(r)) : nextStep(r);
    return {
      id: r.def.id,
      title: r.def.title,
      score: r.score,
      verdict: r.verdict,
      evidence: evidenceOf(r.def, r.evaluation),
      next,
      explanation: r.def.explanation.trim(),
      unknown: unknownSignatures(r).map((s) => s.why),
    };
  });
}

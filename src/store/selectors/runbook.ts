import type { DiagnosisModel, Step } from '../../diagnosis/model.js';
import type { Hypothesis } from '../../model/analysis.js';
import { PROBE_COMMANDS } from '../../sources/mac/ssh/commands.js';
import type { ConsoleState, RunState, StepMark } from '../types.js';
import { selectedHypothesis } from './hypotheses.js';
import { memoLast } from './memo.js';

export interface StepView {
  /** Stable across hypotheses: the probe name, else the step id (marks are kept per key). */
  key: string;
  title: string;
  checks: string;
  confirms: string;
  refutes: string;
  kind: 'probe' | 'command' | 'console';
  /** What the engineer sees and copies: the exact probe command line, the command, or the console path. */
  command: string;
  probe: string | undefined;
  isNext: boolean;
  mark: StepMark | undefined;
}

export function stepKey(step: Step): string {
  return step.kind === 'probe' ? `probe:${step.action}` : `step:${step.id}`;
}

function view(step: Step, isNext: boolean, marks: Record<string, StepMark>): StepView {
  const probe = step.kind === 'probe' ? step.action : undefined;
  const command = probe !== undefined ? (PROBE_COMMANDS[probe] ?? probe) : step.action;
  const key = stepKey(step);
  return { key, title: step.title, checks: step.checks, confirms: step.confirms, refutes: step.refutes, kind: step.kind, command, probe, isNext, mark: marks[key] };
}

const buildSteps = memoLast((model: DiagnosisModel, h: Hypothesis | undefined, marks: Record<string, StepMark>): readonly StepView[] => {
  if (!h) return [];
  const cause = model.causes.find((c) => c.id === h.id);
  const ids = cause ? [...new Set([...cause.steps, cause.remedy])] : [];
  const steps = ids.map((id) => view(model.steps.get(id)!, id === h.next.stepId, marks));
  if (steps.some((s) => s.isNext)) return steps;
  // The separating step may come from another cause's runbook: found by id.
  const borrowed = model.steps.get(h.next.stepId);
  return borrowed ? [view(borrowed, true, marks), ...steps] : steps;
});

/** The runbook of the selected hypothesis, its next step marked (first when borrowed from the runner-up). */
export function runbookSteps(s: Pick<ConsoleState, 'active' | 'analysis' | 'selectedHypothesis' | 'marks'>): readonly StepView[] {
  return buildSteps(s.active.model, selectedHypothesis(s), s.marks);
}

/** The selected step: by key, else the next step, else the first. */
export function selectedStep(s: Pick<ConsoleState, 'active' | 'analysis' | 'selectedHypothesis' | 'marks' | 'selectedStep'>): StepView | undefined {
  const steps = runbookSteps(s);
  return steps.find((x) => x.key === s.selectedStep) ?? steps.find((x) => x.isNext) ?? steps[0];
}

export interface StepProgress {
  done: number;
  skipped: number;
  total: number;
}

export function stepProgress(steps: readonly StepView[]): StepProgress {
  let done = 0;
  let skipped = 0;
  for (const s of steps) {
    if (s.mark === 'done') done++;
    else if (s.mark === 'skipped') skipped++;
  }
  return { done, skipped, total: steps.length };
}

const IDLE: RunState = { state: 'idle' };

/** The run the selected hypothesis' runbook shows: a probe still running, else the last run only if it ran from this runbook. */
export function shownRun(s: Pick<ConsoleState, 'run' | 'analysis' | 'selectedHypothesis'>): RunState {
  if (s.run.state === 'idle' || s.run.state === 'running') return s.run;
  return s.run.hypothesisId === selectedHypothesis(s)?.id ? s.run : IDLE;
}

/** Every step marked done or skipped, whichever hypothesis' runbook it was marked on, in the model's order. */
export function markedSteps(s: Pick<ConsoleState, 'active' | 'marks'>): { title: string; mark: StepMark }[] {
  const out: { title: string; mark: StepMark }[] = [];
  const seen = new Set<string>();
  for (const step of s.active.model.steps.values()) {
    const key = stepKey(step);
    const mark = s.marks[key];
    if (mark !== undefined && !seen.has(key)) out.push({ title: step.title, mark });
    seen.add(key);
  }
  return out;
}

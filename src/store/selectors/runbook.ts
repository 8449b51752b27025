import type { Hypothesis } from '../../model/analysis.js';
import { PROBE_COMMANDS } from '../../sources/mac/ssh/commands.js';
import type { HypothesisDefinition, RunbookStep } from '../../triage/pack-schema.js';
import type { ConsoleState, StepMark } from '../types.js';
import { selectedHypothesis } from './hypotheses.js';
import { memoLast } from './memo.js';

export interface StepView {
  /** Stable across hypotheses: the probe name, else the title (marks are kept per key). */
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

export function stepKey(step: RunbookStep): string {
  return step.probe !== undefined ? `probe:${step.probe}` : `step:${step.title}`;
}

function view(step: RunbookStep, isNext: boolean, marks: Record<string, StepMark>): StepView {
  const kind = step.probe !== undefined ? 'probe' : step.command !== undefined ? 'command' : 'console';
  const command = step.probe !== undefined ? (PROBE_COMMANDS[step.probe] ?? step.probe) : (step.command ?? step.console ?? '');
  const key = stepKey(step);
  return { key, title: step.title, checks: step.checks, confirms: step.confirms, refutes: step.refutes, kind, command, probe: step.probe, isNext, mark: marks[key] };
}

const buildSteps = memoLast(
  (defs: readonly HypothesisDefinition[], h: Hypothesis | undefined, marks: Record<string, StepMark>): readonly StepView[] => {
    if (!h) return [];
    const own = defs.find((d) => d.id === h.id)?.runbook ?? [];
    const isNext = (s: RunbookStep) => s.title === h.next.title;
    const steps = own.map((s) => view(s, isNext(s), marks));
    if (steps.some((s) => s.isNext)) return steps;
    // The separating step may come from the runner-up's runbook.
    const borrowed = defs.flatMap((d) => d.runbook).find(isNext);
    return borrowed ? [view(borrowed, true, marks), ...steps] : steps;
  },
);

/** The runbook of the selected hypothesis, its next step marked (first when borrowed from the runner-up). */
export function runbookSteps(s: Pick<ConsoleState, 'active' | 'analysis' | 'selectedHypothesis' | 'marks'>): readonly StepView[] {
  return buildSteps(s.active.hypotheses, selectedHypothesis(s), s.marks);
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

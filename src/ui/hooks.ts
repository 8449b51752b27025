import { useMemo } from 'react';
import { runbookSteps, selectedStep, type StepView } from '../store/selectors/runbook.js';
import { useConsole } from './store-context.js';

/** The selected hypothesis' runbook and the selected step, recomputed only when they can change. */
export function useRunbook(): { steps: readonly StepView[]; step: StepView | undefined } {
  const analysis = useConsole((s) => s.analysis);
  const active = useConsole((s) => s.active);
  const selectedHypothesis = useConsole((s) => s.selectedHypothesis);
  const marks = useConsole((s) => s.marks);
  const selected = useConsole((s) => s.selectedStep);
  return useMemo(() => {
    const s = { analysis, active, selectedHypothesis, marks, selectedStep: selected };
    return { steps: runbookSteps(s), step: selectedStep(s) };
  }, [analysis, active, selectedHypothesis, marks, selected]);
}

import { useMemo } from 'react';
import { GUIDED_STAGES } from '../../store/selectors/guided.js';
import { LinesPane } from '../components/LinesPane.js';
import type { Segment } from '../components/Row.js';
import type { Rect } from '../layout.js';
import { useConsole, useConsoleStore } from '../store-context.js';
import { guidedLines } from './guided-lines.js';

/** The walkthrough for a new on-call engineer: five stages, from confirming the device to escalating. */
export function GuidedPane({ rect }: { rect: Rect }) {
  const store = useConsoleStore();
  const stage = useConsole((s) => s.guidedStage);
  // Every stage reads a different part of the state: re-render on the parts that change them.
  const analysis = useConsole((s) => s.analysis);
  const loads = useConsole((s) => s.sourceStates);
  const marks = useConsole((s) => s.marks);
  const hypothesis = useConsole((s) => s.selectedHypothesis);
  const step = useConsole((s) => s.selectedStep);
  const width = Math.max(0, rect.width - 2);
  const rows = Math.max(0, rect.height - 2);
  const lines = useMemo(() => guidedLines(store.getState(), stage, width, Math.max(0, rows - 1)), [store, stage, width, rows, analysis, loads, marks, hypothesis, step]);
  const dots = GUIDED_STAGES.map((_, i) => (i === stage ? '●' : '○')).join(' ');
  const title = `Walkthrough ${stage + 1}/${GUIDED_STAGES.length}: ${GUIDED_STAGES[stage]?.title ?? ''}`;
  const head: Segment[] = [{ text: `${dots}  `, token: 'accent' }, { text: 'j/k or Enter: next stage · r run · c copy · w/Esc leave', token: 'hint.text' }];
  return <LinesPane title={title} rect={rect} lines={[head, ...lines]} />;
}

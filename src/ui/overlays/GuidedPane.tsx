import { useEffect, useMemo } from 'react';
import { GUIDED_STAGES } from '../../store/selectors/guided.js';
import { LinesPane } from '../components/LinesPane.js';
import type { Segment } from '../components/Row.js';
import type { Rect } from '../layout.js';
import { useConsole, useConsoleStore } from '../store-context.js';
import { guidedLines } from './guided-lines.js';

/** The walkthrough for a new on-call engineer: five stages, from confirming the device to escalating; j/k scroll a long stage. */
export function GuidedPane({ rect }: { rect: Rect }) {
  const store = useConsoleStore();
  const stage = useConsole((s) => s.guidedStage);
  const offset = useConsole((s) => s.guidedOffset);
  // Every stage reads a different part of the state: re-render on the parts that change them.
  const analysis = useConsole((s) => s.analysis);
  const loads = useConsole((s) => s.sourceStates);
  const marks = useConsole((s) => s.marks);
  const hypothesis = useConsole((s) => s.selectedHypothesis);
  const step = useConsole((s) => s.selectedStep);
  const width = Math.max(0, rect.width - 2);
  // The first row is the stage head; the last says how much is left when the stage is longer than the pane.
  const rows = Math.max(0, rect.height - 3);
  const lines = useMemo(() => guidedLines(store.getState(), stage, width), [store, stage, width, analysis, loads, marks, hypothesis, step]);
  const maxOffset = lines.length > rows ? lines.length - rows + 1 : 0;
  useEffect(() => store.getState().setGuidedMaxOffset(maxOffset), [store, maxOffset]);
  const from = Math.min(offset, maxOffset);
  const shown = lines.slice(from);
  const dots = GUIDED_STAGES.map((_, i) => (i === stage ? '●' : '○')).join(' ');
  const place = maxOffset > 0 ? ` · lines ${from + 1}-${Math.min(lines.length, from + rows - (from < maxOffset ? 1 : 0))}/${lines.length}` : '';
  const title = `Walkthrough ${stage + 1}/${GUIDED_STAGES.length}: ${GUIDED_STAGES[stage]?.title ?? ''}${place}`;
  const head: Segment[] = [{ text: `${dots}  `, token: 'accent' }, { text: 'Enter/Tab next stage · S-Tab back · j/k scroll · r run · c copy · w/Esc leave', token: 'hint.text' }];
  return <LinesPane title={title} rect={rect} lines={[head, ...shown]} />;
}

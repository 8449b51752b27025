import { safeLine } from '../../text/boundary.js';
import { LinesPane } from '../components/LinesPane.js';
import type { Segment } from '../components/Row.js';
import { useRunbook } from '../hooks.js';
import type { Rect } from '../layout.js';
import { markBox } from '../panes/RunbookPane.js';
import { wrapCells } from '../text/cells.js';

/** One runbook step in full: the whole command wrapped (no cut), what it checks, confirms and refutes. */
export function StepDetail({ rect, stepKey }: { rect: Rect; stepKey: string }) {
  const { steps } = useRunbook();
  const width = Math.max(0, rect.width - 2);
  const step = steps.find((s) => s.key === stepKey);
  if (!step) return <LinesPane title="Runbook step · Esc close" rect={rect} lines={[[{ text: 'the step is no longer in this runbook', token: 'muted' }]]} />;
  const prefix = step.kind === 'console' ? '» ' : '$ ';
  const para = (label: string, text: string): Segment[][] =>
    wrapCells(`${label}: ${safeLine(text)}`, width).map((line, i) => (i === 0 ? [{ text: `${label}:`, token: 'accent' }, { text: line.slice(label.length + 1), token: 'text' }] : [{ text: line, token: 'text' }]));
  const lines: Segment[][] = [
    [{ text: `${markBox(step.mark)} `, bold: true }, { text: step.title, token: 'text', bold: true }, { text: ` [${step.kind}]`, token: 'muted' }],
    ...wrapCells(prefix + safeLine(step.command), width).map((t): Segment[] => [{ text: t, token: 'accent' }]),
    ...para('Checks', step.checks),
    ...para('Confirms', step.confirms),
    ...para('Refutes', step.refutes),
  ];
  return <LinesPane title="Runbook step · c copy · r run · Esc close" rect={rect} lines={lines} />;
}

import { LinesPane } from '../components/LinesPane.js';
import type { Segment } from '../components/Row.js';
import type { Rect } from '../layout.js';
import { useRunbook } from '../hooks.js';
import { wrapAtMost } from '../text/clip.js';
import { safeLine } from '../../text/boundary.js';

/** Shows exactly what will run on the Mac before it runs. */
export function ConfirmOverlay({ rect, stepKey }: { rect: Rect; stepKey: string }) {
  const { steps } = useRunbook();
  const width = Math.max(0, rect.width - 2);
  const rows = Math.max(0, rect.height - 2);
  const step = steps.find((s) => s.key === stepKey);
  const command = wrapAtMost(safeLine(step?.command ?? ''), Math.max(1, width - 2), Math.max(1, rows - 4)).map((t, i): Segment[] => [{ text: `${i === 0 ? '$ ' : '  '}${t}`, token: 'accent' }]);
  const lines: Segment[][] = [
    [{ text: 'Run this read-only probe on the Mac?', token: 'text', bold: true }],
    [{ text: step?.title ?? '', token: 'text' }],
    ...command,
    [{ text: 'Its output is added as evidence and the hypotheses are re-ranked.', token: 'muted' }],
    [{ text: 'y', token: 'hint.key', bold: true }, { text: '/Enter run   ', token: 'hint.text' }, { text: 'n', token: 'hint.key', bold: true }, { text: '/Esc cancel', token: 'hint.text' }],
  ];
  const shown = lines.length > rows ? [...lines.slice(0, Math.max(0, rows - 1)), lines[lines.length - 1]!] : lines;
  return <LinesPane title="Run probe" rect={rect} lines={shown} />;
}

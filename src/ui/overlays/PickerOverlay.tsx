import { LinesPane } from '../components/LinesPane.js';
import type { Segment } from '../components/Row.js';
import type { Rect } from '../layout.js';
import { useConsole } from '../store-context.js';
import { safeLine } from '../../text/boundary.js';

/** Columns padded to the widest value (capped), so the candidates line up; the last column runs on. */
function aligned(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, c) => Math.min(24, Math.max(...rows.map((r) => (r[c] ?? '').length)))) ?? [];
  return rows.map((r) => r.map((v, c) => (c === r.length - 1 ? v : v.padEnd(widths[c] ?? 0))).join('  '));
}

/** Several Macs match what was given: one a row (serial, host name, model, OS, last seen, management); Enter fetches it. */
export function PickerOverlay({ rect, cursor }: { rect: Rect; cursor: number }) {
  const candidates = useConsole((s) => s.candidates);
  const rows = Math.max(0, rect.height - 2);
  const head: Segment[][] = [
    [{ text: `Several Macs match (${candidates.length}). Which one?`, token: 'text', bold: true }],
    [{ text: 'j', token: 'hint.key', bold: true }, { text: '/', token: 'hint.text' }, { text: 'k', token: 'hint.key', bold: true }, { text: ' move   ', token: 'hint.text' }, { text: 'Enter', token: 'hint.key', bold: true }, { text: ' fetch its evidence   ', token: 'hint.text' }, { text: 'q', token: 'hint.key', bold: true }, { text: ' quit', token: 'hint.text' }],
  ];
  const room = Math.max(1, rows - head.length);
  const first = Math.max(0, Math.min(cursor - Math.floor(room / 2), candidates.length - room));
  const lines = aligned(candidates.map((c) => c.map((v) => safeLine(v, 80))))
    .slice(first, first + room)
    // A marker as well as the selection colour: the row must show without colour too.
    .map((text, i): Segment[] => [{ text: `${first + i === cursor ? '▶ ' : '  '}${text}`, token: 'text' }]);
  return <LinesPane title="Choose the Mac" rect={rect} lines={[...head, ...lines]} selected={head.length + cursor - first} />;
}

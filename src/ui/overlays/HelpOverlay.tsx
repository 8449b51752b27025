import type { Scope } from '../../store/scope.js';
import { LinesPane } from '../components/LinesPane.js';
import type { Segment } from '../components/Row.js';
import { helpLength, KEY_TABLE, keyLabel } from '../keys.js';
import { LEGEND } from '../legend.js';
import type { Rect } from '../layout.js';

const PANE_SCOPES: readonly Scope[] = ['timeline', 'hypotheses', 'runbook'];

export function whereLabel(scopes: readonly Scope[]): string {
  const panes = PANE_SCOPES.every((p) => scopes.includes(p));
  const rest = scopes.filter((s) => !PANE_SCOPES.includes(s));
  const named = panes ? ['panes', ...rest] : scopes;
  return named.join(', ');
}

/** The help, generated from the key table that handles the keys, then what each mark on screen means. */
export function HelpOverlay({ rect, offset }: { rect: Rect; offset: number }) {
  const rows = Math.max(0, rect.height - 2);
  const keyWidth = Math.max(...KEY_TABLE.map((b) => keyLabel(b.keys).length), ...LEGEND.map((l) => l.mark.length)) + 2;
  const all: Segment[][] = [
    ...KEY_TABLE.map((b): Segment[] => [
      { text: keyLabel(b.keys).padEnd(keyWidth), token: 'hint.key', bold: true },
      { text: b.description, token: 'text' },
      { text: `  (${whereLabel(b.scopes)})`, token: 'muted' },
    ]),
    [{ text: 'Marks on screen', token: 'accent', bold: true }],
    ...LEGEND.map((l): Segment[] => [{ text: l.mark.padEnd(keyWidth), token: 'hint.key', bold: true }, { text: l.meaning, token: 'text' }]),
  ];
  const title = `Keys ${offset + 1}-${Math.min(helpLength(), offset + rows)}/${helpLength()} · marks at the end · j/k scroll · ? or Esc close`;
  return <LinesPane title={title} rect={rect} lines={all.slice(offset, offset + rows)} />;
}

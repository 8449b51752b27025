import { shownRun, stepProgress, type StepView } from '../../store/selectors/runbook.js';
import type { RunState, StepMark } from '../../store/types.js';
import { LinesPane } from '../components/LinesPane.js';
import type { Segment } from '../components/Row.js';
import type { Rect } from '../layout.js';
import { useRunbook } from '../hooks.js';
import { useConsole } from '../store-context.js';
import { wrapAtMost } from '../text/clip.js';
import { safeLine } from '../../text/boundary.js';

export function markBox(mark: StepMark | undefined): string {
  return mark === 'done' ? '[x]' : mark === 'skipped' ? '[-]' : '[ ]';
}

export function runText(run: RunState): Segment | undefined {
  if (run.state === 'running') return { text: ` · running… (Esc cancels)`, token: 'status.loading' };
  if (run.state === 'failed') return { text: ` · ✗ failed: ${run.error}`, token: 'status.error' };
  if (run.state === 'ok') return { text: ` · ✓ ran: +${run.events} events`, token: 'status.ok' };
  return undefined;
}

/** Wrapped `Label: text` lines, at most `max` (the last ends in `…` when text is left out). */
function labelled(label: string, text: string, width: number, max: number): Segment[][] {
  return wrapAtMost(`${label}: ${safeLine(text)}`, width, max).map((line, i) =>
    i === 0 ? [{ text: `${label}:`, token: 'accent' as const }, { text: line.slice(label.length + 1), token: 'text' as const }] : [{ text: line, token: 'text' as const }],
  );
}

/**
 * The lines of the selected step, fitted to `rows`: what it checks, the command, what confirms or
 * refutes, the steps. The command comes whole when the pane has the focus (it takes the rows it needs);
 * whatever is cut ends in `…`.
 */
export function stepLines(step: StepView, steps: readonly StepView[], width: number, rows: number, focused = false): Segment[][] {
  const index = steps.indexOf(step) + 1;
  const head: Segment[] = [
    { text: `${markBox(step.mark)} `, bold: true },
    { text: `${index}/${steps.length} `, token: 'muted' },
    { text: step.title, token: 'text', bold: true },
    { text: ` ${step.isNext ? '(next) ' : ''}[${step.kind}]`, token: 'muted' },
  ];
  const prefix = step.kind === 'console' ? '» ' : '$ ';
  const commandRows = focused ? Math.max(1, rows - 1) : rows >= 10 ? 3 : 2;
  const command = wrapAtMost(prefix + safeLine(step.command), width, commandRows).map((t) => [{ text: t, token: 'accent' as const }]);
  const lines: Segment[][] = [head, ...command];
  const left = () => Math.max(0, rows - lines.length);
  const each = Math.max(1, Math.floor(left() / 3));
  lines.push(...labelled('Checks', step.checks, width, Math.min(each, left())));
  lines.push(...labelled('Confirms', step.confirms, width, Math.min(each, left())));
  lines.push(...labelled('Refutes', step.refutes, width, left()));
  if (left() > steps.length) lines.push(...steps.map((s) => [{ text: `${s === step ? '>' : ' '}${markBox(s.mark)} ${s.title}`, token: 'muted' as const }]));
  return lines.slice(0, rows);
}

/** The runbook of the selected hypothesis: its next step in full, progress and the run state on the last line. */
export function RunbookPane({ rect, focused }: { rect: Rect; focused: boolean }) {
  const { steps, step } = useRunbook();
  const run = useConsole(shownRun);
  const rows = Math.max(0, rect.height - 2);
  const width = Math.max(0, rect.width - 2);
  const p = stepProgress(steps);
  const status: Segment[] = [{ text: `steps ${p.done}/${p.total} done${p.skipped > 0 ? ` · ${p.skipped} skipped` : ''}`, token: 'muted' }];
  const r = runText(run);
  if (r) status.push(r);
  const body = step ? stepLines(step, steps, width, Math.max(0, rows - 1), focused) : [[{ text: 'no runbook step', token: 'muted' as const }]];
  return <LinesPane title="Runbook" rect={rect} focused={focused} lines={rows > 0 ? [...body.slice(0, rows - 1), status] : []} />;
}

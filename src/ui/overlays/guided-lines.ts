import type { ConsoleState } from '../../store/types.js';
import { evidenceCompleteness, guidedDevice, guidedEvidence, guidedHypotheses, guidedNextProbe } from '../../store/selectors/guided.js';
import { safeLine } from '../../text/boundary.js';
import type { Segment } from '../components/Row.js';
import { markOf, sourceMarks } from '../../store/selectors/sources.js';
import { VERDICT_LABEL } from '../panes/markers.js';
import { wrapCells } from '../text/cells.js';

type Lines = Segment[][];

const text = (t: string, token: Segment['token'] = 'text', bold = false): Segment[] => [{ text: t, ...(token ? { token } : {}), bold }];
const para = (t: string, width: number, token: Segment['token'] = 'text'): Lines => wrapCells(safeLine(t), width).map((l) => text(l, token));
const list = (xs: readonly string[]) => (xs.length === 0 ? '—' : xs.join(', '));

function device(s: ConsoleState, width: number): Lines {
  const d = guidedDevice(s);
  return [
    ...para('Is this the Mac, and the user, from the ticket? If not, stop here: the evidence is about another device.', width, 'muted'),
    text(`Serial    ${d.serial ?? 'unknown'}`),
    text(`Hostname  ${d.hostname ?? 'unknown'}`),
    text(`User      ${d.user ?? 'unknown'}`),
    text(`Mac zone  ${d.deviceTimeZone ?? 'unknown (zone-less logs read as UTC)'}`),
    text(`Collected ${d.collectedAt ?? 'unknown'}`),
    ...d.sources.map((x) => text(`${markOf(sourceMarks(s.analysis.sources), x.name).letter} ${x.name.padEnd(7)} ${x.state} ${x.events} events${x.text ? ` · ${x.text}` : ''}`, x.state === 'ok' ? 'status.ok' : 'status.error')),
  ];
}

function evidence(s: ConsoleState, width: number): Lines {
  const ev = guidedEvidence(s);
  return [
    ...para('Three places hold the evidence. A missing one leaves hypotheses unknown, not false.', width, 'muted'),
    ...ev.sources.map((x) => text(`${markOf(sourceMarks(s.analysis.sources), x.name).letter} ${x.missing ? `✗ ${x.missing}` : `✓ ${x.name}: ${x.events} events`}`, x.missing ? 'status.error' : 'status.ok')),
    ...para(`Probes run: ${list(ev.probes.present)}`, width),
    ...para(`Probes not run: ${list(ev.probes.missing)}`, width, 'muted'),
    ...para(`Mac logs: ${list(ev.logs)}`, width),
    text(`Reading notes: ${ev.notes} (malformed records, failed files)`, 'muted'),
  ];
}

function hypotheses(s: ConsoleState, width: number): Lines {
  const out: Lines = [...para('Each hypothesis in plain words, best first. + supports, - contradicts, ? not known yet.', width, 'muted')];
  for (const h of guidedHypotheses(s)) {
    out.push([{ text: `${h.rank}. ${VERDICT_LABEL[h.verdict]} `, token: `verdict.${h.verdict}`, bold: true }, { text: h.title, token: 'text', bold: true }]);
    out.push(...para(h.explanation, width - 3, 'text').map((l) => [{ text: '   ' }, ...l]));
    out.push(text(`   +${h.supports} -${h.contradicts} ?${h.unknown}  score ${h.score.toFixed(2)}`, 'muted'));
  }
  return out;
}

function nextProbe(s: ConsoleState, width: number): Lines {
  const n = guidedNextProbe(s);
  if (!n.step) return [text('No runbook step.', 'muted')];
  return [
    ...para(`Hypothesis: ${n.hypothesis ?? '—'} (the selected one; the top one unless you chose another)`, width),
    [{ text: 'Next step: ', token: 'accent' }, { text: n.step.title, token: 'text', bold: true }],
    ...para(`${n.step.kind === 'console' ? '»' : '$'} ${n.step.command}`, width, 'accent'),
    ...para(`Checks: ${n.step.checks}`, width),
    ...para(`Confirms: ${n.step.confirms}`, width),
    ...para(`Refutes: ${n.step.refutes}`, width),
    ...para(n.runnable ? 'Press r to run it on the Mac (asks first); c copies it.' : `${n.reason ?? ''}`, width, 'hint.key'),
  ];
}

function completeness(s: ConsoleState, width: number): Lines {
  const c = evidenceCompleteness(s);
  return [
    text(c.ready ? '✓ Ready to escalate: a likely cause, every source in, its evidence complete.' : '✗ Not complete yet: say what is missing when you escalate.', c.ready ? 'status.ok' : 'status.error', true),
    ...para(`Sources in: ${list(c.sourcesPresent)} · missing: ${list(c.sourcesMissing)}`, width),
    ...para(`Probes run (${c.probesPresent.length}/${c.probesPresent.length + c.probesMissing.length}): ${list(c.probesPresent)} · not run: ${list(c.probesMissing)}`, width),
    ...para(`Likely: ${list(c.likely)}`, width, 'verdict.likely'),
    ...para(`Possible: ${list(c.possible)}`, width, 'verdict.possible'),
    ...para(`Not ruled out, evidence unknown: ${list(c.notRuledOut.map((o) => `${o.title} (${o.unknown} unknown)`))}`, width, 'verdict.unlikely'),
    text(`Still unknown (${c.stillUnknown.length}):`, 'accent'),
    ...c.stillUnknown.flatMap((u) => para(`? ${u}`, width, 'muted')),
  ];
}

/** Every line of one walkthrough stage (the pane scrolls them). */
export function guidedLines(s: ConsoleState, stage: number, width: number): Lines {
  return [device, evidence, hypotheses, nextProbe, completeness][stage]?.(s, width) ?? [];
}

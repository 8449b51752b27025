import { safeLine, safeText } from '../text/boundary.js';
import type { IncidentReport, ReportEvent, ReportHypothesis } from './incident.js';
import type { ProbeRun } from './probe-runs.js';
import { sha256 } from '../io/sha256.js';

/**
 * The incident report as Markdown, safe to paste into a ticket: every string from outside is
 * secret-masked and escaped (safeLine/safeText), table cells cannot break their table or open links
 * and HTML, and quoted outputs sit in fences longer than any backtick run inside them.
 */
const SUMMARY_CHARS = 160;
/** Hypotheses explained in full; the rest are listed in the ranking table only. */
const EXPLAINED_HYPOTHESES = 3;
/** The digest of no output at all: a run that printed nothing (most failed runs). */
const EMPTY_SHA256 = sha256('');

/** One line of inline Markdown: nothing in it can end a table cell, start a link, code span or HTML tag. */
export function cell(text: string, max = SUMMARY_CHARS): string {
  return safeLine(text, max)
    .replace(/[\\|`[\]]/g, '\\$&')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** A fenced block for multi-line text; the fence is longer than any run of backticks in it. */
export function fenced(text: string, info = ''): string[] {
  const body = safeText(text);
  const longest = Math.max(0, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [fence + info, body, fence];
}

function where(e: ReportEvent | undefined, fallback: string): string {
  return e ? `${e.time} ${e.source}: ${cell(e.summary, 120)}` : cell(fallback, 80);
}

function explainHypothesis(h: ReportHypothesis): string[] {
  const out = [`### ${h.rank}. ${cell(h.title, 120)}: ${h.verdict} (${h.score.toFixed(2)})`, '', cell(h.explanation, 1000), ''];
  if (h.evidence.length > 0) {
    out.push('Evidence:', '');
    for (const ev of h.evidence) {
      const said = [...(ev.supports.length > 0 ? [`supports: ${ev.supports.map((w) => cell(w, 200)).join('; ')}`] : []), ...(ev.contradicts.length > 0 ? [`contradicts: ${ev.contradicts.map((w) => cell(w, 200)).join('; ')}`] : [])];
      out.push(`- ${said.join('; ')} (${where(ev.event, ev.eventId)})`);
    }
    out.push('');
  }
  if (h.unknown.length > 0) out.push(`Still unknown: ${h.unknown.map((u) => cell(u, 200)).join('; ')}`, '');
  out.push(`Next step: **${cell(h.next.title, 120)}**`, '', ...fenced(h.next.command), '', cell(h.next.why, 600), '');
  return out;
}

function hypothesesSection(r: IncidentReport): string[] {
  const out = ['## Hypotheses', ''];
  if (r.hypotheses.length === 0) return [...out, 'No hypotheses ranked.', ''];
  if (!r.hypotheses.some((h) => h.verdict === 'likely')) {
    out.push('No hypothesis is likely yet: the evidence does not decide. Run the next step of the first one.', '');
  }
  out.push('| # | hypothesis | verdict | score | evidence |', '|---|---|---|---|---|');
  for (const h of r.hypotheses) out.push(`| ${h.rank} | ${cell(h.title, 100)} (\`${cell(h.id, 60)}\`) | ${h.verdict} | ${h.score.toFixed(2)} | ${h.evidence.length} |`);
  out.push('');
  r.hypotheses
    .slice(0, EXPLAINED_HYPOTHESES)
    .filter((h, i) => i === 0 || h.verdict !== 'unlikely')
    .forEach((h) => out.push(...explainHypothesis(h)));
  return out;
}

function excerptSection(r: IncidentReport): string[] {
  const out = ['## Timeline around the failure (UTC)', ''];
  const { events, around, omitted } = r.excerpt;
  if (events.length === 0) return [...out, 'No events.', ''];
  out.push(`Events within a minute of ${cell(around, 200)}; \`evidence\` marks the top hypothesis' own events.${omitted > 0 ? ` ${omitted} more events in that window are not shown.` : ''}`, '');
  out.push('| time | source | severity | kind | summary | |', '|---|---|---|---|---|---|');
  for (const e of events) out.push(`| ${e.time} | ${e.source} | ${e.severity} | ${cell(e.kind, 60)} | ${cell(e.summary)} | ${e.evidence ? 'evidence' : ''} |`);
  return [...out, ''];
}

function probeHeading(p: ProbeRun, i: number): string {
  const how = p.origin === 'console' ? `run from the console at ${cell(p.at ?? 'an unknown time', 40)}` : 'collected with the evidence';
  const exit = p.exitCode === undefined ? '' : `, exit ${p.exitCode === null ? 'none' : p.exitCode}`;
  return `### ${i + 1}. ${cell(p.name, 60)} (${how}${exit})`;
}

function probesSection(r: IncidentReport): string[] {
  const out = ['## Probes run', ''];
  if (r.probes.length === 0) return [...out, 'No probe outputs in the evidence, and none run from the console.', ''];
  r.probes.forEach((p, i) => {
    out.push(probeHeading(p, i), '', ...fenced(p.command, 'sh'), '');
    if (p.error !== undefined) out.push(`Failed: ${cell(p.error, 300)}`, '');
    if (p.reading !== undefined) out.push(`Reading: ${cell(p.reading, 300)}`, '');
    if (p.output === '' || (p.output === undefined && p.outputSha256 === EMPTY_SHA256)) out.push('No output.', '');
    else if (p.output === undefined) out.push(`Output not kept in this session (SHA-256 \`${cell(p.outputSha256, 64)}\`).`, '');
    else {
      out.push(`Output (SHA-256 \`${cell(p.outputSha256, 64)}\`):`, '', ...fenced(p.output, 'text'));
      if (p.outputLinesCut) out.push(`(${p.outputLinesCut} more lines not shown)`);
      out.push('');
    }
  });
  return out;
}

function stepsSection(r: IncidentReport): string[] {
  if (!r.steps) return [];
  return ['## Runbook steps marked', '', ...r.steps.map((x) => `- ${x.mark}: ${cell(x.title, 200)}`), ''];
}

function listSection(title: string, items: readonly string[], empty: string, max = 400): string[] {
  return [`## ${title}`, '', ...(items.length === 0 ? [empty] : items.map((x) => `- ${cell(x, max)}`)), ''];
}

/** The incident report: summary, device, sources, clock, hypotheses, timeline excerpt, probes, unknowns, notes. */
export function renderMarkdown(r: IncidentReport): string {
  const d = r.device;
  const redaction =
    r.redaction === 'pseudonyms'
      ? 'Serials, UDIDs, host names, e-mail addresses and user names are pseudonymised (HMAC-SHA-256 with a key kept outside this report: the same value always gets the same pseudonym); secrets are masked.'
      : 'Identifiers are shown as collected (--no-redact); secrets are masked.';
  const out: string[] = [
    `# trustline analysis: ${cell(d.serial ?? d.hostname ?? 'unknown device', 80)}`,
    '',
    `Incident report generated ${r.generatedAt}. ${redaction}`,
    '',
    '## Summary',
    '',
    cell(r.summary, 2000),
    '',
    '## Device',
    '',
    `- Serial: ${cell(d.serial ?? 'unknown', 80)}`,
    `- Host: ${cell(d.hostname ?? 'unknown', 80)}`,
    `- User: ${cell(d.user ?? 'unknown', 80)}`,
    '',
    '## Sources',
    '',
    '| source | status | events | detail |',
    '|---|---|---|---|',
    ...r.sources.map((s) => `| ${s.name} | ${s.status} | ${s.events} | ${s.error ? cell(s.error) : ''} |`),
    '',
    '## Clock',
    '',
    cell(r.clock.text, 400),
    '',
    ...hypothesesSection(r),
    ...excerptSection(r),
    ...probesSection(r),
    ...stepsSection(r),
    ...listSection('Still unknown', r.unknown, 'Nothing: every piece of evidence the hypotheses ask for was established.'),
  ];
  if (r.notes.length > 0) out.push(...listSection('Reading notes', r.notes, ''));
  return out.join('\n');
}

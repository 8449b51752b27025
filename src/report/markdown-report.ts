import type { Analysis, ClockReading, Hypothesis } from '../model/analysis.js';
import type { TimelineEvent } from '../model/event.js';
import { formatIsoUtc } from '../time/timestamp.js';
import { sanitizeLine } from '../text/sanitize.js';

/** Timelines longer than this show their warnings and errors only. */
export const MARKDOWN_TIMELINE_LIMIT = 200;
const SUMMARY_CHARS = 160;

function cell(text: string, max = SUMMARY_CHARS): string {
  return sanitizeLine(text, max).replace(/\|/g, '\\|');
}

export function describeClock(clock: ClockReading): string {
  if (clock.deviceOffsetMs === null) return 'Mac clock offset not measured (no sntp or date probe).';
  const seconds = (clock.deviceOffsetMs / 1000).toFixed(3);
  const direction = clock.deviceOffsetMs > 0 ? 'ahead of' : clock.deviceOffsetMs < 0 ? 'behind' : 'in step with';
  const sign = clock.deviceOffsetMs > 0 ? '+' : '';
  const applied = clock.applied ? 'applied to device events' : `not applied${clock.note ? ` (${clock.note})` : ''}`;
  return `Mac clock ${direction} true time: ${sign}${seconds} s (basis: ${clock.basis}); ${applied}.`;
}

function timelineRows(events: readonly TimelineEvent[]): string[] {
  return events.map(
    (e) => `| ${formatIsoUtc(e.epochMs, e.micros)} | ${e.source} | ${e.severity} | ${cell(e.kind, 60)} | ${cell(e.summary)} |`,
  );
}

/** Hypotheses explained in full; the rest are listed in the ranking table only. */
const EXPLAINED_HYPOTHESES = 3;

function explainHypothesis(h: Hypothesis, rank: number, events: ReadonlyMap<string, TimelineEvent>): string[] {
  const out = [`### ${rank}. ${cell(h.title, 120)}: ${h.verdict} (${h.score.toFixed(2)})`, '', cell(h.explanation, 1000), ''];
  if (h.evidence.length > 0) {
    out.push('Evidence:', '');
    for (const ev of h.evidence) {
      const e = events.get(ev.eventId);
      const where = e ? `${formatIsoUtc(e.epochMs, e.micros)} ${e.source}: ${cell(e.summary, 120)}` : cell(ev.eventId, 80);
      out.push(`- ${ev.supports ? 'supports' : 'contradicts'}: ${cell(ev.why, 200)} (${where})`);
    }
    out.push('');
  }
  if (h.unknown.length > 0) out.push(`Still unknown: ${h.unknown.map((u) => cell(u, 200)).join('; ')}`, '');
  out.push(`Next step: **${cell(h.next.title, 120)}**`, '', '```', sanitizeLine(h.next.command, 500), '```', '', cell(h.next.why, 600), '');
  return out;
}

function hypothesesSection(a: Analysis): string[] {
  const out = ['## Hypotheses', ''];
  if (a.hypotheses.length === 0) return [...out, 'No hypotheses ranked.', ''];
  if (!a.hypotheses.some((h) => h.verdict === 'likely')) {
    out.push('No hypothesis is likely yet: the evidence does not decide. Run the next step of the first one.', '');
  }
  out.push('| # | hypothesis | verdict | score | evidence |', '|---|---|---|---|---|');
  a.hypotheses.forEach((h, i) => out.push(`| ${i + 1} | ${cell(h.title, 100)} (\`${h.id}\`) | ${h.verdict} | ${h.score.toFixed(2)} | ${h.evidence.length} |`));
  out.push('');
  const wanted = new Set(a.hypotheses.slice(0, EXPLAINED_HYPOTHESES).flatMap((h) => h.evidence.map((ev) => ev.eventId)));
  const events = new Map(a.timeline.filter((e) => wanted.has(e.id)).map((e) => [e.id, e] as const));
  a.hypotheses
    .slice(0, EXPLAINED_HYPOTHESES)
    .filter((h, i) => i === 0 || h.verdict !== 'unlikely')
    .forEach((h, i) => out.push(...explainHypothesis(h, i + 1, events)));
  return out;
}

/** A readable summary for a ticket or a terminal: device, sources, clock, hypotheses, timeline, notes. */
export function renderMarkdown(a: Analysis): string {
  const out: string[] = [];
  const name = a.device.serial ?? a.device.hostname ?? 'unknown device';
  out.push(`# trustline analysis: ${cell(name, 80)}`, '');
  out.push(`- Serial: ${cell(a.device.serial ?? 'unknown', 80)}`);
  out.push(`- Host: ${cell(a.device.hostname ?? 'unknown', 80)}`);
  out.push(`- User: ${cell(a.device.user ?? 'unknown', 80)}`, '');

  out.push('## Sources', '', '| source | status | events | detail |', '|---|---|---|---|');
  for (const s of a.sources) out.push(`| ${s.name} | ${s.status} | ${s.events} | ${s.error ? cell(s.error) : ''} |`);
  out.push('', '## Clock', '', describeClock(a.clock), '');

  out.push(...hypothesesSection(a));

  const all = a.timeline;
  const shown = all.length <= MARKDOWN_TIMELINE_LIMIT ? all : all.filter((e) => e.severity !== 'info').slice(0, MARKDOWN_TIMELINE_LIMIT);
  out.push('## Timeline (UTC)', '');
  if (shown.length < all.length) {
    out.push(`${all.length} events; showing ${shown.length} warnings and errors. Use \`--json\` for all of them.`, '');
  }
  if (all.length === 0) out.push('No events.', '');
  else out.push('| time | source | severity | kind | summary |', '|---|---|---|---|---|', ...timelineRows(shown), '');

  if (a.notes.length > 0) {
    out.push('## Reading notes', '');
    for (const note of a.notes) out.push(`- ${cell(note, 400)}`);
    out.push('');
  }
  return out.join('\n');
}

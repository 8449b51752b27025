import type { Analysis, ClockReading } from '../model/analysis.js';
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

  out.push('## Hypotheses', '');
  if (a.hypotheses.length === 0) out.push('No hypotheses ranked.', '');
  for (const h of a.hypotheses) {
    out.push(`### ${cell(h.title, 120)} (\`${h.id}\`): ${h.verdict}, score ${h.score.toFixed(2)}`, '');
    for (const ev of h.evidence) out.push(`- ${ev.supports ? 'supports' : 'contradicts'}: ${cell(ev.why)} (${cell(ev.eventId, 80)})`);
    out.push('', `Next: ${cell(h.next.title, 120)}: \`${cell(h.next.command, 300)}\` (${cell(h.next.why)})`, '');
  }

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

import type { SourceName, TimelineEvent } from '../../model/event.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import type { ConsoleState } from '../types.js';
import { foldGrowing } from './memo.js';

export interface NoteLine {
  text: string;
  kind: 'heading' | 'ok' | 'error' | 'note';
}

type Span = { first: number; last: number };

/** The first and last instant of each source's events (folded over the events a live batch adds). */
const coverage = foldGrowing(
  (): Partial<Record<SourceName, Span>> => ({}),
  (out, e: TimelineEvent) => {
    const span = out[e.source];
    if (!span) out[e.source] = { first: e.epochMs, last: e.epochMs };
    else {
      span.first = Math.min(span.first, e.epochMs);
      span.last = Math.max(span.last, e.epochMs);
    }
  },
);

/**
 * What the console read and could not read, one line each: every source's state (with the reason a
 * failed one gave), the time each source covers, and the per-file reading notes (malformed records
 * skipped, duplicates merged, files that failed).
 */
export function readingNotes(s: Pick<ConsoleState, 'analysis' | 'sourceStates'>): NoteLine[] {
  const spans = coverage(s.analysis.timeline, undefined);
  const lines: NoteLine[] = [{ text: 'Sources', kind: 'heading' }];
  const names = s.analysis.sources.map((x) => x.name);
  for (const name of names) {
    const load = s.sourceStates[name] ?? { state: 'missing', events: 0 };
    const why = load.text ? `: ${load.text}` : '';
    lines.push({ text: `${name}: ${load.state}, ${load.events} events${why}`, kind: load.state === 'error' ? 'error' : 'ok' });
  }
  lines.push({ text: 'Events (first and last, UTC)', kind: 'heading' });
  for (const name of names) {
    const span = spans[name];
    lines.push({ text: span ? `${name}: ${formatIsoUtc(span.first)} to ${formatIsoUtc(span.last)}` : `${name}: no events`, kind: 'note' });
  }
  lines.push({ text: 'Coverage (what each stream read; absence counts only inside complete coverage)', kind: 'heading' });
  for (const c of s.analysis.coverage) {
    const window = c.fromMs !== null && c.untilMs !== null ? ` ${formatIsoUtc(c.fromMs)} to ${formatIsoUtc(c.untilMs)}` : ' (snapshot)';
    lines.push({ text: `${c.stream}${window}: ${c.complete ? 'complete' : `incomplete${c.why ? ` (${c.why})` : ''}`}`, kind: c.complete ? 'note' : 'error' });
  }
  lines.push({ text: `Reading notes (${s.analysis.notes.length})`, kind: 'heading' });
  if (s.analysis.notes.length === 0) lines.push({ text: 'none: every record read', kind: 'note' });
  for (const note of s.analysis.notes) lines.push({ text: note, kind: 'note' });
  return lines;
}

import type { SourceName, TimelineEvent } from '../../model/event.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import type { ConsoleState } from '../types.js';
import { memoLast } from './memo.js';

export interface NoteLine {
  text: string;
  kind: 'heading' | 'ok' | 'error' | 'note';
}

type Span = { first: number; last: number };

const coverage = memoLast((timeline: readonly TimelineEvent[]): Partial<Record<SourceName, Span>> => {
  const out: Partial<Record<SourceName, Span>> = {};
  for (const e of timeline) {
    const span = out[e.source];
    if (!span) out[e.source] = { first: e.epochMs, last: e.epochMs };
    else {
      span.first = Math.min(span.first, e.epochMs);
      span.last = Math.max(span.last, e.epochMs);
    }
  }
  return out;
});

/**
 * What the console read and could not read, one line each: every source's state (with the reason a
 * failed one gave), the time each source covers, and the per-file reading notes (malformed records
 * skipped, duplicates merged, files that failed).
 */
export function readingNotes(s: Pick<ConsoleState, 'analysis' | 'sourceStates'>): NoteLine[] {
  const spans = coverage(s.analysis.timeline);
  const lines: NoteLine[] = [{ text: 'Sources', kind: 'heading' }];
  const names = s.analysis.sources.map((x) => x.name);
  for (const name of names) {
    const load = s.sourceStates[name] ?? { state: 'missing', events: 0 };
    const why = load.text ? `: ${load.text}` : '';
    lines.push({ text: `${name}: ${load.state}, ${load.events} events${why}`, kind: load.state === 'error' ? 'error' : 'ok' });
  }
  lines.push({ text: 'Coverage (first and last event, UTC)', kind: 'heading' });
  for (const name of names) {
    const span = spans[name];
    lines.push({ text: span ? `${name}: ${formatIsoUtc(span.first)} to ${formatIsoUtc(span.last)}` : `${name}: no events`, kind: 'note' });
  }
  lines.push({ text: `Reading notes (${s.analysis.notes.length})`, kind: 'heading' });
  if (s.analysis.notes.length === 0) lines.push({ text: 'none: every record read', kind: 'note' });
  for (const note of s.analysis.notes) lines.push({ text: note, kind: 'note' });
  return lines;
}

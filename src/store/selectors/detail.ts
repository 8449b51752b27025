import type { Hypothesis } from '../../model/analysis.js';
import type { RawRef, TimelineEvent } from '../../model/event.js';
import type { ConsoleState, TimeMode } from '../types.js';
import { foldGrowing } from './memo.js';
import { formatTime, type TimeZones } from './time-format.js';

export interface DetailLine {
  label: string;
  /** External text for the most part: the view sanitises it. */
  value: string;
}

export function rawRefText(raw: RawRef): string {
  const lines = raw.line === undefined ? '' : raw.endLine !== undefined && raw.endLine !== raw.line ? `:${raw.line}-${raw.endLine}` : `:${raw.line}`;
  return `${raw.file}${lines}${raw.pointer !== undefined ? `#${raw.pointer}` : ''}`;
}

/** Everything known about one event, one line per item: its raw record reference and every field. */
export function eventDetailLines(e: TimelineEvent, mode: TimeMode, zones: TimeZones): DetailLine[] {
  const lines: DetailLine[] = [
    { label: 'time', value: formatTime(e.epochMs, mode, zones, e.micros) },
    { label: 'as written', value: e.originalTime },
    { label: 'source', value: e.source },
    { label: 'kind', value: e.kind },
    { label: 'severity', value: e.severity },
    { label: 'summary', value: e.summary },
    { label: 'raw record', value: rawRefText(e.raw) },
    { label: 'id', value: e.id },
  ];
  if (e.timeNote !== undefined) lines.push({ label: 'time note', value: e.timeNote });
  if (e.deviceClock === true) lines.push({ label: 'clock', value: "the Mac's own clock (offset-corrected when measured)" });
  for (const [k, v] of Object.entries(e.keys)) if (v !== undefined) lines.push({ label: `key ${k}`, value: v });
  for (const [k, v] of Object.entries(e.fields)) {
    const value = v === null ? 'null' : String(v);
    // A record field named like a line above (Okta's own `severity`) joins that line instead of repeating its label.
    const same = lines.find((l) => l.label === k);
    if (!same) lines.push({ label: k, value });
    else if (same.value.toLowerCase() !== value.toLowerCase()) same.value += ` (as logged: ${value})`;
  }
  return lines;
}

export interface EvidenceLine {
  eventId: string;
  supports: boolean;
  why: string;
  event: TimelineEvent | undefined;
}

/** The events cited (by id, one id a line), found in one pass over the timeline and then over what a live batch adds. */
const citedEvents = foldGrowing(
  (ids: string) => ({ wanted: new Set(ids.split('\n')), found: new Map<string, TimelineEvent>() }),
  (state, e: TimelineEvent) => {
    if (state.wanted.has(e.id)) state.found.set(e.id, e);
  },
);

function findEvidence(timeline: readonly TimelineEvent[], h: Hypothesis): EvidenceLine[] {
  const { found } = citedEvents(timeline, h.evidence.map((e) => e.eventId).join('\n'));
  return h.evidence.map((x) => ({ eventId: x.eventId, supports: x.supports, why: x.why, event: found.get(x.eventId) }));
}

export function hypothesisEvidence(s: Pick<ConsoleState, 'analysis'>, hypothesisId: string): EvidenceLine[] {
  const h = s.analysis.hypotheses.find((x) => x.id === hypothesisId);
  return h ? findEvidence(s.analysis.timeline, h) : [];
}

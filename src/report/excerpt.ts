import type { Analysis } from '../model/analysis.js';
import type { TimelineEvent } from '../model/event.js';
import { partitionPoint } from '../timeline/partition-point.js';

/** Events within this long of the failure's evidence make the excerpt. */
export const EXCERPT_WINDOW_MS = 60_000;
/** At most this many events, the evidence itself first, then the nearest to it. */
export const EXCERPT_MAX_EVENTS = 40;

export interface Excerpt {
  /** Why these events: what the excerpt is centred on. */
  around: string;
  events: TimelineEvent[];
  /** Ids of the events that are evidence of the top hypothesis. */
  evidence: Set<string>;
  /** Events in the window that did not fit. */
  omitted: number;
}

/** The smallest distance from `t` to one of the sorted `anchors`. */
function distance(anchors: readonly number[], t: number): number {
  const lo = partitionPoint(0, anchors.length, (i) => anchors[i]! < t);
  const after = anchors[lo];
  const before = anchors[lo - 1];
  return Math.min(after === undefined ? Infinity : after - t, before === undefined ? Infinity : t - before);
}

function anchorsOf(a: Analysis): { around: string; ids: Set<string> } {
  const top = a.hypotheses[0];
  const ids = new Set(top?.evidence.map((e) => e.eventId) ?? []);
  if (top && ids.size > 0) return { around: `the evidence of the top hypothesis (${top.id})`, ids };
  const errors = a.timeline.filter((e) => e.severity === 'error').map((e) => e.id);
  if (errors.length > 0) return { around: 'the errors', ids: new Set(errors) };
  return { around: 'the end of the timeline', ids: new Set(a.timeline.slice(-1).map((e) => e.id)) };
}

/** The part of the timeline around the failure: the events near the top hypothesis' evidence (else near errors). */
export function timelineExcerpt(a: Analysis): Excerpt {
  const { around, ids } = anchorsOf(a);
  const anchors = a.timeline.filter((e) => ids.has(e.id)).map((e) => e.epochMs).sort((x, y) => x - y);
  const near: { e: TimelineEvent; index: number; d: number }[] = [];
  a.timeline.forEach((e, index) => {
    const d = ids.has(e.id) ? -1 : distance(anchors, e.epochMs);
    if (d <= EXCERPT_WINDOW_MS) near.push({ e, index, d });
  });
  const kept = [...near].sort((x, y) => x.d - y.d || x.index - y.index).slice(0, EXCERPT_MAX_EVENTS);
  kept.sort((x, y) => x.index - y.index);
  // Centred on errors or the end when the top hypothesis has no evidence: those rows are not its evidence.
  const evidence = new Set(a.hypotheses[0]?.evidence.map((e) => e.eventId) ?? []);
  return { around, events: kept.map((x) => x.e), evidence, omitted: near.length - kept.length };
}

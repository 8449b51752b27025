import type { Analysis } from '../model/analysis.js';
import type { TimelineEvent } from '../model/event.js';
import { formatIsoUtc } from '../time/timestamp.js';
import { sanitizeLine } from '../text/sanitize.js';

const EVENTS_PER_CHUNK = 2000;

function clean(value: string | null): string | null {
  return value === null ? null : sanitizeLine(value);
}

function timelineEntry(e: TimelineEvent): string {
  return JSON.stringify({
    id: sanitizeLine(e.id),
    time: formatIsoUtc(e.epochMs, e.micros),
    source: e.source,
    kind: e.kind,
    severity: e.severity,
    summary: sanitizeLine(e.summary),
    originalTime: sanitizeLine(e.originalTime),
  });
}

/**
 * The `analyze --json` document of DESIGN.md, produced in chunks so a million-event timeline is never
 * one giant string. Every external string is sanitised; the shape is exactly the contract's.
 */
export function* analyzeJsonChunks(a: Analysis): Generator<string> {
  const head = {
    device: { serial: clean(a.device.serial), hostname: clean(a.device.hostname), user: clean(a.device.user) },
    sources: a.sources.map((s) => (s.error === undefined ? { ...s } : { ...s, error: sanitizeLine(s.error) })),
    clock: { deviceOffsetMs: a.clock.deviceOffsetMs, basis: a.clock.basis, applied: a.clock.applied },
  };
  const headText = JSON.stringify(head);
  yield headText.slice(0, -1) + ',"timeline":[';
  for (let i = 0; i < a.timeline.length; i += EVENTS_PER_CHUNK) {
    const slice = a.timeline.slice(i, i + EVENTS_PER_CHUNK).map(timelineEntry).join(',');
    yield i === 0 ? slice : ',' + slice;
  }
  const hypotheses = a.hypotheses.map((h) => ({
    id: sanitizeLine(h.id),
    title: sanitizeLine(h.title),
    score: h.score,
    verdict: h.verdict,
    evidence: h.evidence.map((ev) => ({ eventId: sanitizeLine(ev.eventId), supports: ev.supports, why: sanitizeLine(ev.why) })),
    next: { title: sanitizeLine(h.next.title), command: sanitizeLine(h.next.command), why: sanitizeLine(h.next.why) },
  }));
  yield '],"hypotheses":' + JSON.stringify(hypotheses) + '}\n';
}

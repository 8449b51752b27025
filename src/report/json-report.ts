import type { Analysis } from '../model/analysis.js';
import type { TimelineEvent } from '../model/event.js';
import { safeLine, safeText } from '../text/boundary.js';
import { escapeJsonText } from '../text/json-safe.js';
import { formatIsoUtc } from '../time/timestamp.js';
import type { IncidentReport } from './incident.js';
import { mapStrings } from './redact-report.js';

const EVENTS_PER_CHUNK = 2000;

export interface JsonOptions {
  /** Applied to every external string before it is made safe (the report form's pseudonyms). */
  text?: (s: string) => string;
  /** The report form: the incident report under the extra top-level key `report`. */
  report?: IncidentReport;
}

/** JSON text with no raw control, bidi or format character (see json-safe.ts). */
function json(value: unknown): string {
  return escapeJsonText(JSON.stringify(value));
}

/**
 * The `analyze --json` document of DESIGN.md, produced in chunks so a million-event timeline is never
 * one giant string. Every external string is secret-masked and sanitised; the contract's keys and
 * shape are exactly DESIGN.md's. The report form adds `report` after them and nothing else.
 */
export function* analyzeJsonChunks(a: Analysis, opts: JsonOptions = {}): Generator<string> {
  const map = opts.text ?? ((s: string) => s);
  const out = (s: string): string => safeLine(map(s));
  const maybe = (s: string | null): string | null => (s === null ? null : out(s));
  const entry = (e: TimelineEvent): string =>
    json({ id: out(e.id), time: formatIsoUtc(e.epochMs, e.micros), source: e.source, kind: out(e.kind), severity: e.severity, summary: out(e.summary), originalTime: out(e.originalTime) });
  const head = {
    device: { serial: maybe(a.device.serial), hostname: maybe(a.device.hostname), user: maybe(a.device.user) },
    sources: a.sources.map((s) => ({ name: s.name, role: s.role, status: s.status, events: s.events, ...(s.error === undefined ? {} : { error: out(s.error) }) })),
    clock: { deviceOffsetMs: a.clock.deviceOffsetMs, basis: a.clock.basis, applied: a.clock.applied },
  };
  yield json(head).slice(0, -1) + ',"timeline":[';
  for (let i = 0; i < a.timeline.length; i += EVENTS_PER_CHUNK) {
    const slice = a.timeline.slice(i, i + EVENTS_PER_CHUNK).map(entry).join(',');
    yield i === 0 ? slice : ',' + slice;
  }
  const hypotheses = a.hypotheses.map((h) => ({
    id: out(h.id),
    title: out(h.title),
    score: h.score,
    verdict: h.verdict,
    evidence: h.evidence.map((ev) => ({ eventId: out(ev.eventId), supports: ev.supports, why: out(ev.why) })),
    explains: h.explains.map(out),
    next: { stepId: out(h.next.stepId), title: out(h.next.title), command: out(h.next.command), why: out(h.next.why) },
  }));
  const report = opts.report ? ',"report":' + json(mapStrings(opts.report, (s) => safeText(s))) : '';
  yield '],"hypotheses":' + json(hypotheses) + report + '}\n';
}

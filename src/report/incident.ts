import type { Analysis, ClockReading, DeviceIdentity, Hypothesis, SourceSummary } from '../model/analysis.js';
import type { Severity, SourceName, TimelineEvent } from '../model/event.js';
import { formatIsoUtc } from '../time/timestamp.js';
import { timelineExcerpt } from './excerpt.js';
import type { ProbeRun } from './probe-runs.js';

/** An event as a report shows it. */
export interface ReportEvent {
  id: string;
  time: string;
  source: SourceName;
  kind: string;
  severity: Severity;
  summary: string;
}

/** One event cited for a hypothesis, with everything it says for and against it (a record can say both). */
export interface ReportEvidence {
  eventId: string;
  /** Why-lines of what the event shows for the hypothesis. */
  supports: string[];
  /** Why-lines of what it shows against. */
  contradicts: string[];
  /** The event, when it is in the timeline. */
  event?: ReportEvent;
}

export interface ReportHypothesis {
  rank: number;
  id: string;
  title: string;
  verdict: Hypothesis['verdict'];
  score: number;
  explanation: string;
  evidence: ReportEvidence[];
  unknown: string[];
  next: Hypothesis['next'];
}

/**
 * Everything an incident report says, as plain data: the Markdown and JSON forms render it, the
 * redaction pass maps its strings. Text in it is raw (sanitised by the renderers).
 */
/** A runbook step the engineer marked in the console. */
export interface MarkedStep {
  title: string;
  mark: 'done' | 'skipped';
}

export interface IncidentReport {
  generatedAt: string;
  /** `pseudonyms`: identifiers replaced by keyed pseudonyms; `none`: --no-redact. */
  redaction: 'pseudonyms' | 'none';
  summary: string;
  device: DeviceIdentity;
  sources: SourceSummary[];
  clock: ClockReading & { text: string };
  hypotheses: ReportHypothesis[];
  excerpt: { around: string; events: (ReportEvent & { evidence: boolean })[]; omitted: number };
  probes: ProbeRun[];
  /** Runbook steps marked in the console (the `x` export only), in runbook order. */
  steps?: MarkedStep[];
  /** What the evidence could not settle: missing sources, an unmeasured clock, unknown evidence. */
  unknown: string[];
  notes: string[];
}

export function describeClock(clock: ClockReading): string {
  if (clock.deviceOffsetMs === null) return 'Mac clock offset not measured (no sntp or date probe).';
  // The direction word carries the sign: "behind true time by 1.500 s", never "behind: -1.500 s".
  const seconds = (Math.abs(clock.deviceOffsetMs) / 1000).toFixed(3);
  const applied = clock.applied ? 'applied to device events' : `not applied${clock.note ? ` (${clock.note})` : ''}`;
  const how = clock.deviceOffsetMs === 0 ? 'in step with true time' : `${clock.deviceOffsetMs > 0 ? 'ahead of' : 'behind'} true time by ${seconds} s`;
  return `Mac clock ${how} (basis: ${clock.basis}); ${applied}.`;
}

export function reportEvent(e: TimelineEvent): ReportEvent {
  return { id: e.id, time: formatIsoUtc(e.epochMs, e.micros), source: e.source, kind: e.kind, severity: e.severity, summary: e.summary };
}

/** The hypothesis' evidence one event at a time, in order of first citation: a record is never listed twice. */
function byEvent(evidence: Hypothesis['evidence'], events: ReadonlyMap<string, ReportEvent>): ReportEvidence[] {
  const out = new Map<string, ReportEvidence>();
  for (const ev of evidence) {
    let entry = out.get(ev.eventId);
    if (!entry) {
      const event = events.get(ev.eventId);
      entry = { eventId: ev.eventId, supports: [], contradicts: [], ...(event ? { event } : {}) };
      out.set(ev.eventId, entry);
    }
    const list = ev.supports ? entry.supports : entry.contradicts;
    if (!list.includes(ev.why)) list.push(ev.why);
  }
  return [...out.values()];
}

function reportHypotheses(a: Analysis): ReportHypothesis[] {
  const wanted = new Set(a.hypotheses.flatMap((h) => h.evidence.map((ev) => ev.eventId)));
  const events = new Map(a.timeline.filter((e) => wanted.has(e.id)).map((e) => [e.id, reportEvent(e)] as const));
  return a.hypotheses.map((h, i) => ({
    rank: i + 1,
    id: h.id,
    title: h.title,
    verdict: h.verdict,
    score: h.score,
    explanation: h.explanation,
    evidence: byEvent(h.evidence, events),
    unknown: h.unknown,
    next: h.next,
  }));
}

/** Hypotheses still in play: the first one always, then every one not judged unlikely. */
function inPlay(hs: readonly ReportHypothesis[]): ReportHypothesis[] {
  return hs.filter((h, i) => i === 0 || h.verdict !== 'unlikely');
}

function stillUnknown(a: Analysis, hs: readonly ReportHypothesis[]): string[] {
  const out: string[] = [];
  for (const s of a.sources) {
    if (s.status === 'missing') out.push(`No ${s.name} evidence: everything only ${s.name} can show stays unknown.`);
    if (s.status === 'error') out.push(`The ${s.name} source failed (${s.error ?? 'error'}): its evidence is incomplete.`);
  }
  if (a.clock.deviceOffsetMs === null) out.push("The Mac's clock offset was not measured (run the sntp probe).");
  for (const h of inPlay(hs)) for (const u of h.unknown) out.push(`${h.title}: ${u} (next step: ${h.next.title})`);
  return [...new Set(out)];
}

/** Why there is no evidence to rank, when there is none: every source failed, or none knows the device. */
export function noEvidence(a: Analysis): string | undefined {
  if (a.timeline.length > 0) return undefined;
  const failed = a.sources.filter((s) => s.status === 'error');
  const reasons = failed.map((s) => `${s.name}: ${s.error ?? 'failed'}`).join('; ');
  if (failed.length > 0 && failed.length === a.sources.filter((s) => s.status !== 'missing').length) return `Every source failed (${reasons}): there is no evidence, and the hypotheses below rest on none.`;
  const who = a.device.serial ?? 'this device';
  return `No source has any event for ${who}${reasons ? ` (${reasons})` : ''}: check the serial; the hypotheses below rest on no evidence.`;
}

/** Events stamped when something was read (a probe, an inventory or device record), not when it happened. */
const READINGS: ReadonlySet<string> = new Set(['endpoint.probe', 'mdm.inventory.report', 'mdm.inventory.state', 'mdm.inventory.not-found', 'idp.device.state']);

/**
 * Where the failure shows: the earliest supporting error that happened at its time. A reading (a probe
 * run, an inventory report) carries the time it was taken, so it is named as such when nothing else shows the failure.
 */
function failureShows(a: Analysis, top: ReportHypothesis): string[] {
  const errors = top.evidence.flatMap((e) => (e.supports.length > 0 && e.event?.severity === 'error' ? [e.event] : []));
  const ids = new Set(errors.map((e) => e.id));
  const events = new Map(a.timeline.filter((e) => ids.has(e.id)).map((e) => [e.id, e] as const));
  const at = (e: ReportEvent) => events.get(e.id)?.epochMs ?? Number.POSITIVE_INFINITY;
  const earliest = (list: ReportEvent[]) => list.reduce<ReportEvent | undefined>((best, e) => (best === undefined || at(e) < at(best) ? e : best), undefined);
  const happened = earliest(errors.filter((e) => !READINGS.has(events.get(e.id)?.generic ?? '')));
  if (happened) return [`The failure shows at ${happened.time} (${happened.source}: ${happened.summary}).`];
  const read = earliest(errors);
  return read ? [`A reading taken at ${read.time} shows the failure (${read.source}: ${read.summary}).`] : [];
}

function summaryOf(a: Analysis, hs: readonly ReportHypothesis[], clockText: string): string {
  const parts: string[] = [];
  const top = hs[0];
  const none = noEvidence(a);
  if (none) parts.push(none);
  if (!top) parts.push('No hypotheses were ranked.');
  else {
    const supports = top.evidence.filter((e) => e.supports.length > 0 && e.contradicts.length === 0).length;
    const against = top.evidence.filter((e) => e.supports.length === 0).length;
    const mixed = top.evidence.length - supports - against;
    if (top.verdict === 'likely') {
      const counts = `${supports} supporting${mixed > 0 ? `, ${mixed} mixed` : ''} and ${against} contradicting evidence`;
      parts.push(`Most likely cause: ${top.title} (likely, score ${top.score.toFixed(2)}; ${counts}).`);
    } else {
      const leaders = inPlay(hs).slice(0, 2).map((h) => `${h.title} (${h.verdict}, ${h.score.toFixed(2)})`);
      parts.push(`No hypothesis is likely yet; leading: ${leaders.join('; ')}.`);
    }
    parts.push(...failureShows(a, top));
    parts.push(`Next step: ${top.next.title}.`);
  }
  parts.push(`Evidence: ${a.sources.map((s) => `${s.name} ${s.status}${s.status === 'missing' ? '' : ` (${s.events} events)`}`).join(', ')}.`);
  parts.push(clockText);
  return parts.join(' ');
}

export interface ReportInput {
  analysis: Analysis;
  probes: ProbeRun[];
  steps?: MarkedStep[];
  nowMs: number;
}

/** The incident report of a triaged analysis (not yet redacted: see redactReport). */
export function buildIncidentReport({ analysis: a, probes, steps, nowMs }: ReportInput): IncidentReport {
  const hypotheses = reportHypotheses(a);
  const excerpt = timelineExcerpt(a);
  const clockText = describeClock(a.clock);
  return {
    generatedAt: formatIsoUtc(nowMs),
    redaction: 'none',
    summary: summaryOf(a, hypotheses, clockText),
    device: { ...a.device },
    // The command table is for naming probe runs, not for the reader.
    sources: a.sources.map(({ commands: _commands, ...s }) => s),
    clock: { ...a.clock, text: clockText },
    hypotheses,
    excerpt: {
      around: excerpt.around,
      events: excerpt.events.map((e) => ({ ...reportEvent(e), evidence: excerpt.evidence.has(e.id) })),
      omitted: excerpt.omitted,
    },
    probes,
    ...(steps && steps.length > 0 ? { steps: [...steps] } : {}),
    unknown: stillUnknown(a, hypotheses),
    notes: [...a.notes],
  };
}

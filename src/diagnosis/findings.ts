import type { Coverage } from '../core/coverage.js';
import type { FactLookup, FactValue } from '../core/facts.js';
import type { SourceRole } from '../core/roles.js';
import type { TimelineEvent } from '../model/event.js';
import type { CompiledMatcher, Finding, Relation } from './model.js';
import type { FactTest } from './pack-schema.js';
import { partitionPoint } from '../timeline/partition-point.js';
import type { Steps, WorkMeter } from './steps.js';

/**
 * A finding is present (with every event that shows it), absent (judged inside complete coverage;
 * with the events that refute it, if any) or unknown (with why). Unknown is never false.
 */
export type FindingState =
  | { state: 'present'; events: readonly TimelineEvent[] }
  | { state: 'absent'; events: readonly TimelineEvent[] }
  | { state: 'unknown'; why: string };

/** What findings are judged against, besides the events. */
export interface EvidenceContext {
  coverage: readonly Coverage[];
  facts: FactLookup;
  /** Role of each adapter id. */
  roles: ReadonlyMap<string, SourceRole>;
  /** Whether an event names this device or its user (the Mac's own log always does). */
  isMine(e: TimelineEvent): boolean;
}

function kindMatches(pattern: string, kind: string): boolean {
  return pattern.endsWith('*') ? kind.startsWith(pattern.slice(0, -1)) : pattern === kind;
}

function patternsOverlap(a: string, b: string): boolean {
  return kindMatches(a, b) || kindMatches(b, a) || (a.endsWith('*') && b.endsWith('*') && (a.startsWith(b.slice(0, -1)) || b.startsWith(a.slice(0, -1))));
}

export function eventTest(m: CompiledMatcher, ctx: EvidenceContext): (e: TimelineEvent) => boolean {
  const sources = new Set(m.sources);
  const severities = new Set(m.severities);
  return (e) => {
    const role = ctx.roles.get(e.source);
    if (sources.size > 0 && !sources.has(e.source) && !(role !== undefined && sources.has(role))) return false;
    if (severities.size > 0 && !severities.has(e.severity)) return false;
    for (const [name, test] of m.fields) if (!test(e.fields[name])) return false;
    if (m.text && !m.text.test(e.summary)) return false;
    if (m.mine && role !== 'endpoint' && !ctx.isMine(e)) return false;
    return true;
  };
}

/** Whether the finding's kinds could come from this stream (and the stream from one of its sources). */
function coverageRelevant(m: CompiledMatcher, c: Coverage): boolean {
  if (m.sources.length > 0 && !m.sources.includes(c.source) && !m.sources.includes(c.role)) return false;
  if (m.kinds.length === 0) return true;
  return m.kinds.some((k) => c.kinds.some((ck) => patternsOverlap(k, ck)));
}

/** Time intervals an absence must be judged over: around the anchors, or the whole read. */
function intervals(relation: Relation | undefined, anchors: readonly TimelineEvent[]): [number, number][] | null {
  if (!relation) return null;
  return anchors.map((a) => {
    const w = relation.withinMs;
    if (relation.type === 'before') return [a.epochMs - w, a.epochMs];
    if (relation.type === 'after') return [a.epochMs, a.epochMs + w];
    return [a.epochMs - w, a.epochMs + w];
  });
}

function describeStreams(m: CompiledMatcher): string {
  return m.kinds.length > 0 ? m.kinds.join(', ') : m.sources.length > 0 ? m.sources.join(', ') : 'any event';
}

/**
 * Whether "no matching event" is established: some stream that carries these kinds was read, and
 * every such stream was read completely over each interval. Otherwise, why not.
 */
export function absenceHolds(m: CompiledMatcher, spans: [number, number][] | null, ctx: EvidenceContext): true | string {
  const relevant = ctx.coverage.filter((c) => coverageRelevant(m, c));
  if (relevant.length === 0) return `no source read ${describeStreams(m)}`;
  for (const c of relevant) {
    if (!c.complete) return `${c.stream} was not read completely${c.why ? ` (${c.why})` : ''}`;
    for (const [from, until] of spans ?? []) {
      if ((c.fromMs !== null && c.fromMs > from) || (c.untilMs !== null && c.untilMs < until)) {
        return `${c.stream} was not read for ${new Date(from).toISOString()}–${new Date(until).toISOString()}`;
      }
    }
  }
  return true;
}

function related(relation: Relation, anchors: readonly TimelineEvent[]): (t: number) => boolean {
  const w = relation.withinMs;
  // Anchors are time-ordered: find the first anchor that could relate to t.
  const firstFrom = (lowest: number): number => {
    const lo = partitionPoint(0, anchors.length, (i) => anchors[i]!.epochMs < lowest);
    return lo < anchors.length ? anchors[lo]!.epochMs : Number.POSITIVE_INFINITY;
  };
  if (relation.type === 'near') return (t) => firstFrom(t - w) <= t + w;
  // `before`: the event happens up to `within` before an anchor; `after`: up to `within` after one.
  if (relation.type === 'before') return (t) => firstFrom(t) <= t + w;
  return (t) => firstFrom(t - w) <= t;
}

export function relationTest(f: Finding, anchors: readonly TimelineEvent[] | undefined): ((t: number) => boolean) | undefined {
  return f.relation && anchors ? related(f.relation, anchors) : undefined;
}

/** Events of the candidate runs (EventIndex.candidates) that match a finding's matcher and relation, in time order; in steps (steps.ts). */
export function* matchingEvents(
  f: Finding,
  runs: readonly (readonly TimelineEvent[])[],
  ctx: EvidenceContext,
  anchors: readonly TimelineEvent[] | undefined,
  work: WorkMeter,
): Steps<TimelineEvent[]> {
  const test = eventTest(f.matcher!, ctx);
  const near = relationTest(f, anchors);
  // A text pattern's test costs about the length of the summary: a unit per 256 characters.
  const text = f.matcher!.text !== undefined;
  const found: TimelineEvent[] = [];
  for (const run of runs) {
    for (const e of run) {
      if ((!near || near(e.epochMs)) && test(e)) found.push(e);
      if (work.add(text ? 1 + (e.summary.length >>> 8) : 1)) yield;
    }
  }
  if (runs.length > 1) found.sort((a, b) => a.epochMs - b.epochMs);
  return found;
}

function compareFact(value: FactValue, t: FactTest): boolean {
  if (t.is !== undefined && value !== t.is) return false;
  if (t.gt !== undefined && !(typeof value === 'number' && value > t.gt)) return false;
  if (t.lt !== undefined && !(typeof value === 'number' && value < t.lt)) return false;
  return true;
}

export function factState(t: FactTest, facts: FactLookup): FindingState {
  const fact = facts.get(t.name, t.arg);
  if (fact.state === 'unknown') return { state: 'unknown', why: fact.why };
  return { state: compareFact(fact.value, t) ? 'present' : 'absent', events: fact.events };
}

/** The anchor of a related finding must be present; otherwise the relation cannot be judged. */
export function anchorProblem(f: Finding, states: ReadonlyMap<string, FindingState>): string | undefined {
  if (!f.relation) return undefined;
  const a = states.get(f.relation.anchor);
  if (a?.state === 'present') return undefined;
  return a?.state === 'unknown' ? `${f.relation.anchor} is unknown (${a.why})` : `${f.relation.anchor} was not seen`;
}

/** The state of a match or absent finding from the events it matched and the coverage. */
export function stateFromMatches(f: Finding, found: readonly TimelineEvent[], anchors: readonly TimelineEvent[] | undefined, ctx: EvidenceContext): FindingState {
  const spans = intervals(f.relation, anchors ?? []);
  if (f.form === 'absent') {
    if (found.length > 0) return { state: 'absent', events: found };
    const holds = absenceHolds(f.matcher!, spans, ctx);
    return holds === true ? { state: 'present', events: anchors ?? [] } : { state: 'unknown', why: holds };
  }
  if (found.length >= f.count) return { state: 'present', events: found };
  const holds = absenceHolds(f.matcher!, spans, ctx);
  return holds === true ? { state: 'absent', events: found } : { state: 'unknown', why: holds };
}

import type { Analysis, SourceStatus } from '../model/analysis.js';
import type { SourceName, TimelineEvent } from '../model/event.js';
import type { FactBook } from './facts.js';
import type { DeviceIdentitySet } from './identity.js';
import { compileMatcher, matcherSource, type EventIndex } from './matcher.js';
import { durationMs } from '../time/duration.js';
import type { HypothesisDefinition, Signature } from './pack-schema.js';
import { partitionPoint } from '../timeline/partition-point.js';

/** What one signature found: it holds (with the events that show it), it does not, or it cannot be told. */
export type SignatureOutcome =
  | { status: 'holds'; events: TimelineEvent[] }
  | { status: 'fails' }
  | { status: 'unknown' };

export interface TriageContext {
  analysis: Analysis;
  index: EventIndex;
  facts: FactBook;
  identity: DeviceIdentitySet;
  /** Correlation window for `near` when a signature does not set its own (after clock correction). */
  windowMs: number;
}

/** Events shown per signature in the evidence list; the rest still count. */
const EVIDENCE_EVENTS_PER_SIGNATURE = 3;

function sourceStatus(analysis: Analysis, source: SourceName | undefined): SourceStatus | undefined {
  return source === undefined ? undefined : analysis.sources.find((s) => s.name === source)?.status;
}

/** Whether some anchor lies within ±window of t (anchors sorted by time). */
function nearAny(t: number, anchors: readonly TimelineEvent[], windowMs: number): boolean {
  const lo = partitionPoint(0, anchors.length, (i) => anchors[i]!.epochMs < t - windowMs);
  return lo < anchors.length && anchors[lo]!.epochMs <= t + windowMs;
}

function compareFact(value: boolean | number | string, cond: { is?: boolean | string; gt?: number; lt?: number }): boolean {
  if (cond.is !== undefined && value !== cond.is) return false;
  if (cond.gt !== undefined && !(typeof value === 'number' && value > cond.gt)) return false;
  if (cond.lt !== undefined && !(typeof value === 'number' && value < cond.lt)) return false;
  return true;
}

/** Evaluates every signature of one hypothesis, anchors (`near`) before the signatures that use them. */
export class HypothesisEvaluation {
  readonly outcomes = new Map<string, SignatureOutcome>();
  private readonly signatures = new Map<string, Signature>();

  constructor(
    readonly def: HypothesisDefinition,
    private readonly ctx: TriageContext,
  ) {
    for (const s of [...def.evidence, ...def.contradictions]) this.signatures.set(s.id, s);
    for (const id of this.signatures.keys()) this.outcome(id);
  }

  outcome(id: string): SignatureOutcome {
    const known = this.outcomes.get(id);
    if (known) return known;
    const signature = this.signatures.get(id);
    // The pack loader rejects unknown ids and cycles; this guards a pack built in code.
    if (!signature) return { status: 'unknown' };
    this.outcomes.set(id, { status: 'unknown' });
    const result = this.evaluate(signature);
    this.outcomes.set(id, result);
    return result;
  }

  private anchors(s: Signature): readonly TimelineEvent[] | 'unknown' | undefined {
    if (s.near === undefined) return undefined;
    const anchor = this.outcome(s.near);
    return anchor.status === 'holds' ? anchor.events : 'unknown';
  }

  private evaluate(s: Signature): SignatureOutcome {
    const { analysis, index, facts } = this.ctx;
    if (s.fact) {
      const fact = facts.get(s.fact.name, s.fact.arg);
      if (!fact) return { status: 'unknown' };
      if (!compareFact(fact.value, s.fact)) return { status: 'fails' };
      return { status: 'holds', events: fact.event ? [fact.event] : [] };
    }
    const matcher = s.match ?? s.absent;
    if (!matcher) return { status: 'unknown' };
    // Absence in a source we do not have, or an event check on one, proves nothing.
    if (sourceStatus(analysis, matcherSource(matcher)) === 'missing') return { status: 'unknown' };
    const anchors = this.anchors(s);
    if (anchors === 'unknown') return { status: 'unknown' };
    const windowMs = s.window ? durationMs(s.window) : this.ctx.windowMs;
    const test = compileMatcher(matcher, this.ctx.identity);
    const found: TimelineEvent[] = [];
    scan: for (const run of index.candidates(matcher)) {
      for (const e of run) {
        if (!test(e)) continue;
        if (anchors && !nearAny(e.epochMs, anchors, windowMs)) continue;
        found.push(e);
        if (s.absent || found.length >= EVIDENCE_EVENTS_PER_SIGNATURE) break scan;
      }
    }
    found.sort((a, b) => a.epochMs - b.epochMs);
    if (s.absent) {
      if (found.length > 0) return { status: 'fails' };
      return { status: 'holds', events: anchors ? anchors.slice(0, 1) : [] };
    }
    return found.length > 0 ? { status: 'holds', events: found } : { status: 'fails' };
  }
}

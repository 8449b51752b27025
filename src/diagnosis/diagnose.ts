import type { Hypothesis } from '../model/analysis.js';
import type { TimelineEvent } from '../model/event.js';
import { EventIndex } from './event-index.js';
import { FindingBook } from './finding-book.js';
import type { EvidenceContext, FindingState } from './findings.js';
import type { DiagnosisModel } from './model.js';
import { rankCauses, type RankOptions } from './rank.js';
import { finish, type Steps } from './steps.js';

/**
 * One device's diagnosis, kept across live batches and probe outputs: the events are indexed once,
 * findings are evaluated once and updated incrementally, and the causes are re-ranked from the
 * findings (cheap: ranking looks at no event).
 */
export class Diagnosis {
  private constructor(
    readonly model: DiagnosisModel,
    readonly index: EventIndex,
    private readonly book: FindingBook,
  ) {}

  /** `context` is asked for the evidence context once the events are indexed (facts may read the index). */
  static of(model: DiagnosisModel, events: readonly TimelineEvent[], context: (index: EventIndex) => EvidenceContext): Diagnosis {
    return finish(Diagnosis.steps(model, events, context));
  }

  /** The same, in steps (steps.ts): the console runs them between its keys and signals. */
  static *steps(model: DiagnosisModel, events: readonly TimelineEvent[], context: (index: EventIndex) => EvidenceContext): Steps<Diagnosis> {
    const index = yield* EventIndex.steps(events);
    const book = yield* FindingBook.steps(model, index, context(index));
    return new Diagnosis(model, index, book);
  }

  /** New events (a live batch, a probe's output) and the context after them (coverage, facts). */
  update(batch: readonly TimelineEvent[], context: (index: EventIndex) => EvidenceContext): void {
    this.index.append(batch);
    this.book.update(batch, context(this.index));
  }

  get findings(): ReadonlyMap<string, FindingState> {
    return this.book.states;
  }

  rank(options: RankOptions): Hypothesis[] {
    return rankCauses(this.model, this.book.states, options);
  }
}

/** Ranks the causes of a model over a timeline, once. Pure: no I/O. */
export function diagnose(model: DiagnosisModel, events: readonly TimelineEvent[], ctx: EvidenceContext, options: RankOptions): Hypothesis[] {
  return Diagnosis.of(model, events, () => ctx).rank(options);
}

import { compareEvents, type TimelineEvent } from '../model/event.js';
import { genericOf, type EventIndex } from './event-index.js';
import { anchorProblem, eventTest, factState, matchingEvents, relationTest, stateFromMatches, type EvidenceContext, type FindingState } from './findings.js';
import type { DiagnosisModel, Finding } from './model.js';
import { finish, WorkMeter, type Steps } from './steps.js';

/** Passed by `FindingBook.steps` only: a book whose first pass is run by the caller, in steps. */
const UNSCANNED = Symbol('unscanned');

function mergeSorted(a: readonly TimelineEvent[], b: readonly TimelineEvent[]): TimelineEvent[] {
  if (b.length === 0) return [...a];
  return [...a, ...b].sort(compareEvents);
}

/**
 * The work bound of one judging pass: full scans test at most this many events per event of the
 * index (and at least WORK_FLOOR). An organisation pack of thousands of findings matching on text
 * alone, over a million events, would otherwise keep the console from reading a key for minutes.
 */
export const WORK_PER_EVENT = 16;
export const WORK_FLOOR = 2_000_000;

export const OVER_WORK_BOUND = `not looked at: the packs ask for more than ${WORK_PER_EVENT} event tests per event (the work bound); give the finding kinds`;

/**
 * Every finding of the model, evaluated once per analysis and shared by all causes. A live batch or
 * a probe output updates it: only findings whose kinds the batch touches (and those related to them)
 * look at events again, and only at the events of their kinds; facts and coverage are re-judged
 * without scanning.
 */
export class FindingBook {
  readonly states = new Map<string, FindingState>();
  private readonly found = new Map<string, readonly TimelineEvent[]>();
  private readonly anchorsUsed = new Map<string, readonly TimelineEvent[] | undefined>();
  private readonly kindCache = new Map<string, Set<string>>();
  /** Event tests left in this pass; findings the bound left unscanned (scanned again when it allows). */
  private budget = 0;
  private readonly unscanned = new Set<string>();

  constructor(
    private readonly model: DiagnosisModel,
    private readonly index: EventIndex,
    private ctx: EvidenceContext,
    scan: typeof UNSCANNED | undefined = undefined,
  ) {
    if (scan !== UNSCANNED) finish(this.scanAll());
  }

  /** The book of `index`, its first judging pass in steps (steps.ts). */
  static *steps(model: DiagnosisModel, index: EventIndex, ctx: EvidenceContext): Steps<FindingBook> {
    const book = new FindingBook(model, index, ctx, UNSCANNED);
    yield* book.scanAll();
    return book;
  }

  private *scanAll(): Steps<void> {
    this.startPass();
    const work = new WorkMeter();
    for (const f of this.model.findings) yield* this.judge(f, 'scan', work);
  }

  private startPass(): void {
    this.budget = Math.max(WORK_FLOOR, WORK_PER_EVENT * this.index.size);
  }

  /** Findings (ids) whose kinds include this event kind. */
  private touchedBy(kind: string): Set<string> {
    let ids = this.kindCache.get(kind);
    if (!ids) {
      ids = new Set();
      for (const f of this.model.findings) {
        const kinds = f.matcher?.kinds;
        if (kinds && (kinds.length === 0 || kinds.some((p) => (p.endsWith('*') ? kind.startsWith(p.slice(0, -1)) : p === kind)))) ids.add(f.id);
      }
      this.kindCache.set(kind, ids);
    }
    return ids;
  }

  /** Re-judges after `batch` joined the index, with the context after it (coverage, facts, identity). */
  update(batch: readonly TimelineEvent[], ctx: EvidenceContext): void {
    this.ctx = ctx;
    this.startPass();
    const touched = new Map<string, TimelineEvent[]>();
    for (const e of batch) {
      const ids = new Set(this.touchedBy(e.kind));
      const generic = genericOf(e);
      if (generic !== undefined) for (const id of this.touchedBy(generic)) ids.add(id);
      for (const id of ids) {
        const list = touched.get(id);
        if (list) list.push(e);
        else touched.set(id, [e]);
      }
    }
    const work = new WorkMeter();
    for (const f of this.model.findings) finish(this.judge(f, touched.get(f.id) ?? [], work));
  }

  private anchorsOf(f: Finding): readonly TimelineEvent[] | undefined {
    if (!f.relation) return undefined;
    const a = this.states.get(f.relation.anchor);
    return a?.state === 'present' ? a.events : undefined;
  }

  /** `scan`: look at every candidate event; else the batch of new events this finding may match. */
  private *judge(f: Finding, added: 'scan' | readonly TimelineEvent[], work: WorkMeter): Steps<void> {
    if (f.form === 'fact') {
      this.states.set(f.id, factState(f.fact!, this.ctx.facts));
      return;
    }
    const anchors = this.anchorsOf(f);
    const problem = anchorProblem(f, this.states);
    if (problem !== undefined) {
      this.found.set(f.id, []);
      this.anchorsUsed.set(f.id, undefined);
      this.states.set(f.id, { state: 'unknown', why: problem });
      return;
    }
    const anchorsChanged = this.anchorsUsed.get(f.id) !== anchors;
    if (added === 'scan' || this.unscanned.has(f.id) || (f.relation && (anchorsChanged || added.length > 0))) {
      const runs = this.index.candidates(f.matcher!.kinds);
      const cost = runs.reduce((n, run) => n + run.length, 0);
      if (cost > this.budget) {
        this.unscanned.add(f.id);
        this.found.set(f.id, []);
        this.anchorsUsed.set(f.id, anchors);
        this.states.set(f.id, { state: 'unknown', why: OVER_WORK_BOUND });
        return;
      }
      this.budget -= cost;
      this.unscanned.delete(f.id);
      this.found.set(f.id, yield* matchingEvents(f, runs, this.ctx, anchors, work));
    } else if (added.length > 0) {
      const test = eventTest(f.matcher!, this.ctx);
      const near = relationTest(f, anchors);
      this.found.set(f.id, mergeSorted(this.found.get(f.id) ?? [], added.filter((e) => test(e) && (!near || near(e.epochMs)))));
    }
    this.anchorsUsed.set(f.id, anchors);
    const previous = this.states.get(f.id);
    const next = stateFromMatches(f, this.found.get(f.id) ?? [], anchors, this.ctx);
    // Keep the same object when nothing changed, so related findings need not look again.
    const same = previous && previous.state === next.state && (next.state === 'unknown' ? previous.state === 'unknown' && previous.why === next.why : 'events' in previous && sameEvents(previous.events, next.events));
    this.states.set(f.id, same ? previous : next);
  }
}

function sameEvents(a: readonly TimelineEvent[], b: readonly TimelineEvent[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

import type { Analysis, Hypothesis } from '../model/analysis.js';
import type { TimelineEvent } from '../model/event.js';
import { evidenceContext, probesInHand } from './analysis-context.js';
import { Diagnosis } from './diagnose.js';
import type { EvidenceContext } from './findings.js';
import type { DiagnosisModel } from './model.js';
import { WORK_STEP, type Steps } from './steps.js';

/** The model to rank with, and how its probe steps render and count as done. */
export interface ActiveModel {
  model: DiagnosisModel;
  /** The command line a probe runs, as the runbook shows it. */
  probeCommand(name: string): string;
  /** Probes that read the Mac's log: in hand when the log itself was read completely. */
  logProbes: readonly string[];
}

export interface RankContext {
  /** Whether trustline can run a probe on the Mac now (unknown: assume yes). */
  macReachable?: boolean;
}

/**
 * A diagnosis kept across updates of one analysis (the console's live batches and probe outputs).
 * An update that only adds events costs the added events; one that changes or removes events (a
 * probe re-run, a first clock reading that moves every device event) starts again. Starting again
 * is work over the whole timeline: it is done in steps by `advance` (the console runs them between
 * its keys), or at once by `rank`; events added meanwhile join when it ends.
 */
export class AnalysisDiagnosis {
  private diagnosis: Diagnosis | undefined;
  /** A start in progress, and the events added since it began. */
  private starting: { steps: Steps<Diagnosis>; added: TimelineEvent[] } | undefined;
  private ctx!: EvidenceContext;
  private analysis: Analysis;
  /** The timeline's length at the last update (the console grows one array: its length is what says what changed). */
  private length: number;

  constructor(
    private readonly active: ActiveModel,
    analysis: Analysis,
  ) {
    this.analysis = analysis;
    this.length = analysis.timeline.length;
    this.start(analysis);
  }

  private start(analysis: Analysis): void {
    this.starting = { steps: Diagnosis.steps(this.active.model, analysis.timeline, () => (this.ctx = evidenceContext(analysis))), added: [] };
  }

  /**
   * `analysis` is the new state; `added` the events it has beyond the previous one, when the caller
   * knows that nothing else changed (no event removed or moved). Without `added`, starts again
   * (dropping a start still in progress).
   */
  update(analysis: Analysis, added?: readonly TimelineEvent[]): void {
    const length = analysis.timeline.length;
    const grows = added !== undefined && analysis.clock.deviceOffsetMs === this.analysis.clock.deviceOffsetMs && length === this.length + added.length;
    this.analysis = analysis;
    this.length = length;
    if (!grows) this.start(analysis);
    else if (this.starting) for (const e of added) this.starting.added.push(e);
    else this.diagnosis!.update(added, () => (this.ctx = evidenceContext(analysis)));
  }

  /** Whether the findings are current (no start in progress). */
  get ready(): boolean {
    return this.starting === undefined;
  }

  /** Runs a start in progress for up to about `units` of work (events indexed or tested); true once the findings are current. */
  advance(units = Number.POSITIVE_INFINITY): boolean {
    const starting = this.starting;
    if (!starting) return true;
    for (let done = 0; done < units; done += WORK_STEP) {
      const step = starting.steps.next();
      if (step.done !== true) continue;
      this.starting = undefined;
      this.diagnosis = step.value;
      const analysis = this.analysis;
      if (starting.added.length > 0) this.diagnosis.update(starting.added, () => (this.ctx = evidenceContext(analysis)));
      return true;
    }
    return false;
  }

  get findings() {
    this.advance();
    return this.diagnosis!.findings;
  }

  /** The ranking of the current findings (finishing a start in progress first). */
  rank(options: RankContext = {}): Hypothesis[] {
    this.advance();
    const inHand = probesInHand(this.ctx);
    if (this.ctx.coverage.some((c) => c.stream === 'endpoint.log' && c.complete)) for (const p of this.active.logProbes) inHand.add(p);
    return this.diagnosis!.rank({ macReachable: options.macReachable ?? true, probesInHand: inHand, probeCommand: this.active.probeCommand });
  }
}

/** Ranks the model's causes for one analysis. Pure: no I/O. */
export function rankAnalysis(analysis: Analysis, active: ActiveModel, options: RankContext = {}): Hypothesis[] {
  return new AnalysisDiagnosis(active, analysis).rank(options);
}

import type { Analysis, Hypothesis } from '../model/analysis.js';
import type { TimelineEvent } from '../model/event.js';
import { evidenceContext, probesInHand } from './analysis-context.js';
import { Diagnosis } from './diagnose.js';
import type { EvidenceContext } from './findings.js';
import type { DiagnosisModel } from './model.js';

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
 * probe re-run, a first clock reading that moves every device event) starts again.
 */
export class AnalysisDiagnosis {
  private diagnosis: Diagnosis;
  private ctx!: EvidenceContext;
  private analysis: Analysis;

  constructor(
    private readonly active: ActiveModel,
    analysis: Analysis,
  ) {
    this.analysis = analysis;
    this.diagnosis = this.start(analysis);
  }

  private start(analysis: Analysis): Diagnosis {
    return new Diagnosis(this.active.model, analysis.timeline, () => (this.ctx = evidenceContext(analysis)));
  }

  /**
   * `analysis` is the new state; `added` the events it has beyond the previous one, when the caller
   * knows that nothing else changed (no event removed or moved). Without `added`, starts again.
   */
  update(analysis: Analysis, added?: readonly TimelineEvent[]): void {
    const grows = added !== undefined && analysis.clock.deviceOffsetMs === this.analysis.clock.deviceOffsetMs && analysis.timeline.length === this.analysis.timeline.length + added.length;
    this.analysis = analysis;
    if (grows) this.diagnosis.update(added, () => (this.ctx = evidenceContext(analysis)));
    else this.diagnosis = this.start(analysis);
  }

  get findings() {
    return this.diagnosis.findings;
  }

  rank(options: RankContext = {}): Hypothesis[] {
    const inHand = probesInHand(this.ctx);
    if (this.ctx.coverage.some((c) => c.stream === 'endpoint.log' && c.complete)) for (const p of this.active.logProbes) inHand.add(p);
    return this.diagnosis.rank({ macReachable: options.macReachable ?? true, probesInHand: inHand, probeCommand: this.active.probeCommand });
  }
}

/** Ranks the model's causes for one analysis. Pure: no I/O. */
export function rankAnalysis(analysis: Analysis, active: ActiveModel, options: RankContext = {}): Hypothesis[] {
  return new AnalysisDiagnosis(active, analysis).rank(options);
}

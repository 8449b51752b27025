import { loadDiagnosisModel } from '../../src/config/diagnosis-packs.js';
import { AnalysisDiagnosis, rankAnalysis } from '../../src/diagnosis/rank-analysis.js';
import type { Analysis } from '../../src/model/analysis.js';
import type { TimelineEvent } from '../../src/model/event.js';
import { factInput } from '../../src/sources/assemble.js';
import { deriveMacFacts } from '../../src/sources/mac/facts.js';
import type { MacState } from '../../src/sources/mac/state.js';
import { figure, median, type BenchFigure } from './figure.js';
import { syntheticAnalysis } from './synthetic-analysis.js';

/** An okta-mtls-cert probe's output event, as the console folds it in after a run. */
function probeEvent(at: number): TimelineEvent {
  return {
    id: 'device:probe:okta-mtls-cert',
    epochMs: at,
    originalTime: '',
    source: 'device',
    kind: 'device.probe.okta-mtls-cert',
    generic: 'endpoint.probe',
    severity: 'error',
    summary: 'No Okta MTLS certificate in the keychain',
    keys: {},
    raw: { file: 'device/probes/okta-mtls-cert.txt' },
    fields: { certificates: 0 },
  };
}

/**
 * Figure 6: the built-in pack over 1,000,000 events, from scratch (target ≤ 200 ms); and figure 6b:
 * a probe output joining a console session of 1,000,000 events, re-ranked incrementally (≤ 50 ms).
 */
export async function benchDiagnosis(): Promise<BenchFigure[]> {
  const analysis = syntheticAnalysis(1_000_000);
  const active = await loadDiagnosisModel({});
  rankAnalysis(analysis, active);
  const full: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    rankAnalysis(analysis, active);
    full.push(performance.now() - t0);
  }
  const joins: number[] = [];
  for (let run = 0; run < 5; run++) {
    const session = new AnalysisDiagnosis(active, analysis);
    session.rank();
    const event = probeEvent(analysis.collectedAtMs ?? 0);
    const mac: MacState = { probes: { oktaCertificates: [] }, clock: analysis.clock };
    const facts = analysis.facts.replacing(deriveMacFacts(factInput({ state: mac, present: true }, [event], analysis.collectedAtMs ?? undefined)));
    const after: Analysis = { ...analysis, timeline: [...analysis.timeline, event], state: { ...analysis.state, device: mac }, facts };
    const t0 = performance.now();
    session.update(after, [event]);
    session.rank();
    joins.push(performance.now() - t0);
  }
  return [
    figure('6. diagnosis: built-in pack over 1,000,000 events (median of 5)', median(full), 'ms', 200),
    figure('6b. diagnosis: a probe output joins a 1,000,000-event session, re-ranked (median of 5)', median(joins), 'ms', 50),
  ];
}

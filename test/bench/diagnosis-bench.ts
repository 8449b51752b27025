import { loadDiagnosisModel } from '../../src/config/diagnosis-packs.js';
import { AnalysisDiagnosis, rankAnalysis } from '../../src/diagnosis/rank-analysis.js';
import { EMPTY_CONTEXT } from '../../src/model/context.js';
import { addDeviceOutput, type DeviceOutput } from '../../src/sources/mac/add-output.js';
import { figure, median, type BenchFigure } from './figure.js';
import { syntheticAnalysis } from './synthetic-analysis.js';

/**
 * Figure 6: the built-in pack over 1,000,000 events, from scratch (target ≤ 200 ms); and figure 6b:
 * a probe output joining a console session of 1,000,000 events: parsed, folded into the analysis and
 * re-ranked incrementally (≤ 50 ms).
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
  // The console's path for a probe run: the output parsed and folded into the analysis, then re-ranked.
  // An empty okta-mtls-cert output: no certificate in the keychain.
  const output: DeviceOutput = { kind: 'probe', name: 'okta-mtls-cert', rel: 'device/probes/okta-mtls-cert.txt', text: '' };
  const ctx = { ...EMPTY_CONTEXT, collectedAtMs: analysis.collectedAtMs ?? undefined };
  const joins: number[] = [];
  for (let run = 0; run < 5; run++) {
    const session = new AnalysisDiagnosis(active, analysis);
    session.rank();
    const t0 = performance.now();
    const { analysis: after, added } = await addDeviceOutput(analysis, output, ctx);
    session.update(after, added);
    session.rank();
    joins.push(performance.now() - t0);
  }
  return [
    figure('6. diagnosis: built-in pack over 1,000,000 events (median of 5)', median(full), 'ms', 200),
    figure('6b. diagnosis: a probe output joins a 1,000,000-event session, re-ranked (median of 5)', median(joins), 'ms', 50),
  ];
}

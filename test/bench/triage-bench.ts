import { loadHypotheses, triage } from '../../src/triage/triage.js';
import { figure, median, type BenchFigure } from './figure.js';
import { syntheticAnalysis } from './synthetic-analysis.js';

/** Figure 6 of the benchmark issue: the built-in pack over 1,000,000 events. Target ≤ 200 ms. */
export async function benchTriage(): Promise<BenchFigure> {
  const analysis = syntheticAnalysis(1_000_000);
  const active = await loadHypotheses({});
  triage(analysis, active);
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    triage(analysis, active);
    times.push(performance.now() - t0);
  }
  return figure('6. triage: built-in pack over 1,000,000 events (median of 5)', median(times), 'ms', 200);
}

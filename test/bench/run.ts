import { benchLiveCriticalPath } from './live-bench.js';
import { benchTriage } from './triage-bench.js';
import type { BenchFigure } from './figure.js';

// `npm run bench`: prints every figure with its target; exits non-zero when a target is missed.
const figures: BenchFigure[] = [await benchTriage(), await benchLiveCriticalPath()];
for (const f of figures) {
  process.stdout.write(`${f.pass ? 'ok  ' : 'MISS'} ${f.name}: ${f.value.toFixed(f.unit === '×' ? 2 : 1)} ${f.unit} (target ≤ ${f.target} ${f.unit})\n`);
}
process.exit(figures.every((f) => f.pass) ? 0 : 1);

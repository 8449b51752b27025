import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDiagnosisModel } from '../../src/config/diagnosis-packs.js';
import { AnalysisDiagnosis } from '../../src/diagnosis/rank-analysis.js';
import { analyzeBundle } from '../../src/sources/bundle/analyze-bundle.js';
import type { CommandName } from '../../src/sources/mac/ssh/commands.js';
import { afterProbe } from '../helpers/guided-step.js';
import { evaluate, formatFigures, type EvalCase } from './metrics.js';

// `npm run eval`: the built-in pack over the project's scenario bundles. The tuning set (test/fixtures/scenarios,
// with the demo scenarios it points at) and the eight held-out sets (test/fixtures/holdout, written before the pack
// was tuned; test/fixtures/holdout-2, written in session 4, holdout-3, -4 and -5, written in parallel in
// session 5, holdout-6, written in session 6, and holdout-7 and -8, written in session 7, all without reading the pack; none is ever edited to fit it) are reported apart. Run from the
// repository root. `--findings` also prints each bundle's ranking and the findings it established (+ present,
// - absent), for pack authors.

const verbose = process.argv.includes('--findings');

interface ManifestEntry {
  bundle: string;
  path?: string;
  expectTop?: string | null;
  expect?: string | null;
  notLikely?: string[];
  /** A demo scenario whose cause is only likely once this probe ran: judged after it. */
  until?: CommandName;
}

function readManifest(dir: string): { dir: string; entries: ManifestEntry[] } | undefined {
  try {
    return { dir, entries: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[] };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function run(set: { dir: string; entries: ManifestEntry[] }): Promise<EvalCase[]> {
  const active = await loadDiagnosisModel({});
  const cases: EvalCase[] = [];
  for (const e of set.entries) {
    const dir = e.path !== undefined ? e.path : join(set.dir, e.bundle);
    const collected = await analyzeBundle(dir);
    const analysis = e.until === undefined ? collected : await afterProbe(dir, collected, e.until);
    const diagnosis = new AnalysisDiagnosis(active, analysis);
    const ranking = diagnosis.rank();
    cases.push({ bundle: e.bundle, expect: e.expectTop ?? e.expect ?? null, notLikely: e.notLikely ?? [], ranking });
    if (verbose) {
      const seen = [...diagnosis.findings].filter(([, s]) => s.state !== 'unknown').map(([id, s]) => (s.state === 'present' ? `+${id}` : `-${id}`));
      process.stdout.write(`${e.bundle}: ${ranking.slice(0, 3).map((h) => `${h.id} ${h.verdict} ${h.score.toFixed(3)}`).join(', ')}\n  ${seen.join(' ')}\n`);
    }
  }
  return cases;
}

async function main(): Promise<number> {
  const tuning = readManifest('test/fixtures/scenarios');
  if (!tuning) throw new Error('run npm run eval from the repository root (test/fixtures/scenarios/manifest.json not found)');
  process.stdout.write(`${formatFigures('tuning set (test/fixtures/scenarios)', evaluate(await run(tuning)))}\n`);
  const heldOut = [
    { label: 'held-out set (test/fixtures/holdout)', dir: 'test/fixtures/holdout' },
    { label: 'held-out 2, written session 4 (test/fixtures/holdout-2)', dir: 'test/fixtures/holdout-2' },
    { label: 'held-out 3, written session 5 (test/fixtures/holdout-3)', dir: 'test/fixtures/holdout-3' },
    { label: 'held-out 4, written session 5 (test/fixtures/holdout-4)', dir: 'test/fixtures/holdout-4' },
    { label: 'held-out 5, written session 5 (test/fixtures/holdout-5)', dir: 'test/fixtures/holdout-5' },
    { label: 'held-out 6, written session 6 (test/fixtures/holdout-6)', dir: 'test/fixtures/holdout-6' },
    { label: 'held-out 7, written session 7 (test/fixtures/holdout-7)', dir: 'test/fixtures/holdout-7' },
    { label: 'held-out 8, written session 7 (test/fixtures/holdout-8)', dir: 'test/fixtures/holdout-8' },
  ];
  for (const { label, dir } of heldOut) {
    const set = readManifest(dir);
    if (set) process.stdout.write(`${formatFigures(label, evaluate(await run(set)))}\n`);
    else process.stdout.write(`${label}: ${dir}/manifest.json not found\n`);
  }
  return 0;
}

process.exitCode = await main();

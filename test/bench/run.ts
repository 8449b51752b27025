import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatFigure, type BenchFigure } from './figure.js';
import { keypressFigure, measureKeypresses, type KeypressSamples } from './keypress-bench.js';
import { benchLiveCriticalPath } from './live-bench.js';
import { benchNdjson, benchSyslog } from './pipeline-bench.js';
import { benchStartup } from './startup-bench.js';
import { benchDiagnosis } from './diagnosis-bench.js';
import { benchLiveAppend } from './live-append-bench.js';
import { benchSweep } from './sweep-bench.js';

// `npm run bench`: prints every figure of issue 8 with its target; exits non-zero when a target is missed.
// `npm run bench -- --figure 5` (or `--figure 4,5`) runs only those figures.
// `bench.mjs --keypress EVENTS COLUMNS ROWS` is figure 4's child (one console per process).
// `bench.mjs --sweep [EVENTS]` runs only the sweep figures (default 1,000,000 events).

const KEYPRESS_SIZES: [number, number][] = [
  [80, 24],
  [200, 60],
];
const KEYPRESS_EVENTS = [100_000, 1_000_000];

function cpuModel(): string {
  return /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
}

/** Figure 4 in a child: colours on as in a terminal (FORCE_COLOR), and no CI variables, which make Ink hold frames back. */
async function keypressInChild(events: number, columns: number, rows: number): Promise<KeypressSamples> {
  const env: NodeJS.ProcessEnv = { FORCE_COLOR: '3' };
  for (const [k, v] of Object.entries(process.env)) if (k !== 'CI' && k !== 'CONTINUOUS_INTEGRATION' && !k.startsWith('CI_')) env[k] ??= v;
  // stderr is kept back: Ink's cursor restore writes an escape sequence there on exit.
  const child = spawn(process.execPath, [process.argv[1]!, '--keypress', String(events), String(columns), String(rows)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => void (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => void (err += d));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`keypress child (${events} events, ${columns}x${rows}) exited ${code}: ${err.trim().slice(-500)}`);
  return JSON.parse(out) as KeypressSamples;
}

/** Each figure's runner, by its number; 1, 2 and 7 (the pipeline children) come from the same runs. */
const FIGURES: Record<string, (work: string) => Promise<BenchFigure[]>> = {
  '6': async () => [...(await benchDiagnosis()), await benchLiveAppend()],
  '3': async () => [await benchLiveCriticalPath()],
  '4': async () => {
    const out: BenchFigure[] = [];
    for (const events of KEYPRESS_EVENTS) {
      for (const [columns, rows] of KEYPRESS_SIZES) out.push(keypressFigure(await keypressInChild(events, columns, rows), `${columns}x${rows}`));
    }
    return out;
  },
  '5': async () => [await benchStartup()],
  '1': (work) => benchSyslog(work),
  '2': (work) => benchNdjson(work),
  '9': () => benchSweep(),
};

async function main(only: string[] | undefined): Promise<number> {
  process.stdout.write(`trustline bench: ${availableParallelism()} CPUs (${cpuModel()}), Node ${process.version}\n`);
  const figures: BenchFigure[] = [];
  const report = (...f: BenchFigure[]): void => {
    for (const x of f) process.stdout.write(`${formatFigure(x)}\n`);
    figures.push(...f);
  };
  const work = mkdtempSync(join(tmpdir(), 'trustline-bench-'));
  try {
    for (const [n, run] of Object.entries(FIGURES)) if (only === undefined || only.includes(n) || (n === '1' && only.includes('7'))) report(...(await run(work)));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const missed = figures.filter((f) => !f.pass);
  process.stdout.write(missed.length === 0 ? 'every target met\n' : `${missed.length} target(s) missed\n`);
  return missed.length === 0 ? 0 : 1;
}

const args = process.argv.slice(2);
if (args[0] === '--sweep') {
  const figures = await benchSweep(args[1] ? Number(args[1]) : undefined);
  for (const f of figures) process.stdout.write(`${formatFigure(f)}\n`);
  process.exit(figures.every((f) => f.pass) ? 0 : 1);
}
if (args[0] === '--keypress') {
  const [events, columns, rows] = args.slice(1).map(Number) as [number, number, number];
  process.stdout.write(`${JSON.stringify(await measureKeypresses(events, columns, rows))}\n`);
  process.exit(0);
}
if (args[0] === '--figure') {
  const only = (args[1] ?? '').split(',');
  const unknown = only.filter((n) => !(n in FIGURES) && n !== '7');
  if (unknown.length > 0) {
    process.stderr.write(`bench: no figure ${unknown.join(', ')} (figures: 1-7, 9)\n`);
    process.exit(2);
  }
  process.exit(await main(only));
}
process.exit(await main(undefined));

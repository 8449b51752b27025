import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { figure, type BenchFigure } from './figure.js';
import { writeGeneratedBundle, type GeneratedStyle } from './log-generator.js';
import { compareProcesses, ensureLnav, lnavVersion, medianRssMb, medianWallMs, timeProcess, type Command, type Comparison } from './processes.js';

const LINES = 1_000_000;
const RUNS = 3;
// Beside bench.mjs in bin/build: the lean child bundle and the launcher.
const CHILD = new URL('./bench-child.mjs', import.meta.url).pathname;
const TRUSTLINE = new URL('../trustline.js', import.meta.url).pathname;

interface ChildOutput {
  count: number;
  maxRssKb: number;
  bytesPerEvent?: number;
}

function childOutput(stdout: string): ChildOutput {
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildOutput;
}

const node = (...args: string[]): Command => ({ file: process.execPath, args });
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const mb = (value: number): string => `${value.toFixed(0)} MB`;

function sides(c: Comparison, ours: string, theirs: string): { wall: string; rss: string } {
  return {
    wall: `${ours} ${seconds(medianWallMs(c.ours))} / ${theirs} ${seconds(medianWallMs(c.theirs))}`,
    rss: `${ours} ${mb(medianRssMb(c.ours))} / ${theirs} ${mb(medianRssMb(c.theirs))}`,
  };
}

function generate(work: string, style: GeneratedStyle): { dir: string; file: string; size: string } {
  const b = writeGeneratedBundle(join(work, style), style, LINES);
  return { ...b, size: `${(b.bytes / 1e6).toFixed(0)} MB` };
}

/**
 * Figures 1 and 7, and the end-to-end `analyze --json` for information: a generated 1,000,000-line
 * `log show --style syslog` file, read by trustline's pipeline (analyzeBundle in a child process:
 * parse, normalise to UTC, merge; no triage, no output) and by lnav.
 */
export async function benchSyslog(work: string): Promise<BenchFigure[]> {
  const installed = ensureLnav();
  const b = generate(work, 'syslog');
  try {
    const lnav: Command = { file: 'lnav', args: ['-n', '-c', ';SELECT count(*) FROM all_logs', b.file] };
    const c = await compareProcesses(node(CHILD, 'pipeline', b.dir), lnav, RUNS);
    const events = childOutput(c.ours[0]!.stdout).count;
    const rows = /\d+/.exec(c.theirs[0]!.stdout.split('\n')[1] ?? '')?.[0] ?? '?';
    const s = sides(c, 'trustline', 'lnav');
    const what = `${LINES.toLocaleString('en')}-line syslog-style file (${b.size}; trustline ${events} events, lnav ${rows} rows; ${lnavVersion()}, ${installed}; median of ${RUNS})`;
    const memory = childOutput((await timeProcess(node('--expose-gc', CHILD, 'memory', b.dir))).stdout);
    const e2e = await timeProcess({ ...node(TRUSTLINE, 'analyze', '--bundle', b.dir, '--json'), discardStdout: true });
    return [
      figure(`1. parse + UTC + merge (analyzeBundle in a child, no output) vs lnav -n -c ';SELECT count(*) FROM all_logs', wall time, ${what}`, c.wallRatio, '×', 1.0, s.wall),
      figure('1. the same, peak RSS', c.rssRatio, '×', 2.0, s.rss),
      figure('1. end to end: trustline analyze --bundle --json > /dev/null (triage and 1M JSON timeline entries included), one run', e2e.wallMs / medianWallMs(c.theirs), '×', undefined, `${seconds(e2e.wallMs)}, ${mb(e2e.maxRssKb / 1024)} peak RSS, against lnav's ${seconds(medianWallMs(c.theirs))}`),
      figure(`7. heap held per timeline event at ${memory.count} events (the syslog file's analysis; heap used after GC with it alive minus before, / events)`, memory.bytesPerEvent ?? Number.NaN, 'B', undefined),
    ];
  } finally {
    rmSync(b.dir, { recursive: true, force: true });
  }
}

/** Figure 2: the same pipeline on 1,000,000 lines of `--style ndjson` against a bare JSON.parse-per-line loop. */
export async function benchNdjson(work: string): Promise<BenchFigure[]> {
  const b = generate(work, 'ndjson');
  try {
    const c = await compareProcesses(node(CHILD, 'pipeline', b.dir), node(CHILD, 'json-lines', b.file), RUNS);
    const s = sides(c, 'trustline', 'JSON.parse loop');
    return [
      figure(`2. parse + UTC + merge (analyzeBundle in a child, no output) vs a bare JSON.parse-per-line loop, wall time, ${LINES.toLocaleString('en')}-line ndjson file (${b.size}; median of ${RUNS})`, c.wallRatio, '×', 1.3, s.wall),
      figure('2. the same, peak RSS (the loop keeps nothing)', c.rssRatio, '×', undefined, s.rss),
    ];
  } finally {
    rmSync(b.dir, { recursive: true, force: true });
  }
}

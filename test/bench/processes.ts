import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './figure.js';

/** One run of a command: wall time from spawn to exit, peak RSS, what it printed. */
export interface ProcessRun {
  wallMs: number;
  maxRssKb: number;
  stdout: string;
}

export interface Command {
  file: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  /** Send stdout to /dev/null instead of collecting it. */
  discardStdout?: boolean;
}

const TIME = '/usr/bin/time';

/** Runs a command under GNU time (`%M`: its peak RSS in KB); fails on a non-zero exit. */
export async function timeProcess(cmd: Command): Promise<ProcessRun> {
  const dir = mkdtempSync(join(tmpdir(), 'trustline-bench-time-'));
  const rssFile = join(dir, 'rss');
  try {
    const started = performance.now();
    const child = spawn(TIME, ['-f', '%M', '-o', rssFile, cmd.file, ...cmd.args], {
      stdio: ['ignore', cmd.discardStdout ? 'ignore' : 'pipe', 'pipe'],
      env: cmd.env ?? process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => void (stdout += d));
    child.stderr?.setEncoding('utf8').on('data', (d: string) => void (stderr += d.length < 4000 ? d : d.slice(0, 4000)));
    const code = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    const wallMs = performance.now() - started;
    if (code !== 0) throw new Error(`${cmd.file} ${cmd.args.join(' ')} exited ${code}: ${stderr.trim().split('\n').slice(-3).join(' | ')}`);
    return { wallMs, maxRssKb: Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()), stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Comparison {
  ours: ProcessRun[];
  theirs: ProcessRun[];
  wallRatio: number;
  rssRatio: number;
}

/**
 * Runs both commands `runs` times, interleaved so load from elsewhere on the machine falls on both,
 * after one warm-up run each (page cache, first-run configuration). Ratios of the medians.
 */
export async function compareProcesses(ours: Command, theirs: Command, runs: number): Promise<Comparison> {
  await timeProcess(ours);
  await timeProcess(theirs);
  const a: ProcessRun[] = [];
  const b: ProcessRun[] = [];
  for (let i = 0; i < runs; i++) {
    a.push(await timeProcess(ours));
    b.push(await timeProcess(theirs));
  }
  const wall = (r: ProcessRun[]) => median(r.map((x) => x.wallMs));
  const rss = (r: ProcessRun[]) => median(r.map((x) => x.maxRssKb));
  return { ours: a, theirs: b, wallRatio: wall(a) / wall(b), rssRatio: rss(a) / rss(b) };
}

export function medianWallMs(runs: readonly ProcessRun[]): number {
  return median(runs.map((r) => r.wallMs));
}

export function medianRssMb(runs: readonly ProcessRun[]): number {
  return median(runs.map((r) => r.maxRssKb)) / 1024;
}

/** Installs lnav from Debian when it is missing; returns what was done, for the output. */
export function ensureLnav(): string {
  if (spawnSync('lnav', ['-V'], { stdio: 'ignore' }).status === 0) return 'lnav present';
  const install = () => spawnSync('apt-get', ['install', '-y', 'lnav'], { stdio: 'ignore', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  if (!install()) {
    spawnSync('apt-get', ['update'], { stdio: 'ignore' });
    if (!install()) throw new Error('lnav is missing and `apt-get install -y lnav` failed (run it as root)');
  }
  return 'lnav was missing: installed with apt-get install -y lnav';
}

export function lnavVersion(): string {
  return spawnSync('lnav', ['-V'], { encoding: 'utf8' }).stdout.trim();
}

import { describe, expect, it, vi } from 'vitest';
import { runAnalyzeBundle, type OutputOptions } from '../../src/cli/analyze.js';
import { runCliAsync, type CliResult } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-files.js';
import { expectClean, hostileCases, inParallel } from './cases.js';
import { HOSTILE } from './hostile-strings.js';

const cases = hostileCases();
const PSEUDONYM_KEY = 'hostile-test-pseudonym-key-0001';
const RUNS: { args: string[]; out: OutputOptions }[] = [
  { args: ['--md'], out: { format: 'md', report: false, redact: true } },
  { args: ['--json', '--report'], out: { format: 'json', report: true, redact: true } },
];

/** What `analyze` printed for one case: exit status, stdout and stderr clean, the report or JSON whole. Failures are collected. */
function checkRun(r: CliResult, where: string, args: string[], failures: string[]): void {
  if (r.status !== 0) failures.push(`${where}: exit ${r.status}: ${r.stderr.slice(0, 300)}`);
  try {
    expectClean(r.stdout, `${where} stdout`);
    expectClean(r.stderr, `${where} stderr`);
    if (args[0] === '--json') {
      const json = JSON.parse(r.stdout) as { device: unknown; sources: { status: string }[]; timeline: unknown[]; report: { probes: unknown[] } };
      expect(Object.keys(json)).toEqual(['device', 'sources', 'clock', 'timeline', 'hypotheses', 'report']);
      expect(json.timeline.length, where).toBeGreaterThan(30);
      expect(json.report.probes.length, where).toBe(7);
    } else {
      expect(r.stdout, where).toContain('## Probes run');
    }
  } catch (error) {
    failures.push(error instanceof Error ? error.message.slice(0, 400) : String(error));
  }
}

/**
 * `analyze --bundle DIR` in this process: the function the CLI's `analyze` action runs, with stdout and
 * stderr captured. Exit status 0 stands for "returned"; a throw is what main.ts turns into a non-zero exit.
 */
async function analyzeInProcess(dir: string, out: OutputOptions): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const capture = (into: 'out' | 'err') => (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    if (into === 'out') stdout += text;
    else stderr += text;
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  };
  const outSpy = vi.spyOn(process.stdout, 'write').mockImplementation(capture('out'));
  const errSpy = vi.spyOn(process.stderr, 'write').mockImplementation(capture('err'));
  try {
    await runAnalyzeBundle(dir, out, {});
    return { status: 0, stdout, stderr };
  } catch (error) {
    return { status: 1, stdout, stderr: `${stderr}${error instanceof Error ? error.message : String(error)}` };
  } finally {
    outSpy.mockRestore();
    errSpy.mockRestore();
  }
}

describe('hostile strings through analyze', () => {
  it('the corpus has at least fifty strings', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(50);
    expect(new Set(HOSTILE.map((h) => h.name)).size).toBe(HOSTILE.length);
  });

  it('analyze --md and analyze --json --report print no raw control or format character, for every string in every field', async () => {
    vi.stubEnv('TRUSTLINE_PSEUDONYM_KEY', PSEUDONYM_KEY);
    vi.stubEnv('XDG_CONFIG_HOME', tempDir());
    const failures: string[] = [];
    try {
      for (const c of cases) {
        const dir = writeTree(c.files);
        for (const { args, out } of RUNS) checkRun(await analyzeInProcess(dir, out), `${c.name} ${args.join(' ')}`, args, failures);
      }
    } finally {
      vi.unstubAllEnvs();
    }
    expect(failures).toEqual([]);
  }, 240_000);

  // The built CLI end to end (launcher, bundle, exit code, stdout and stderr of a real process) on a few
  // of the same bundles: the first corpus string, the last, and a split pair.
  it('the built CLI prints the same clean output for a sample of the corpus', async () => {
    const sample = [cases[0]!, cases[HOSTILE.length - 1]!, cases.at(-1)!];
    const failures: string[] = [];
    await inParallel(sample, 2, async (c) => {
      const dir = writeTree(c.files);
      for (const { args } of RUNS) checkRun(await runCliAsync(['analyze', '--bundle', dir, ...args], { TRUSTLINE_PSEUDONYM_KEY: PSEUDONYM_KEY }), `${c.name} ${args.join(' ')} (CLI)`, args, failures);
    });
    expect(failures).toEqual([]);
  }, 120_000);
});

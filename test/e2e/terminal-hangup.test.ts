/**
 * The terminal closes under a running full-screen program (issue 17, item 2): `tmux kill-window`
 * hangs up the pty. The program must end by the hang-up (no abort in node::ResetStdio, no core file),
 * after running its exit clean-ups.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTmux } from '../helpers/tmux.js';

let dir: string;
let demo: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trustline-hangup-'));
  demo = join(dir, 'fullscreen-demo.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../fixtures/terminal/fullscreen-demo.ts', import.meta.url))],
    outfile: demo,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function waitForFile(path: string, timeoutMs = 5000): Promise<string> {
  const end = Date.now() + timeoutMs;
  while (!existsSync(path) || readFileSync(path, 'utf8') === '') {
    if (Date.now() > end) throw new Error(`no ${path} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return readFileSync(path, 'utf8');
}

describe('the terminal closes while the console runs', () => {
  it.each([['kill-window'], ['kill-server']] as const)('after tmux %s: ends by the hang-up, runs its clean-ups, no abort, no core', async (how) => {
    const work = mkdtempSync(join(dir, 'run-'));
    // The wrapper outlives the hang-up (it ignores HUP; the program handles HUP itself) and records how
    // the program ended; the program's stderr goes to a file so an abort message is kept, and core files
    // are allowed so one would show in the working directory.
    const script = [
      'trap "" HUP',
      'ulimit -c unlimited 2>/dev/null',
      `"$0" "$1" 2>"${work}/stderr"`,
      `echo $? > "${work}/status"`,
    ].join('; ');
    const tmux = startTmux({ command: ['/bin/sh', '-c', script, process.execPath, demo], cols: 80, rows: 24, hold: false, cwd: work, env: { DEMO_CLEANUP_FILE: join(work, 'cleanup') } });
    await tmux.waitFor(/FULLSCREEN-MARKER pid=\d+/);
    if (how === 'kill-window') tmux.tmux('kill-window', '-t', 'main');
    else tmux.kill();
    const status = Number((await waitForFile(join(work, 'status'))).trim());
    const stderr = readFileSync(join(work, 'stderr'), 'utf8');
    expect(stderr).not.toContain('Assertion failed');
    expect(status).toBe(129);
    expect(existsSync(join(work, 'core'))).toBe(false);
    expect(readFileSync(join(work, 'cleanup'), 'utf8')).toBe('cleaned up\n');
  }, 20_000);
});

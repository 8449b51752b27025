/**
 * Long work never blocks the keys and signals (issue 17, item 4): while the console ranks a timeline
 * for seconds, `q`, Ctrl-C and SIGTERM from outside end it, the terminal is given back, and no
 * process is left. The state file says the ranking was still running when the process exited.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleOptions } from '../../bin/bundle-options.js';
import { tempDir } from '../helpers/temp-files.js';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';

let dir: string;
let program: string;

// Bundled as the CLI is (Ink and React inside), so the test needs no `npm run build` first.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trustline-ranking-'));
  program = join(dir, 'ranking-console.mjs');
  await build({ ...bundleOptions, entryPoints: [fileURLToPath(new URL('../fixtures/terminal/ranking-console.ts', import.meta.url))], outfile: program, sourcemap: false, logLevel: 'error' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function whileRanking(): Promise<{ tmux: TmuxSession; pid: number; stateFile: string }> {
  const work = mkdtempSync(join(tempDir(), 'ranking-'));
  const pidFile = join(work, 'pid');
  const stateFile = join(work, 'state');
  const tmux = startTmux({ command: [process.execPath, program], cols: 100, rows: 30, env: { RANKING_PID_FILE: pidFile, RANKING_STATE_FILE: stateFile } });
  await tmux.waitFor(/Hypotheses 0\/0 · ranking…/, 60_000);
  expect(existsSync(pidFile)).toBe(true);
  return { tmux, pid: Number(readFileSync(pidFile, 'utf8')), stateFile };
}

describe('keys and signals while the console ranks', () => {
  it.each([
    ['q', 0, (t: TmuxSession) => t.sendKeys('q')],
    ['Ctrl-C', 0, (t: TmuxSession) => t.sendKeys('C-c')],
    ['SIGTERM from outside', 143, (_t: TmuxSession, pid: number) => process.kill(pid, 'SIGTERM')],
  ] as const)('%s ends it before the ranking does: exit %i, terminal back, nothing left running', async (_what, status, act) => {
    const { tmux, pid, stateFile } = await whileRanking();
    act(tmux, pid);
    expect(await tmux.waitForExit(60_000)).toBe(status);
    expect(readFileSync(stateFile, 'utf8')).toBe('ranking');
    expect(tmux.alternateOn()).toBe(false);
    expect(tmux.cursorVisible()).toBe(true);
    expect(alive(pid)).toBe(false);
  }, 120_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';

// The stand-in program uses the real src/terminal/screen.ts; it is bundled here so the test needs no
// `npm run build` first.
let dir: string;
let demo: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trustline-e2e-'));
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

/** At 80x24: a line on the normal screen first, then the full-screen program. */
async function startDemo(): Promise<{ tmux: TmuxSession; pid: number }> {
  const tmux = startTmux({ command: ['/bin/sh', '-c', 'echo BEFORE-MARKER; exec "$0" "$1"', process.execPath, demo], cols: 80, rows: 24 });
  const screen = await tmux.waitFor(/FULLSCREEN-MARKER pid=\d+/);
  expect(tmux.alternateOn()).toBe(true);
  expect(tmux.cursorVisible()).toBe(false);
  expect(screen).not.toContain('BEFORE-MARKER');
  return { tmux, pid: Number(/pid=(\d+)/.exec(screen)?.[1]) };
}

/** The terminal as it was: normal screen with what was there before, cursor shown. */
function expectRestored(tmux: TmuxSession): string {
  expect(tmux.alternateOn()).toBe(false);
  expect(tmux.cursorVisible()).toBe(true);
  const screen = tmux.capture();
  expect(screen).toContain('BEFORE-MARKER');
  expect(screen).not.toContain('FULLSCREEN-MARKER');
  return screen;
}

describe('the terminal is given back as it was', () => {
  it.each([
    ['q (a normal exit)', 'q', 0],
    ['Ctrl-C (the program raises SIGINT)', 'C-c', 130],
  ] as const)('after %s: exit status %i', async (_what, key, status) => {
    const { tmux } = await startDemo();
    tmux.sendKeys(key);
    expect(await tmux.waitForExit()).toBe(status);
    expectRestored(tmux);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('after %s from outside: exit status %i', async (signal, status) => {
    const { tmux, pid } = await startDemo();
    process.kill(pid, signal);
    expect(await tmux.waitForExit()).toBe(status);
    expectRestored(tmux);
  });

  it('after an uncaught exception: the error on one line below the old screen, escapes made visible, status 1', async () => {
    const { tmux } = await startDemo();
    tmux.sendKeys('t');
    expect(await tmux.waitForExit()).toBe(1);
    const screen = expectRestored(tmux);
    expect(screen).toContain('fullscreen-demo: internal error: demo crash ^[[2Jwith an escape');
    expect(screen.indexOf('BEFORE-MARKER')).toBeLessThan(screen.indexOf('internal error'));
  });

  it('after an unhandled rejection: status 1', async () => {
    const { tmux } = await startDemo();
    tmux.sendKeys('r');
    expect(await tmux.waitForExit()).toBe(1);
    expect(expectRestored(tmux)).toContain('fullscreen-demo: internal error: demo rejection');
  });
});

describe('OSC 52 through a real terminal parser', () => {
  it('tmux reads the copied text from the sequence (set-clipboard on stores it in a paste buffer)', async () => {
    const { tmux } = await startDemo();
    tmux.sendKeys('c');
    await tmux.waitFor('copied 23 bytes to the clipboard (OSC 52)');
    expect(await tmux.waitUntil(() => tmux.pasteBuffer(), 'a paste buffer')).toBe('kubectl get pods -n sso');
    tmux.sendKeys('q');
    expect(await tmux.waitForExit()).toBe(0);
  });
});

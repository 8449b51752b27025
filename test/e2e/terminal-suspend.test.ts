/**
 * Job control (issue 17, item 11): Ctrl-Z or `kill -TSTP` leaves the alternate screen and raw mode
 * before the console stops; SIGCONT (what `fg` sends) takes the terminal again and redraws the whole
 * frame, and the keys work after it.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';
import { tempDir } from '../helpers/temp-files.js';

const launcher = fileURLToPath(new URL('../../bin/trustline.js', import.meta.url));

async function startConsole(): Promise<{ tmux: TmuxSession; pid: number }> {
  const state = tempDir();
  const tmux = startTmux({
    command: ['/bin/sh', '-c', 'echo BEFORE-CONSOLE; exec "$0" "$1" demo --scenario not-managed-in-jamf', process.execPath, launcher],
    cols: 100,
    rows: 30,
    env: { XDG_STATE_HOME: state, XDG_CONFIG_HOME: join(state, 'no-config') },
  });
  await tmux.waitFor(/LIKELY.*Not Jamf-managed/, 20_000);
  const shell = tmux.display('#{pane_pid}').trim();
  const pid = Number(spawnSync('pgrep', ['-P', shell], { encoding: 'utf8' }).stdout.trim().split('\n')[0]);
  expect(pid).toBeGreaterThan(0);
  return { tmux, pid };
}

function processState(pid: number): string {
  return spawnSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim();
}

function ttyModes(tmux: TmuxSession): string {
  return spawnSync('stty', ['-a', '-F', tmux.display('#{pane_tty}').trim()], { encoding: 'utf8' }).stdout;
}

describe('suspending the console', () => {
  it.each([
    ['kill -TSTP', (_tmux: TmuxSession, pid: number) => void process.kill(pid, 'SIGTSTP')],
    ['Ctrl-Z', (tmux: TmuxSession) => tmux.sendKeys('C-z')],
  ] as const)('after %s: normal screen and cooked mode while stopped, the whole frame again after SIGCONT', async (_how, suspend) => {
    const { tmux, pid } = await startConsole();
    expect(tmux.alternateOn()).toBe(true);
    expect(ttyModes(tmux)).toMatch(/-icanon/);
    suspend(tmux, pid);
    await tmux.waitUntil(() => processState(pid).startsWith('T'), 'the console stopped');
    expect(tmux.alternateOn()).toBe(false);
    expect(tmux.cursorVisible()).toBe(true);
    expect(tmux.capture()).toContain('BEFORE-CONSOLE');
    expect(ttyModes(tmux)).toMatch(/(^|\s)icanon/);

    process.kill(pid, 'SIGCONT');
    const screen = await tmux.waitFor(/LIKELY.*Not Jamf-managed/);
    expect(tmux.alternateOn()).toBe(true);
    expect(screen).toMatch(/^trustline /);
    expect(ttyModes(tmux)).toMatch(/-icanon/);
    tmux.sendKeys('q');
    expect(await tmux.waitForExit(10_000)).toBe(0);
  }, 60_000);
});

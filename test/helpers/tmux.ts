import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach } from 'vitest';

/**
 * End-to-end terminal tests: a program runs in a detached tmux server of its own (a private socket in
 * a temporary directory) at a fixed size, driven with send-keys and read with capture-pane. Works
 * without a terminal or stdin (CI): tmux is only ever asked with `-d` and `-p`. Every session is killed
 * after each test.
 *
 * The child gets the test process's environment without the variables that would change how it draws
 * (CI, NO_COLOR, FORCE_COLOR, COLORTERM, TMUX, STY), plus `CI=false` (Ink is non-interactive under
 * CI=true: last frame only, no alternate screen, no resize) and `TERM=xterm-256color`; `env` adds to
 * that, and an undefined value removes a variable. Note that chalk counts any CI variable, CI=false
 * included, as CI and then draws no colour: pass `{ CI: undefined }` or `FORCE_COLOR` to see colours.
 */

export interface TmuxOptions {
  /** The program and its arguments (run directly, no shell). */
  command: readonly string[];
  cols?: number;
  rows?: number;
  env?: Record<string, string | undefined>;
  cwd?: string;
  /**
   * Keep the pane after the program ends (default true): a shell waits behind the program, prints
   * `EXIT_MARK N` with its exit status on the normal screen and stays, so the terminal state the
   * program left (alternate screen, cursor) can be inspected. False: the pane closes with the program.
   */
  hold?: boolean;
}

export interface TmuxSession {
  /** Key names as tmux knows them (`Enter`, `C-c`, `Up`, `Escape`, `Tab`) or text, as `tmux send-keys`. */
  sendKeys(...keys: string[]): void;
  /** Text typed literally, even when it spells a key name (`send-keys -l`). */
  sendText(text: string): void;
  /** The visible screen, trailing spaces trimmed; `escapes` keeps colours and attributes (`-e`). */
  capture(options?: { escapes?: boolean }): string;
  /** Polls the screen until it shows the text or matches; returns that screen. Fails with the last screen. */
  waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<string>;
  /** Polls until `probe` returns something other than undefined or false; fails naming `what`. */
  waitUntil<T>(probe: () => T | undefined | false, what: string, timeoutMs?: number): Promise<T>;
  /** A tmux format of the pane, as `display -p`, such as `#{cursor_x}`. */
  display(format: string): string;
  alternateOn(): boolean;
  cursorVisible(): boolean;
  size(): { cols: number; rows: number };
  resize(cols: number, rows: number): void;
  /** With `hold`: waits for the program to end and returns its exit status (128 + n when a signal killed it). */
  waitForExit(timeoutMs?: number): Promise<number>;
  /** The most recent tmux paste buffer (what an OSC 52 copy sets when `set-clipboard` is on), if any. */
  pasteBuffer(): string | undefined;
  /** Any tmux command against this server, for what the helpers above do not cover. */
  tmux(...args: string[]): string;
  /** Kills the server (and the program). Idempotent; runs after each test anyway. */
  kill(): void;
}

export const EXIT_MARK = '[tmux-helper: exited';
const DEFAULT_TIMEOUT_MS = 5000;
const POLL_MS = 20;
const DROPPED = ['CI', 'CONTINUOUS_INTEGRATION', 'NO_COLOR', 'FORCE_COLOR', 'COLORTERM', 'TMUX', 'TMUX_PANE', 'STY'];

const live = new Set<TmuxSession>();

afterEach(() => {
  for (const session of live) session.kill();
});

/** True when a tmux binary runs here. */
export function tmuxAvailable(): boolean {
  return spawnSync('tmux', ['-V'], { stdio: 'ignore' }).status === 0;
}

function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of DROPPED) delete env[name];
  Object.assign(env, { CI: 'false', TERM: 'xterm-256color' });
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

/**
 * A shell behind the program: reports its status on the normal screen, then keeps the pane open. Its
 * trap outlives a Ctrl-C typed to the program (a trap, unlike an ignored signal, is not inherited).
 */
function held(command: readonly string[]): string[] {
  return ['/bin/sh', '-c', `trap : INT QUIT; "$@"; printf '\\n${EXIT_MARK} %s]\\n' "$?"; exec sleep 86400`, 'sh', ...command];
}

export function startTmux(options: TmuxOptions): TmuxSession {
  const cols = options.cols ?? 80;
  const rows = options.rows ?? 24;
  const env = childEnv(options.env ?? {});
  const dir = mkdtempSync(join(tmpdir(), 'trustline-tmux-'));
  const socket = join(dir, 'sock');
  let alive = true;

  const tmux = (...args: string[]): string => {
    const result = spawnSync('tmux', ['-S', socket, '-f', '/dev/null', ...args], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.error) throw new Error(`tmux could not run (is it installed?): ${result.error.message}`);
    if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr.trim() || `exit ${result.status}`}`);
    return result.stdout;
  };

  const command = options.hold === false ? [...options.command] : held(options.command);
  // The server takes its global environment from this first client, so the pane gets `env`. The options
  // are set before the session exists: no status line (the pane is the whole cols x rows), the child's
  // TERM (tmux would otherwise force its default-terminal), no delay after Escape.
  tmux(
    'start-server', ';',
    'set-option', '-g', 'status', 'off', ';',
    'set-option', '-g', 'default-terminal', env['TERM'] ?? 'xterm-256color', ';',
    'set-option', '-s', 'escape-time', '0', ';',
    'set-option', '-s', 'set-clipboard', 'on', ';',
    'new-session', '-d', '-s', 'main', '-x', String(cols), '-y', String(rows), '-c', options.cwd ?? process.cwd(), '--', ...command,
  );

  const display = (format: string): string => tmux('display-message', '-p', '-t', 'main', format).replace(/\n$/, '');
  const capture = (opts: { escapes?: boolean } = {}): string =>
    tmux('capture-pane', '-p', ...(opts.escapes ? ['-e'] : []), '-t', 'main')
      .split('\n')
      .map((line) => line.replace(/\s+$/, ''))
      .join('\n')
      .replace(/\n+$/, '');

  const waitUntil = async <T>(probe: () => T | undefined | false, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the screen:\n${capture()}`);
      await sleep(POLL_MS);
    }
  };

  const session: TmuxSession = {
    sendKeys: (...keys) => void tmux('send-keys', '-t', 'main', ...keys),
    sendText: (text) => void tmux('send-keys', '-t', 'main', '-l', '--', text),
    capture,
    waitFor: (pattern, timeoutMs) => {
      const matches = (screen: string): boolean => (typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen));
      return waitUntil(() => { const screen = capture(); return matches(screen) && screen; }, `${String(pattern)} on the screen`, timeoutMs);
    },
    waitUntil,
    display,
    alternateOn: () => display('#{alternate_on}') === '1',
    cursorVisible: () => display('#{cursor_flag}') === '1',
    size: () => {
      const [w, h] = display('#{pane_width} #{pane_height}').split(' ').map(Number);
      return { cols: w ?? 0, rows: h ?? 0 };
    },
    resize: (c, r) => void tmux('resize-window', '-t', 'main', '-x', String(c), '-y', String(r)),
    waitForExit: async (timeoutMs) => {
      if (options.hold === false) throw new Error('waitForExit needs hold (the default)');
      const mark = new RegExp(`${EXIT_MARK.replace(/[[\]]/g, '\\$&')} (\\d+)\\]`);
      const status = await waitUntil(() => mark.exec(capture())?.[1], 'the program to exit', timeoutMs);
      return Number(status);
    },
    pasteBuffer: () => {
      try {
        return tmux('show-buffer');
      } catch {
        return undefined;
      }
    },
    tmux,
    kill: () => {
      if (!alive) return;
      alive = false;
      live.delete(session);
      try {
        tmux('kill-server');
      } catch {
        // Already gone (the program and its pane ended without hold).
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  live.add(session);
  return session;
}

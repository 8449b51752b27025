import { writeSync } from 'node:fs';
import { constants } from 'node:os';
import { isatty } from 'node:tty';
import { safeLine, safeText } from '../text/boundary.js';
import { runExitCleanups } from '../io/exit-cleanup.js';

/**
 * Full-screen terminal modes and their reliable undoing. The console draws in the alternate screen
 * with the cursor hidden and mouse reporting off (so the terminal's own text selection keeps
 * working); whatever way the process ends, the terminal is given back as it was. Restoring is
 * synchronous (`fs.writeSync` on the terminal's fd) so it also happens in `exit` handlers and after
 * a crash, where asynchronous writes are lost. Nothing here clears the terminal or its scrollback
 * (no `clearTerminal`, no CSI 3J): leaving the alternate screen brings the previous screen back.
 */

const CSI = '\x1b[';
/** Every mouse-reporting mode off: X10/normal, button-event, any-event tracking, SGR encoding. */
export const MOUSE_OFF = `${CSI}?1000l${CSI}?1002l${CSI}?1003l${CSI}?1006l`;
/** Alternate screen on (saving the cursor), cursor hidden, mouse off. */
export const ENTER_FULLSCREEN = `${CSI}?1049h${CSI}?25l${MOUSE_OFF}`;
/**
 * The inverse: end a synchronized-output frame a crash may have left open (Ink writes BSU/ESU),
 * reset attributes, mouse off, cursor shown, alternate screen left (restoring the cursor).
 */
export const RESTORE_TERMINAL = `${CSI}?2026l${CSI}0m${MOUSE_OFF}${CSI}?25h${CSI}?1049l`;

/** Where the screen is drawn: a TTY stream such as process.stdout (its fd is written synchronously). */
export interface TerminalOutput {
  write(chunk: string): unknown;
  fd?: number;
}

/** Writes all of it now; EAGAIN on a non-blocking fd is retried, other errors (a gone terminal) are ignored. */
function writeNow(out: TerminalOutput, text: string): void {
  if (typeof out.fd !== 'number') {
    out.write(text);
    return;
  }
  const bytes = Buffer.from(text, 'utf8');
  let offset = 0;
  for (let attempt = 0; offset < bytes.length && attempt < 1000; attempt++) {
    try {
      offset += writeSync(out.fd, bytes, offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
    }
  }
}

let active: TerminalOutput | undefined;

/** Switches `out` to the full-screen modes. Call it only when `out` is a TTY. */
export function enterFullscreen(out: TerminalOutput = process.stdout): void {
  writeNow(out, ENTER_FULLSCREEN);
  active = out;
}

/** True between enterFullscreen and restoreTerminal. */
export function isFullscreen(): boolean {
  return active !== undefined;
}

/** Gives the terminal back (synchronously). Idempotent: returns false, writing nothing, when there is nothing to undo. */
export function restoreTerminal(): boolean {
  const out = active;
  if (out === undefined) return false;
  active = undefined;
  writeNow(out, RESTORE_TERMINAL);
  return true;
}

export interface RestoreHandlerOptions {
  /** Prefix of the crash line on stderr (default `trustline`). */
  name?: string;
  /** Exit status after an uncaught exception or unhandled rejection (default 1). */
  crashExitCode?: number;
}

/** The crash as one sanitised, secret-masked line; TRUSTLINE_DEBUG=1 adds the stack below it. */
function crashReport(name: string, reason: unknown): string {
  const message = reason instanceof Error ? reason.message : String(reason);
  const line = `${name}: internal error: ${safeLine(message.replace(/\s+/g, ' ').trim(), 600)}\n`;
  const stack = reason instanceof Error && process.env['TRUSTLINE_DEBUG'] === '1' ? reason.stack : undefined;
  return stack === undefined ? line : `${line}${safeText(stack)}\n`;
}

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** Errors of a terminal that went away (window closed, ssh session dropped). */
const TERMINAL_GONE = new Set(['EIO', 'EPIPE', 'ENXIO', 'EBADF']);

/** Standard input or output was a terminal and no longer is one (isatty fails once the pty hung up). */
function terminalLost(): boolean {
  return (process.stdin.isTTY === true && !isatty(0)) || (process.stdout.isTTY === true && !isatty(1));
}

function isTerminalGone(reason: unknown): boolean {
  const code = (reason as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' && TERMINAL_GONE.has(code);
}

/**
 * The terminal hung up: run the clean-ups, try to restore (harmless when the terminal is gone), then end
 * by the hang-up itself. Not process.exit: Node's exit resets the terminal's modes and aborts
 * (`Assertion failed` in node::ResetStdio, a core file with whatever was in memory) when the terminal
 * no longer exists. Dying by SIGHUP's default action runs no exit hooks and writes no core.
 */
function hangUp(): void {
  runExitCleanups();
  try {
    restoreTerminal();
  } catch {
    // The terminal is gone: nothing to restore.
  }
  process.removeAllListeners('SIGHUP');
  process.kill(process.pid, 'SIGHUP');
}

/**
 * Makes sure restoreTerminal runs however the process ends: normal exit and process.exit (the `exit`
 * event), SIGINT, SIGTERM and SIGHUP (then exit 128 + signal: 130, 143, 129), an uncaught exception or
 * an unhandled rejection (the error printed as one line on stderr after restoring, then exit 1).
 * Returns a disposer that removes the handlers again.
 */
export function installRestoreHandlers(options: RestoreHandlerOptions = {}): () => void {
  const name = options.name ?? 'trustline';
  const crashExitCode = options.crashExitCode ?? 1;
  const onExit = (): void => {
    // The terminal closed and the input ended: exiting normally would abort in node::ResetStdio.
    if (terminalLost()) hangUp();
    runExitCleanups();
    restoreTerminal();
  };
  const onHangup = (): void => hangUp();
  const onSignal = (signal: NodeJS.Signals): void => {
    runExitCleanups();
    restoreTerminal();
    process.exit(128 + constants.signals[signal]);
  };
  const onStdioError = (error: unknown): void => {
    if (isTerminalGone(error)) onHangup();
    else onCrash(error);
  };
  const onCrash = (reason: unknown): void => {
    if (isTerminalGone(reason)) {
      onHangup();
      return;
    }
    runExitCleanups();
    restoreTerminal();
    writeNow({ fd: 2, write: (chunk) => process.stderr.write(chunk) }, crashReport(name, reason));
    process.exit(crashExitCode);
  };
  process.on('exit', onExit);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('SIGHUP', onHangup);
  for (const stream of [process.stdin, process.stdout]) stream.on('error', onStdioError);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  return () => {
    process.off('exit', onExit);
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('SIGHUP', onHangup);
    for (const stream of [process.stdin, process.stdout]) stream.off('error', onStdioError);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  };
}

export interface SuspendHooks {
  /** Give the terminal back (normal screen, cooked mode): called just before the process stops. */
  suspend(): void;
  /** Take it again and redraw: called when the process continues (`fg`, SIGCONT). */
  resume(): void;
}

/**
 * Job control: Ctrl-Z (SIGTSTP from the terminal, or the console's own key, raw mode having turned
 * the terminal's off) and `kill -TSTP`. A handled SIGTSTP stops nothing, so after `suspend` the
 * process stops itself with SIGSTOP (synchronously: the terminal is already given back); SIGCONT
 * brings it back to `resume`. Returns a disposer.
 */
export function installSuspendHandlers(hooks: SuspendHooks): () => void {
  const onStop = (): void => {
    hooks.suspend();
    process.kill(process.pid, 'SIGSTOP');
  };
  const onContinue = (): void => hooks.resume();
  process.on('SIGTSTP', onStop);
  process.on('SIGCONT', onContinue);
  return () => {
    process.off('SIGTSTP', onStop);
    process.off('SIGCONT', onContinue);
  };
}

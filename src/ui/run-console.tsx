import type { ConsoleStore } from '../store/index.js';
import { copyToClipboard } from '../terminal/osc52.js';
import { enterFullscreen, installRestoreHandlers, installSuspendHandlers, restoreTerminal } from '../terminal/screen.js';
import type { Theme } from './theme/types.js';

export interface ConsoleOptions {
  store: ConsoleStore;
  theme: Theme;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  env?: NodeJS.ProcessEnv;
}

/**
 * `TRUSTLINE_EXIT_AFTER_FIRST_FRAME=1` (undocumented, for `npm run bench`): exit on the turn after the
 * first frame is written (the exit handlers give the terminal back), so start-up to first frame can be
 * timed from outside without the quit path (Ink's unmount and its render timer) in the figure.
 */
const EXIT_AFTER_FIRST_FRAME = 'TRUSTLINE_EXIT_AFTER_FIRST_FRAME';

/**
 * Yoga's WebAssembly loader (inside Ink) asks `typeof fetch` while Ink loads, which makes Node load its
 * built-in copy of undici (~20 ms of start-up) that nothing here uses: the global is hidden for that moment.
 */
async function withoutGlobalFetch<T>(load: () => Promise<T>): Promise<T> {
  const fetchProperty = Object.getOwnPropertyDescriptor(globalThis, 'fetch');
  Object.defineProperty(globalThis, 'fetch', { value: undefined, configurable: true, writable: true });
  try {
    return await load();
  } finally {
    if (fetchProperty) Object.defineProperty(globalThis, 'fetch', fetchProperty);
    else Reflect.deleteProperty(globalThis, 'fetch');
  }
}

let consoleModule: Promise<typeof import('./mount-console.js')> | undefined;

/**
 * Starts loading Ink, React and the components (once). A command that will open the console calls it
 * early, so reading the chunks from disk overlaps its own work (reading a bundle, ranking) instead of
 * following it (start-up: README, figure 5).
 */
export function preloadConsole(): Promise<typeof import('./mount-console.js')> {
  consoleModule ??= withoutGlobalFetch(() => import('./mount-console.js'));
  return consoleModule;
}

/**
 * The interactive console, full screen in the alternate buffer, until the user quits. The terminal is
 * given back however the process ends (quit, signal, crash): see src/terminal/screen.ts. Ink, React
 * and the components load here, on demand: `analyze` and `collect` never pay for them.
 */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  const env = opts.env ?? process.env;
  const { mountConsole } = await preloadConsole();
  const dispose = installRestoreHandlers({ crashExitCode: 70 });
  enterFullscreen(stdout);
  const copy = (text: string): void => {
    const result = copyToClipboard(text, (sequence) => stdout.write(sequence), { env });
    opts.store.setState({ message: result.message });
  };
  let quit = (): void => undefined;
  // Ink writes the frame right after onRender returns: exit on the next turn. A ranking held back for the
  // first frame (ConsoleInit.rankAfterFirstFrame) starts on the turn after it.
  const exitAfterFirstFrame = env[EXIT_AFTER_FIRST_FRAME] === '1';
  let firstFrame = true;
  const onFrame = (): void => {
    if (!firstFrame) return;
    firstFrame = false;
    if (exitAfterFirstFrame) setImmediate(() => process.exit(0));
    opts.store.getState().startRanking();
  };
  // The key raises what the terminal would have sent for Ctrl-Z; the handler below does the rest.
  const suspend = (): void => void process.kill(process.pid, 'SIGTSTP');
  const instance = mountConsole({ store: opts.store, theme: opts.theme, stdout, stdin, copy, quit: () => quit(), suspend, onFrame });
  quit = () => instance.unmount();
  const raw = (on: boolean): void => {
    if (stdin.isTTY) stdin.setRawMode(on);
  };
  const disposeSuspend = installSuspendHandlers({
    suspend() {
      restoreTerminal();
      raw(false);
    },
    resume() {
      raw(true);
      enterFullscreen(stdout);
      // Entering the alternate screen cleared it: draw the whole frame again.
      instance.redraw();
    },
  });
  try {
    await instance.waitUntilExit();
  } finally {
    disposeSuspend();
    restoreTerminal();
    dispose();
  }
}

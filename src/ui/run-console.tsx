import { render } from 'ink';
import { useEffect, useState } from 'react';
import type { ConsoleStore } from '../store/index.js';
import { copyToClipboard } from '../terminal/osc52.js';
import { enterFullscreen, installRestoreHandlers, restoreTerminal } from '../terminal/screen.js';
import { App } from './App.js';
import type { Theme } from './theme/types.js';

export interface ConsoleOptions {
  store: ConsoleStore;
  theme: Theme;
  stdout?: NodeJS.WriteStream;
  stdin?: NodeJS.ReadStream;
  env?: NodeJS.ProcessEnv;
}

/** Frames follow the terminal's size as it changes. */
function Root({ store, theme, stdout, copy, quit }: { store: ConsoleStore; theme: Theme; stdout: NodeJS.WriteStream; copy: (text: string) => void; quit: () => void }) {
  const [size, setSize] = useState({ columns: stdout.columns, rows: stdout.rows });
  useEffect(() => {
    const onResize = (): void => setSize({ columns: stdout.columns, rows: stdout.rows });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return <App store={store} theme={theme} columns={size.columns} rows={size.rows} clipboard={copy} onQuit={quit} />;
}

/**
 * The interactive console, full screen in the alternate buffer, until the user quits. The terminal is
 * given back however the process ends (quit, signal, crash): see src/terminal/screen.ts.
 */
export async function runConsole(opts: ConsoleOptions): Promise<void> {
  const stdout = opts.stdout ?? process.stdout;
  const stdin = opts.stdin ?? process.stdin;
  const env = opts.env ?? process.env;
  const dispose = installRestoreHandlers({ crashExitCode: 70 });
  enterFullscreen(stdout);
  const copy = (text: string): void => {
    const result = copyToClipboard(text, (sequence) => stdout.write(sequence), { env });
    opts.store.setState({ message: result.message });
  };
  let quit = (): void => undefined;
  const instance = render(<Root store={opts.store} theme={opts.theme} stdout={stdout} copy={copy} quit={() => quit()} />, {
    stdout,
    stdin,
    exitOnCtrlC: false,
    patchConsole: false,
    maxFps: 30,
    incrementalRendering: false,
  });
  quit = () => instance.unmount();
  try {
    await instance.waitUntilExit();
  } finally {
    restoreTerminal();
    dispose();
  }
}

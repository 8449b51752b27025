import { render, useStdout, type Instance } from 'ink';
import { useEffect, useState } from 'react';
import type { ConsoleStore } from '../store/index.js';
import { App } from './App.js';
import type { Theme } from './theme/types.js';

/**
 * How the console renders: no Ctrl-C exit and no console patching (the key table and the terminal
 * layer own those), at most 30 frames a second, whole frames (incremental rendering left stale
 * lines after layout changes in ink 6.8).
 */
export const RENDER_OPTIONS = { exitOnCtrlC: false, patchConsole: false, maxFps: 30, incrementalRendering: false } as const;

export interface MountOptions {
  store: ConsoleStore;
  theme: Theme;
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  copy: (text: string) => void;
  quit: () => void;
  /** Ctrl-Z: stop until `fg`. */
  suspend?: () => void;
  /** Called after each frame is built and handed to stdout. */
  onFrame?: () => void;
}

/** Frames follow the terminal's size as it changes. */
function Root({ store, theme, stdout, copy, quit, suspend, bindRedraw }: Pick<MountOptions, 'store' | 'theme' | 'stdout' | 'copy' | 'quit' | 'suspend'> & { bindRedraw: (redraw: () => void) => void }) {
  const [size, setSize] = useState({ columns: stdout.columns, rows: stdout.rows });
  // Ink writes only frames that changed; writing "nothing" through it erases and writes the last frame whole.
  const { write } = useStdout();
  useEffect(() => bindRedraw(() => write('')), [bindRedraw, write]);
  useEffect(() => {
    const onResize = (): void => setSize({ columns: stdout.columns, rows: stdout.rows });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return <App store={store} theme={theme} columns={size.columns} rows={size.rows} clipboard={copy} onQuit={quit} onSuspend={suspend} />;
}

/** The console as mounted; `redraw` writes the whole current frame again (after the screen was lost). */
export type MountedConsole = Instance & { redraw(): void };

/** Renders the console with Ink. Loaded on demand, so headless commands never load Ink or React. */
export function mountConsole(opts: MountOptions): MountedConsole {
  let redraw = (): void => undefined;
  const bindRedraw = (fn: () => void): void => {
    redraw = fn;
  };
  const instance = render(<Root store={opts.store} theme={opts.theme} stdout={opts.stdout} copy={opts.copy} quit={opts.quit} {...(opts.suspend ? { suspend: opts.suspend } : {})} bindRedraw={bindRedraw} />, {
    stdout: opts.stdout,
    stdin: opts.stdin,
    ...RENDER_OPTIONS,
    ...(opts.onFrame ? { onRender: opts.onFrame } : {}),
  });
  return { ...instance, redraw: () => redraw() };
}

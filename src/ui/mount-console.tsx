import { render, type Instance } from 'ink';
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
  /** Called after each frame is built and handed to stdout. */
  onFrame?: () => void;
}

/** Frames follow the terminal's size as it changes. */
function Root({ store, theme, stdout, copy, quit }: Pick<MountOptions, 'store' | 'theme' | 'stdout' | 'copy' | 'quit'>) {
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

/** Renders the console with Ink. Loaded on demand, so headless commands never load Ink or React. */
export function mountConsole(opts: MountOptions): Instance {
  return render(<Root store={opts.store} theme={opts.theme} stdout={opts.stdout} copy={opts.copy} quit={opts.quit} />, {
    stdout: opts.stdout,
    stdin: opts.stdin,
    ...RENDER_OPTIONS,
    ...(opts.onFrame ? { onRender: opts.onFrame } : {}),
  });
}

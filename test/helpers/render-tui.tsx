import { render } from 'ink-testing-library';
import type { ConsoleStore } from '../../src/store/create-console-store.js';
import { App } from '../../src/ui/App.js';
import { NO_COLOR_THEME, type Theme } from '../../src/ui/theme/types.js';

/** Escape sequences for the key names of the key table. */
const SEQUENCES: Record<string, string> = {
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  home: '\u001b[H',
  end: '\u001b[F',
  pageup: '\u001b[5~',
  pagedown: '\u001b[6~',
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  'shift+tab': '\u001b[Z',
  backspace: '\u007f',
  '<text>': 'x',
};

export function keySequence(name: string): string {
  if (name.startsWith('ctrl+')) return String.fromCharCode(name.charCodeAt(5) - 96);
  return SEQUENCES[name] ?? name;
}

/** React 19 and Ink need a macrotask after input or a render before the frame is there (tui-anchors C5). */
export function tick(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setTimeout(resolve, 0)));
}

const SGR = /\u001b\[[0-9;]*m/g;
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/** The frame without its colour and style sequences: anything else escaping the sanitiser stays visible. */
export function withoutSgr(text: string): string {
  return text.replace(SGR, '');
}

export interface TuiOptions {
  columns: number;
  rows: number;
  theme?: Theme;
}

export interface Tui {
  /** The last frame, ANSI stripped. */
  frame(): string;
  lines(): string[];
  /** The last frame as Ink wrote it. */
  raw(): string;
  /** Presses keys by key-table name (`j`, `down`, `ctrl+d`, `enter`…), waiting a tick after each (no keys: one tick). */
  press(...keys: string[]): Promise<void>;
  /** Writes raw text to stdin (a paste), then waits a tick. */
  type(text: string): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  copies: string[];
  quits(): number;
  suspends(): number;
  unmount(): void;
}

/** Renders the console at a terminal size: App props and the fake stdout's columns (and rows) both set. */
export async function renderTui(store: ConsoleStore, opts: TuiOptions): Promise<Tui> {
  const copies: string[] = [];
  let quits = 0;
  let size = { columns: opts.columns, rows: opts.rows };
  const clipboard = (text: string) => void copies.push(text);
  const onQuit = () => void quits++;
  let suspends = 0;
  const onSuspend = () => void suspends++;
  const tree = () => <App store={store} theme={opts.theme ?? NO_COLOR_THEME} columns={size.columns} rows={size.rows} clipboard={clipboard} onQuit={onQuit} onSuspend={onSuspend} />;
  // The fake stdout exists only once rendering starts: render nothing, size it, then render the console.
  const r = render(<></>);
  const setStdout = () => {
    Object.defineProperty(r.stdout, 'columns', { value: size.columns, configurable: true });
    Object.defineProperty(r.stdout, 'rows', { value: size.rows, configurable: true });
  };
  setStdout();
  r.rerender(tree());
  await tick();
  const raw = () => r.lastFrame() ?? '';
  return {
    raw,
    frame: () => stripAnsi(raw()),
    lines: () => stripAnsi(raw()).split('\n'),
    async press(...keys) {
      for (const k of keys) {
        r.stdin.write(keySequence(k));
        await tick();
      }
      if (keys.length === 0) await tick();
    },
    async type(text) {
      r.stdin.write(text);
      await tick();
    },
    async resize(columns, rows) {
      size = { columns, rows };
      setStdout();
      r.rerender(tree());
      await tick();
    },
    copies,
    quits: () => quits,
    suspends: () => suspends,
    unmount: () => r.unmount(),
  };
}

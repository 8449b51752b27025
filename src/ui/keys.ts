import type { Key } from 'ink';
import type { Scope } from '../store/scope.js';
import type { ConsoleState } from '../store/types.js';
import { LEGEND } from './legend.js';

/** What a key's action may use besides the store's state and actions. */
export interface KeyContext {
  /** The typed text (for the search prompt). */
  input: string;
  clipboard: (text: string) => void;
  onQuit: () => void;
  /** Stops the console as Ctrl-Z would (the terminal layer gives the terminal back first). */
  onSuspend?: (() => void) | undefined;
}

export interface KeyBinding {
  id: string;
  /** Key names: a character, `ctrl+x`, or down, up, home, end, pageup, pagedown, tab, shift+tab, enter, escape, backspace; `<text>` is any typed text. */
  keys: readonly string[];
  /** Where the binding applies: a pane, an overlay, the walkthrough or the search prompt. */
  scopes: readonly Scope[];
  description: string;
  /** Short label for the hint bar, when the binding deserves a place there. */
  hint?: string;
  action: (s: ConsoleState, ctx: KeyContext) => void;
}

const PANES: readonly Scope[] = ['timeline', 'hypotheses', 'runbook'];
const MOVABLE: readonly Scope[] = [...PANES, 'event', 'hypothesis', 'help', 'step', 'notes', 'guided', 'fleet'];
const NOT_TYPING: readonly Scope[] = [...MOVABLE, 'confirm'];

function quit(s: ConsoleState, ctx: KeyContext): void {
  s.cancelRun();
  ctx.onQuit();
}

/** The one key table: it dispatches keys (App's single useInput) and generates the help overlay and hints. */
export const KEY_TABLE: readonly KeyBinding[] = [
  { id: 'down', keys: ['j', 'down'], scopes: MOVABLE, description: 'move down (event, hypothesis, step; scroll a detail, the help or a walkthrough stage)', hint: 'move', action: (s) => s.move(1) },
  { id: 'up', keys: ['k', 'up'], scopes: MOVABLE, description: 'move up', action: (s) => s.move(-1) },
  { id: 'top', keys: ['g', 'home'], scopes: MOVABLE, description: 'go to the top', action: (s) => s.edge(-1) },
  { id: 'bottom', keys: ['G', 'end'], scopes: MOVABLE, description: 'go to the bottom', action: (s) => s.edge(1) },
  { id: 'half-down', keys: ['ctrl+d', 'pagedown'], scopes: MOVABLE, description: 'half a page down', action: (s) => s.halfPage(1) },
  { id: 'half-up', keys: ['ctrl+u', 'pageup'], scopes: MOVABLE, description: 'half a page up', action: (s) => s.halfPage(-1) },
  { id: 'next-pane', keys: ['tab'], scopes: PANES, description: 'next pane', hint: 'pane', action: (s) => s.cycleFocus(1) },
  { id: 'prev-pane', keys: ['shift+tab'], scopes: PANES, description: 'previous pane', action: (s) => s.cycleFocus(-1) },
  {
    id: 'enter',
    keys: ['enter'],
    scopes: [...NOT_TYPING, 'search'],
    description: 'open the event or hypothesis; on evidence jump to its event; run the step (asks first); next stage; search',
    hint: 'open',
    action: (s) => s.activate(),
  },
  {
    id: 'escape',
    keys: ['escape'],
    scopes: [...NOT_TYPING, 'search'],
    description: 'close; cancel the running probe; leave the walkthrough',
    hint: 'back',
    action: (s) => s.escape(),
  },
  { id: 'search', keys: ['/'], scopes: PANES, description: 'search summaries and kinds: a regular expression, ignoring case', hint: 'search', action: (s) => s.openSearch() },
  { id: 'search-text', keys: ['<text>'], scopes: ['search'], description: 'type the search text', action: (s, ctx) => s.typeSearch(ctx.input) },
  { id: 'search-erase', keys: ['backspace'], scopes: ['search'], description: 'erase a character', action: (s) => s.eraseSearch() },
  { id: 'next-hit', keys: ['n'], scopes: PANES, description: 'next search match (wraps)', action: (s) => s.nextHit(1) },
  { id: 'prev-hit', keys: ['N'], scopes: PANES, description: 'previous search match (wraps)', action: (s) => s.nextHit(-1) },
  { id: 'matches-only', keys: ['m'], scopes: PANES, description: 'show only the events matching the search (again: all events)', action: (s) => s.toggleMatchesOnly() },
  { id: 'next-error', keys: ['e'], scopes: PANES, description: 'next error event', hint: 'error', action: (s) => s.nextError(1) },
  { id: 'prev-error', keys: ['E'], scopes: PANES, description: 'previous error event', action: (s) => s.nextError(-1) },
  {
    id: 'toggle-source',
    keys: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
    scopes: PANES,
    description: 'show or hide the events of source n (in header order)',
    action: (s, ctx) => s.toggleSourceAt(Number(ctx.input) - 1),
  },
  { id: 'severity', keys: ['v'], scopes: PANES, description: 'minimum severity: info, warn, error', action: (s) => s.cycleMinSeverity() },
  { id: 'time-mode', keys: ['z'], scopes: [...PANES, 'event'], description: 'times in UTC, the Mac’s zone, local', hint: 'zone', action: (s) => s.cycleTimeMode() },
  {
    id: 'copy',
    keys: ['c'],
    scopes: [...PANES, 'step', 'guided'],
    description: 'copy the runbook command',
    hint: 'copy',
    action: (s, ctx) => {
      const text = s.copyCommand();
      if (text !== undefined) ctx.clipboard(text);
    },
  },
  { id: 'step', keys: ['o'], scopes: [...PANES, 'guided'], description: 'open the runbook step in full (the whole command)', hint: 'step', action: (s) => s.openStep() },
  { id: 'run', keys: ['r'], scopes: [...PANES, 'step', 'guided'], description: 'run the runbook probe on the Mac (asks first)', hint: 'run', action: (s) => s.requestRun() },
  { id: 'confirm-yes', keys: ['y'], scopes: ['confirm'], description: 'yes: run the probe', hint: 'run', action: (s) => void s.confirmRun() },
  { id: 'confirm-no', keys: ['n'], scopes: ['confirm'], description: 'no: do not run', hint: 'cancel', action: (s) => s.closeOverlay() },
  {
    id: 'export',
    keys: ['x'],
    scopes: [...PANES, 'guided'],
    description: 'export the incident report (Markdown) to a file; the hint bar says where',
    hint: 'export',
    action: (s) => void s.exportReport(),
  },
  { id: 'notes', keys: ['i'], scopes: [...PANES, 'guided'], description: 'sources and reading notes: why a source failed, what each covers, records skipped', hint: 'notes', action: (s) => s.openNotes() },
  { id: 'done', keys: ['d'], scopes: PANES, description: 'mark the runbook step done (again: clear)', action: (s) => s.markStep('done') },
  { id: 'skip', keys: ['s'], scopes: PANES, description: 'mark the runbook step skipped (again: clear)', action: (s) => s.markStep('skipped') },
  {
    id: 'fleet',
    keys: ['f'],
    scopes: [...PANES, 'fleet'],
    description: 'Fleet view: this failure across the organisation, and what changed before it (again: close)',
    hint: 'fleet',
    action: (s) => s.toggleFleet(),
  },
  { id: 'next-stage', keys: ['tab'], scopes: ['guided'], description: 'next walkthrough stage (also Enter)', hint: 'stage', action: (s) => s.setGuidedStage(s.guidedStage + 1) },
  { id: 'prev-stage', keys: ['shift+tab'], scopes: ['guided'], description: 'previous walkthrough stage', action: (s) => s.setGuidedStage(s.guidedStage - 1) },
  { id: 'guided', keys: ['w'], scopes: [...PANES, 'guided'], description: 'guided walkthrough on or off', hint: 'walkthrough', action: (s) => s.toggleGuided() },
  {
    id: 'help',
    keys: ['?'],
    scopes: [...MOVABLE],
    description: 'this help (again: close)',
    hint: 'help',
    action: (s) => (s.overlay?.kind === 'help' ? s.closeOverlay() : s.openHelp(helpLength())),
  },
  { id: 'pick-down', keys: ['j', 'down'], scopes: ['picker'], description: 'next Mac', hint: 'move', action: (s) => s.pickerMove(1) },
  { id: 'pick-up', keys: ['k', 'up'], scopes: ['picker'], description: 'previous Mac', action: (s) => s.pickerMove(-1) },
  { id: 'pick', keys: ['enter'], scopes: ['picker'], description: 'fetch the evidence of this Mac', hint: 'choose', action: (s) => s.pickCandidate() },
  {
    id: 'suspend',
    keys: ['ctrl+z'],
    scopes: [...NOT_TYPING, 'search', 'picker'],
    description: 'suspend to the shell (fg comes back)',
    // Raw mode turns the terminal's own Ctrl-Z off, so the key does what the terminal would.
    action: (_s, ctx) => ctx.onSuspend?.(),
  },
  { id: 'quit-now', keys: ['ctrl+c'], scopes: [...NOT_TYPING, 'search', 'picker'], description: 'quit from anywhere', action: quit },
  { id: 'quit', keys: ['q'], scopes: [...NOT_TYPING, 'picker'], description: 'quit', hint: 'quit', action: quit },
];

/** The help's lines: one per binding, a heading, one per mark of the legend. */
export function helpLength(): number {
  return KEY_TABLE.length + 1 + LEGEND.length;
}

/** The name of a key as the table spells it. */
export function keyName(input: string, key: Key): string {
  if (key.upArrow) return 'up';
  if (key.downArrow) return 'down';
  if (key.leftArrow) return 'left';
  if (key.rightArrow) return 'right';
  if (key.pageUp) return 'pageup';
  if (key.pageDown) return 'pagedown';
  if (key.home) return 'home';
  if (key.end) return 'end';
  if (key.return) return 'enter';
  if (key.escape) return 'escape';
  if (key.tab) return key.shift ? 'shift+tab' : 'tab';
  if (key.backspace || key.delete) return 'backspace';
  if (key.ctrl && input.length === 1) return `ctrl+${input}`;
  return input;
}

const CONTROL_NAMES: Record<string, string> = { '\r': 'enter', '\n': 'enter', '\t': 'tab', '\u007f': 'backspace', '\b': 'backspace' };

/** The name of one character of typed text, as the table spells it. */
function charName(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (CONTROL_NAMES[ch] !== undefined) return CONTROL_NAMES[ch];
  if (code > 0 && code <= 26) return `ctrl+${String.fromCharCode(code + 96)}`;
  return ch;
}

/**
 * Every key in one read, in order. Ink hands several plain characters that arrive together (fast
 * typing, a paste, keys over SSH) to the input handler as one string: each character is a key of its own.
 */
export function keyNames(input: string, key: Key): string[] {
  const name = keyName(input, key);
  const chars = [...input];
  if (name !== input || chars.length < 2) return [name];
  return chars.map(charName);
}

/** The binding a key has in a scope; typed text goes to the search prompt. */
export function bindingFor(scope: Scope, name: string): KeyBinding | undefined {
  const exact = KEY_TABLE.find((b) => b.scopes.includes(scope) && b.keys.includes(name));
  if (exact) return exact;
  const printable = name !== '' && !name.startsWith('ctrl+') && !/[\u0000-\u001f\u007f]/.test(name);
  return printable ? KEY_TABLE.find((b) => b.scopes.includes(scope) && b.keys.includes('<text>')) : undefined;
}

const LABELS: Record<string, string> = {
  down: '↓',
  up: '↑',
  home: 'Home',
  end: 'End',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  tab: 'Tab',
  'shift+tab': 'S-Tab',
  enter: 'Enter',
  escape: 'Esc',
  backspace: 'Bksp',
  '<text>': 'text',
};

export function keyLabel(keys: readonly string[]): string {
  return keys.map((k) => LABELS[k] ?? (k.startsWith('ctrl+') ? `C-${k.slice(5)}` : k)).join('/');
}

/** Hint-bar entries for a scope, in table order; without a Mac connection `r` says why it cannot run. */
export function hintsFor(scope: Scope, macConnected = true): { keys: string; hint: string }[] {
  const shown = KEY_TABLE.filter((b) => b.hint !== undefined && b.scopes.includes(scope));
  // Help and quit first: they must survive a narrow hint bar.
  const first = shown.filter((b) => b.id === 'help' || b.id === 'quit');
  const hint = (b: KeyBinding) => (b.id === 'run' && !macConnected ? 'run: no Mac (--host)' : b.hint!);
  return [...first, ...shown.filter((b) => !first.includes(b))].map((b) => ({ keys: keyLabel(b.keys), hint: hint(b) }));
}

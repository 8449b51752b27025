import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleStore } from '../../src/store/create-console-store.js';
import type { ConsoleState } from '../../src/store/types.js';
import { KEY_TABLE } from '../../src/ui/keys.js';
import { THEME_TOKENS, type Theme } from '../../src/ui/theme/types.js';
import { computeLayout, contentRows } from '../../src/ui/layout.js';
import stringWidth from 'string-width';
import { cellWidth, fitCells, padCells, wrapCells } from '../../src/ui/text/cells.js';
import { fixedTransport, loadScenario, storeFor } from '../helpers/console-fixtures.js';
import { renderTui, type Tui } from '../helpers/render-tui.js';

const cert = await loadScenario('cert-chain-break');
const SIZES = [
  [80, 24],
  [120, 40],
  [60, 20],
] as const;

/** States that draw differently: every pane focused, every overlay, the walkthrough's stages, the search prompt. */
const STATES: Record<string, (s: ConsoleState) => void> = {
  timeline: () => {},
  hypotheses: (s) => s.setFocus('hypotheses'),
  runbook: (s) => s.setFocus('runbook'),
  'event detail': (s) => s.activate(),
  'hypothesis evidence': (s) => (s.setFocus('hypotheses'), s.activate()),
  help: (s) => s.openHelp(KEY_TABLE.length),
  confirm: (s) => s.requestRun(),
  search: (s) => (s.openSearch(), s.typeSearch('trust')),
  ...Object.fromEntries([0, 1, 2, 3, 4].map((n) => [`walkthrough ${n + 1}`, (s: ConsoleState) => (s.toggleGuided(), s.setGuidedStage(n))])),
};

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

function expectFits(t: Tui, columns: number, rows: number): void {
  const lines = t.lines();
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  // Measured with string-width, which Ink measures with: not the code under test.
  for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
}

async function storeIn(state: (s: ConsoleState) => void): Promise<ConsoleStore> {
  const store = storeFor(cert, { transport: fixedTransport({}) });
  state(store.getState());
  return store;
}

describe('frame size', () => {
  for (const [columns, rows] of SIZES) {
    // Thirteen renders each: allow for a loaded machine (this is no speed check).
    it(`never taller than rows - 1 nor wider than the terminal at ${columns}x${rows}, in every state`, { timeout: 30_000 }, async () => {
      for (const [name, state] of Object.entries(STATES)) {
        tui = await renderTui(await storeIn(state), { columns, rows });
        expect(tui.frame().length, name).toBeGreaterThan(0);
        expectFits(tui, columns, rows);
        tui.unmount();
        tui = undefined;
      }
    });
  }

  it('shows all panes at 80x24 and 120x40, one pane at a time below 80x24 (Tab cycles)', async () => {
    for (const [columns, rows] of [[80, 24], [120, 40]] as const) {
      tui = await renderTui(storeFor(cert), { columns, rows });
      for (const title of ['Timeline', 'Hypotheses', 'Runbook', 'events ', 'q quit']) expect(tui.frame()).toContain(title);
      tui.unmount();
    }
    tui = await renderTui(storeFor(cert), { columns: 60, rows: 20 });
    expect(tui.frame()).toContain('Timeline');
    expect(tui.frame()).not.toContain('Hypotheses');
    await tui.press('tab');
    expect(tui.frame()).toContain('Hypotheses');
    expect(tui.frame()).not.toContain('Timeline');
    await tui.press('tab');
    expect(tui.frame()).toContain('Runbook');
    expect(tui.frame()).toContain('alice-mbp');
    expect(tui.frame()).toContain('q quit');
  });

  it('re-lays out on new columns and rows, telling the store how many timeline rows show', async () => {
    const store = storeFor(cert);
    tui = await renderTui(store, { columns: 120, rows: 40 });
    const big = store.getState().timelineRows;
    await tui.resize(80, 24);
    expectFits(tui, 80, 24);
    expect(store.getState().timelineRows).toBe(contentRows(computeLayout(80, 24).panes.timeline));
    expect(store.getState().timelineRows).toBeLessThan(big);
    await tui.resize(50, 12);
    expectFits(tui, 50, 12);
    await tui.resize(30, 6);
    expectFits(tui, 30, 6);
  });

  it('a colour theme (hand-made) lays out the same', async () => {
    const theme: Theme = { name: 'test', color: true, tokens: Object.fromEntries(THEME_TOKENS.map((t, i) => [t, i % 2 ? '#ff8800' : 'cyan'])) as Theme['tokens'] };
    tui = await renderTui(storeFor(cert), { columns: 80, rows: 24, theme });
    expectFits(tui, 80, 24);
    await tui.press('tab');
    expect(tui.frame()).toContain('▶ Hypotheses');
  });

  it('computes pane sizes that add up to the frame', () => {
    for (const [columns, rows] of [...SIZES, [200, 60], [10, 4], [0, 0]] as const) {
      const l = computeLayout(columns, rows);
      expect(l.height).toBe(Math.max(0, rows - 1));
      expect(l.header + l.histogram + l.hints + l.body.height).toBeLessThanOrEqual(l.height);
      if (!l.single) {
        expect(l.panes.timeline.height + l.panes.hypotheses.height).toBe(l.body.height);
        expect(l.panes.hypotheses.width + l.panes.runbook.width).toBe(columns);
      }
    }
    expect(computeLayout(79, 24).single).toBe(true);
    expect(computeLayout(80, 23).single).toBe(true);
    expect(computeLayout(80, 24).single).toBe(false);
  });
});

describe('cell widths', () => {
  it('counts wide characters as two cells and combining marks as none', () => {
    expect(cellWidth('abc')).toBe(3);
    expect(cellWidth('漢字')).toBe(4);
    expect(cellWidth('e\u0301')).toBe(1);
    expect(cellWidth('🔒')).toBe(2);
    // Emoji that a hand-written table counted as one cell (or six, for the family), as terminals draw them.
    expect(cellWidth('⌚✅❌☕⚡')).toBe(10);
    expect(cellWidth('👨‍👩‍👧')).toBe(2);
  });

  it('never splits a grapheme cluster when cutting or wrapping', () => {
    expect(fitCells('ab👨‍👩‍👧cd', 4)).toBe('ab…');
    expect(fitCells('ab👨‍👩‍👧cd', 5)).toBe('ab👨‍👩‍👧…');
    expect(wrapCells('e\u0301e\u0301e\u0301', 2)).toEqual(['e\u0301e\u0301', 'e\u0301']);
  });

  it('cuts and pads to exact widths, wide characters included', () => {
    expect(fitCells('abcdef', 4)).toBe('abc…');
    expect(fitCells('abc', 4)).toBe('abc');
    expect(cellWidth(fitCells('漢字漢字漢字', 5))).toBeLessThanOrEqual(5);
    expect(padCells('漢', 4)).toBe('漢  ');
    expect(fitCells('x', 0)).toBe('');
    expect(wrapCells('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapCells('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapCells('x', 0)).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { fitSegments } from '../../src/ui/components/Row.js';
import { stepLines } from '../../src/ui/panes/RunbookPane.js';
import { SHORT_TITLES } from '../../src/ui/short-titles.js';
import { wrapAtMost } from '../../src/ui/text/clip.js';
import { runbookSteps } from '../../src/store/selectors/runbook.js';
import { loadScenario, storeFor } from '../helpers/console-fixtures.js';
import { renderTui, type Tui } from '../helpers/render-tui.js';

const cert = await loadScenario('cert-chain-break');
const policy = await loadScenario('okta-policy-regression');
let tui: Tui | undefined;
afterEach(() => tui?.unmount());

const joined = (lines: readonly { text: string }[][]) => lines.map((l) => l.map((s) => s.text).join(''));

describe('no silent cuts', () => {
  it('a row that does not fit ends in …, also when a segment ends exactly at the edge', () => {
    expect(joined([fitSegments([{ text: 'abcd' }, { text: 'ef' }], 4)])).toEqual(['abc…']);
    expect(joined([fitSegments([{ text: 'abc' }, { text: 'd' }], 4)])).toEqual(['abcd']);
    expect(joined([fitSegments([{ text: 'ab' }, { text: 'c' }], 4)])).toEqual(['abc ']);
    expect(wrapAtMost('one two three four', 9, 1)).toEqual(['one two…']);
    expect(wrapAtMost('one two three', 7, 2)).toEqual(['one two', 'three']);
  });

  it('the runbook shows the whole command when it has the focus, and marks every cut', () => {
    const steps = runbookSteps(storeFor(cert).getState());
    const step = steps.find((s) => s.command.length > 60)!;
    const unfocused = joined(stepLines(step, steps, 36, 6));
    expect(unfocused.some((l) => l.endsWith('…'))).toBe(true);
    const focused = joined(stepLines(step, steps, 36, 6, true));
    expect(focused.filter((l) => !/^(Checks|Confirms|Refutes):/.test(l))).toHaveLength(6);
    expect(focused.at(-1)).toMatch(/…$/);
  });

  it('o opens the step in full: a command longer than the pane, whole', async () => {
    const store = storeFor(cert);
    tui = await renderTui(store, { columns: 80, rows: 24 });
    const step = [...runbookSteps(store.getState())].sort((a, b) => b.command.length - a.command.length)[0]!;
    expect(step.command.length).toBeGreaterThan(300);
    store.setState({ selectedStep: step.key });
    await tui.press('o');
    const inner = tui.lines().map((l) => [...l].slice(1, 79).join('').trimEnd());
    const start = inner.findIndex((l) => l.startsWith('$ '));
    const end = inner.findIndex((l, i) => i > start && l.startsWith('Checks:'));
    expect(inner.slice(start, end).join(' ').slice(2)).toBe(step.command.replace(/\s+/g, ' '));
    await tui.press('c');
    expect(tui.copies).toEqual([step.command]);
    await tui.press('escape');
    expect(store.getState().overlay).toBeNull();
  });

  it.each([
    [80, 24],
    [120, 40],
  ])('at %ix%i the focused runbook pane shows the full command; cut text shows …', async (columns, rows) => {
    const store = storeFor(policy);
    tui = await renderTui(store, { columns, rows });
    await tui.press('tab', 'tab');
    const step = runbookSteps(store.getState()).find((s) => s.isNext)!;
    const right = tui.lines().map((l) => [...l].slice(Math.floor(columns / 2) + 1, columns - 1).join('').trimEnd());
    const start = right.findIndex((l) => /^[$»] /.test(l));
    const commandLines: string[] = [];
    for (let i = start; i < right.length && !/^(Checks|Confirms|Refutes):|steps /.test(right[i]!); i++) commandLines.push(right[i]!);
    expect(commandLines.join(' ').replace(/^[$»] /, '')).toBe(step.command.replace(/\s+/g, ' '));
    const cut = right.filter((l) => /^(Checks|Confirms|Refutes):/.test(l));
    expect(cut.length).toBeGreaterThan(0);
  });
});

describe('hypothesis titles', () => {
  it.each([
    [80, 24],
    [120, 40],
    [200, 50],
  ])('at %ix%i are whole: the full title where it fits, else its short form', async (columns, rows) => {
    const store = storeFor(cert);
    tui = await renderTui(store, { columns, rows });
    const hs = store.getState().analysis.hypotheses;
    const shown = tui.lines().filter((l) => /^[│║][> ] ?\d+ /.test(l));
    expect(shown.length).toBeGreaterThan(5);
    for (const row of shown) {
      const rank = Number(/^[│║][> ] ?(\d+) /.exec(row)![1]);
      const h = hs[rank - 1]!;
      const cell = row.slice(0, row.indexOf('│', 1) > 0 ? row.indexOf('│', 1) : row.indexOf('║', 1));
      expect(cell, row).not.toContain('…');
      expect(cell.includes(h.title) || cell.includes(SHORT_TITLES[h.id]!), row).toBe(true);
    }
  });

  it('every hypothesis of the built-in pack has a short title that fits an 80-column row', () => {
    for (const h of cert.active.model.causes) expect(SHORT_TITLES[h.id]?.length ?? 99, h.id).toBeLessThanOrEqual(17);
  });
});

describe('the walkthrough', () => {
  it('at 80x24 scrolls a long stage to its end, shows explanations whole and console steps without $', async () => {
    const store = storeFor(policy, { guided: true });
    tui = await renderTui(store, { columns: 80, rows: 24 });
    await tui.press('tab', 'tab');
    expect(tui.frame()).toContain('Walkthrough 3/5');
    const explanation = store.getState().analysis.hypotheses[0]!.explanation;
    let seen = tui.frame();
    for (let i = 0; i < 12; i++) {
      await tui.press('ctrl+d');
      seen += tui.frame();
    }
    const words = explanation.split(/\s+/);
    expect(seen.replace(/[║│]\s*/g, ' ').replace(/\s+/g, ' ')).toContain(words.slice(-4).join(' '));
    await tui.press('tab');
    expect(tui.frame()).toContain('Walkthrough 4/5');
    expect(tui.frame()).toMatch(/» Okta Admin Console/);
    expect(tui.frame()).not.toMatch(/\$ Okta Admin Console/);
    await tui.press('tab', 'G');
    const last = tui.lines().filter((l) => l.startsWith('║')).at(-1)!;
    expect(last).not.toMatch(/more line/);
    expect(tui.frame()).toMatch(/Walkthrough 5\/5.* lines \d+-(\d+)\/\1/);
    await tui.press('g');
    expect(tui.frame()).toMatch(/… \d+ more lines/);
    await tui.press('shift+tab');
    expect(tui.frame()).toContain('Walkthrough 4/5');
  });
});

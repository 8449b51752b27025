/**
 * A ranking over the whole timeline (opening a large bundle, a probe output that moves the clock)
 * runs in slices between the console's keys (issue 17, item 4): while it runs the store says
 * `ranking`, keys and quit are handled, and what it ends with is what ranking at once gives.
 */
import { describe, expect, it, vi } from 'vitest';
import { rankAnalysis } from '../../src/diagnosis/rank-analysis.js';
import type { Analysis } from '../../src/model/analysis.js';
import { EMPTY_CONTEXT } from '../../src/model/context.js';
import { createConsoleStore, type ConsoleStore } from '../../src/store/create-console-store.js';
import { cursorIndex } from '../../src/store/selectors/timeline.js';
import { syntheticAnalysis } from '../bench/synthetic-analysis.js';
import { builtinModel, makeEvent } from '../helpers/console-fixtures.js';
import { longRanking } from '../helpers/long-ranking.js';
import { renderTui } from '../helpers/render-tui.js';

const active = await builtinModel();
/** Far more work than the store does at once (RANK_AT_ONCE). */
const analysis = syntheticAnalysis(300_000);

function storeOf(a: Analysis): ConsoleStore {
  return createConsoleStore({ analysis: a, active, ctx: EMPTY_CONTEXT });
}

async function ranked(store: ConsoleStore): Promise<void> {
  await vi.waitFor(() => expect(store.getState().ranking).toBe('ranked'), { timeout: 60_000, interval: 20 });
}

const copyOf = (a: Analysis): Analysis => ({ ...a, timeline: [...a.timeline], hypotheses: [] });

describe('a long ranking runs between keys', () => {
  it('keys and quit are handled while it runs; it ends with the ranking done at once', async () => {
    const store = storeOf(analysis);
    expect(store.getState().ranking).toBe('ranking');
    expect(store.getState().analysis.hypotheses).toEqual([]);
    const tui = await renderTui(store, { columns: 100, rows: 30 });
    expect(tui.frame()).toContain('ranking…');
    await tui.press('j', 'j');
    expect(cursorIndex(store.getState())).toBe(2);
    await tui.press('q');
    expect(tui.quits()).toBe(1);
    // Both keys were handled before the ranking ended.
    expect(store.getState().ranking).toBe('ranking');
    tui.unmount();
    await ranked(store);
    expect(store.getState().analysis.hypotheses).toEqual(rankAnalysis(analysis, active, { macReachable: false }));
  }, 120_000);

  it('with no ranking yet, every pane, overlay and the walkthrough still answer their keys', async () => {
    const long = longRanking();
    const store = createConsoleStore({ ...long, ctx: EMPTY_CONTEXT });
    const tui = await renderTui(store, { columns: 100, rows: 30 });
    await tui.press('tab', 'enter', 'escape', 'j', 'tab', 'o', 'escape', 'r', 'c', 'd', 's', 'i', 'escape', 'x', 'w', 'tab', 'tab', 'tab', 'w', '/', 'x', 'enter', 'm', 'v', 'e', 'G');
    expect(store.getState().ranking).toBe('ranking');
    expect(store.getState().analysis.hypotheses).toEqual([]);
    expect(tui.frame()).toContain('ranking…');
    tui.unmount();
    // A small analysis replaces the ranking still running: it ranks at once (5 events × 300 findings of long lines).
    const small = { ...long.analysis, timeline: long.analysis.timeline.slice(0, 5) };
    store.getState().replaceAnalysis(small);
    expect(store.getState().ranking).toBe('ranked');
    expect(store.getState().analysis.hypotheses).toEqual(rankAnalysis(small, long.active, { macReachable: false }));
  }, 120_000);

  it('a live batch that arrives meanwhile joins the ranking when it ends; the report waits for it', async () => {
    const written: Analysis[] = [];
    const store = createConsoleStore({ analysis, active, ctx: EMPTY_CONTEXT, exportReport: async ({ analysis: a }) => {
        written.push(a);
        return 'report.md';
      } });
    await store.getState().exportReport();
    expect(store.getState().message).toBe('ranking… export the report when it ends');
    expect(written).toEqual([]);
    const last = analysis.timeline.at(-1)!.epochMs;
    store.getState().appendEvents([makeEvent({ epochMs: last + 1, source: 'device', kind: 'device.trust.failure', severity: 'error', summary: 'Trust evaluate failure: RecoverableTrustFailure -9807' })]);
    expect(store.getState().ranking).toBe('ranking');
    await ranked(store);
    const s = store.getState();
    expect(s.analysis.timeline).toHaveLength(analysis.timeline.length + 1);
    await store.getState().exportReport();
    expect(written.map((a) => a.hypotheses)).toEqual([s.analysis.hypotheses]);
    expect(s.analysis.hypotheses).toEqual(rankAnalysis(copyOf(s.analysis), active, { macReachable: false }));
  }, 120_000);

  it('a probe output that moves the clock ranks again in slices, the previous ranking shown meanwhile', async () => {
    const store = storeOf(analysis);
    await ranked(store);
    const previous = store.getState().analysis.hypotheses;
    expect(previous.length).toBeGreaterThan(0);
    // A first clock reading moves every device event: the diagnosis starts again.
    const moved: Analysis = { ...analysis, timeline: [...analysis.timeline], clock: { deviceOffsetMs: 94_000, basis: 'sntp', applied: true } };
    store.getState().rerank(moved);
    expect(store.getState().ranking).toBe('ranking');
    expect(store.getState().analysis.hypotheses).toBe(previous);
    const tui = await renderTui(store, { columns: 100, rows: 30 });
    expect(tui.frame()).toContain('ranking…');
    await tui.press('tab', 'j');
    expect(store.getState().ranking).toBe('ranking');
    tui.unmount();
    await ranked(store);
    expect(store.getState().analysis.hypotheses).toEqual(rankAnalysis(moved, active, { macReachable: false }));
  }, 120_000);

  it('a newer analysis replaces a ranking still running', async () => {
    const store = storeOf(analysis);
    const newer = { ...analysis, timeline: analysis.timeline.slice(0, 250_000) };
    store.getState().replaceAnalysis(newer);
    expect(store.getState().ranking).toBe('ranking');
    await ranked(store);
    expect(store.getState().analysis.timeline).toBe(newer.timeline);
    expect(store.getState().analysis.hypotheses).toEqual(rankAnalysis(newer, active, { macReachable: false }));
  }, 120_000);
});

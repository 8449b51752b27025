import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConsoleStore } from '../../src/store/create-console-store.js';
import { keyScope } from '../../src/store/scope.js';
import { runbookSteps, selectedStep } from '../../src/store/selectors/runbook.js';
import { searchHits } from '../../src/store/selectors/search.js';
import { cursorIndex } from '../../src/store/selectors/timeline.js';
import type { ConsoleState } from '../../src/store/types.js';
import { bindingFor, hintsFor, KEY_TABLE, keyLabel, keyName, keyNames } from '../../src/ui/keys.js';
import { fixedTransport, loadScenario, storeFor } from '../helpers/console-fixtures.js';
import { renderTui, type Tui } from '../helpers/render-tui.js';

const cert = await loadScenario('cert-chain-break');

interface Spec {
  setup?: (s: ConsoleState, store: ConsoleStore) => void;
  /** What the key claims, checked on the state before and after (and the rendered console). */
  check: (before: ConsoleState, after: ConsoleState, tui: Tui) => void | Promise<void>;
  /** The frame changes too (all but quit). */
  frameChanges?: boolean;
}

const errorIndices = (s: ConsoleState) => s.analysis.timeline.flatMap((e, i) => (e.severity === 'error' ? [i] : []));
const searchFor = (q: string) => (s: ConsoleState) => {
  s.openSearch();
  s.typeSearch(q);
  s.commitSearch();
};

const THREE_MACS = [['C02A', 'mac-a'], ['C02B', 'mac-b'], ['C02C', 'mac-c']];

/** The runbook's first probe step: a likely cause's next step is its remedy, which may not be a probe. */
const selectProbeStep = (s: ConsoleState, store: ConsoleStore) => {
  const probe = runbookSteps(s).find((x) => x.kind === 'probe');
  if (!probe) throw new Error('the fixture has no probe step');
  store.setState({ selectedStep: probe.key });
};

const SPECS: Record<string, Spec> = {
  down: { check: (a, b) => expect(cursorIndex(b)).toBe(cursorIndex(a) + 1) },
  up: { setup: (s) => s.move(3), check: (_a, b) => expect(cursorIndex(b)).toBe(2) },
  top: { setup: (s) => s.move(5), check: (_a, b) => expect(cursorIndex(b)).toBe(0) },
  bottom: { check: (_a, b) => expect(cursorIndex(b)).toBe(b.analysis.timeline.length - 1) },
  'half-down': { check: (a, b) => expect(cursorIndex(b)).toBe(Math.floor(a.timelineRows / 2)) },
  'half-up': { setup: (s) => s.edge(1), check: (a, b) => expect(cursorIndex(b)).toBe(cursorIndex(a) - Math.floor(a.timelineRows / 2)) },
  'next-pane': { check: (_a, b) => expect(b.focus).toBe('hypotheses') },
  'prev-pane': { check: (_a, b) => expect(b.focus).toBe('runbook') },
  enter: { check: (_a, b, t) => (expect(b.overlay?.kind).toBe('event'), expect(t.frame()).toContain('Event detail')) },
  escape: { setup: (s) => s.openHelp(KEY_TABLE.length), check: (_a, b) => expect(b.overlay).toBeNull() },
  search: { check: (_a, b, t) => (expect(b.search.draft).toBe(''), expect(t.frame()).toContain('Enter search')) },
  'search-text': { setup: (s) => s.openSearch(), check: (_a, b) => expect(b.search.draft).toBe('x') },
  'search-erase': { setup: (s) => (s.openSearch(), s.typeSearch('ab')), check: (_a, b) => expect(b.search.draft).toBe('a') },
  'next-hit': { setup: searchFor('trust'), check: (_a, b) => expect(cursorIndex(b)).toBe(searchHits(b)[1]) },
  'prev-hit': { setup: searchFor('trust'), check: (_a, b) => expect(cursorIndex(b)).toBe(searchHits(b).at(-1)) },
  'matches-only': {
    setup: searchFor('trust'),
    check: (a, b, t) => {
      expect(b.filters.matching).toBe('trust');
      expect(t.frame()).toContain(`Timeline 1/${searchHits(a).length} · only /trust/ ═`);
      expect(searchHits(b).length).toBe(searchHits(a).length);
    },
  },
  'next-error': { check: (_a, b) => expect(cursorIndex(b)).toBe(errorIndices(b)[0]) },
  'prev-error': { setup: (s) => s.edge(1), check: (_a, b) => expect(cursorIndex(b)).toBe(errorIndices(b).at(-1)) },
  // Keys 1..3 hide Jamf, Okta, the Mac (the registry's order); 4..9 name no source here and say so.
  'toggle-source': {
    check: (_a, b, t) => {
      const hidden = Object.entries(b.filters.sources).filter(([, shown]) => !shown).map(([name]) => name);
      if (hidden.length === 0) return expect(b.message).toMatch(/^no source [4-9]$/);
      expect(hidden).toHaveLength(1);
      expect(t.frame()).toContain(b.analysis.sources.map((s) => (s.name === hidden[0] ? '-' : s.letter)).join(''));
    },
  },
  severity: { check: (_a, b, t) => (expect(b.filters.minSeverity).toBe('warn'), expect(t.frame()).toContain('≥warn')) },
  'time-mode': { check: (_a, b, t) => (expect(b.timeMode).toBe('device'), expect(t.frame()).toContain(`${b.zones.device} (device)`)) },
  copy: { check: (_a, b, t) => (expect(t.copies).toEqual([b.analysis.hypotheses[0]!.next.command]), expect(t.frame()).toContain('copied:')) },
  step: { check: (_a, b, t) => (expect(b.overlay?.kind).toBe('step'), expect(t.frame()).toContain('Runbook step')) },
  run: { setup: selectProbeStep, check: (_a, b, t) => (expect(b.overlay?.kind).toBe('confirm'), expect(t.frame()).toContain('Run this read-only probe')) },
  'confirm-yes': {
    setup: (s, store) => (selectProbeStep(s, store), store.getState().requestRun()),
    check: async (_a, _b, t) => {
      await vi.waitFor(() => expect(t.frame()).toMatch(/ran: \+\d+ events|failed/));
    },
  },
  'pick-down': { setup: (s) => s.openPicker(THREE_MACS), check: (_a, b, t) => (expect(b.overlay).toEqual({ kind: 'picker', cursor: 1 }), expect(t.frame()).toContain('C02B')) },
  'pick-up': {
    setup: (s) => (s.openPicker(THREE_MACS), s.pickerMove(2)),
    check: (_a, b) => expect(b.overlay).toEqual({ kind: 'picker', cursor: 1 }),
  },
  pick: { setup: (s) => s.openPicker(THREE_MACS), check: (_a, b, t) => (expect(b.overlay).toBeNull(), expect(t.frame()).not.toContain('Which one?')) },
  'confirm-no': { setup: (s) => s.requestRun(), check: (_a, b) => (expect(b.overlay).toBeNull(), expect(b.journalEntries).toEqual([])) },
  export: { check: (_a, b, t) => (expect(b.message).toBe('no report export in this session'), expect(t.frame()).toContain('no report export')) },
  notes: { check: (_a, b, t) => (expect(b.overlay?.kind).toBe('notes'), expect(t.frame()).toContain('Sources and reading notes')) },
  done: { check: (a, b, t) => (expect(b.marks[selectedStep(a)!.key]).toBe('done'), expect(t.frame()).toContain('[x]')) },
  skip: { check: (a, b, t) => (expect(b.marks[selectedStep(a)!.key]).toBe('skipped'), expect(t.frame()).toContain('[-]')) },
  fleet: { check: (_a, b, t) => (expect(b.message).toMatch(/^no Fleet view/), expect(t.frame()).toContain('no Fleet view')) },
  'next-stage': { setup: (s) => s.toggleGuided(), check: (_a, b, t) => (expect(b.guidedStage).toBe(1), expect(t.frame()).toContain('Walkthrough 2/5')) },
  'prev-stage': { setup: (s) => (s.toggleGuided(), s.setGuidedStage(2)), check: (_a, b, t) => (expect(b.guidedStage).toBe(1), expect(t.frame()).toContain('Walkthrough 2/5')) },
  guided: { check: (_a, b, t) => (expect(b.guided).toBe(true), expect(t.frame()).toContain('Walkthrough 1/5')) },
  help: { check: (_a, b, t) => (expect(b.overlay?.kind).toBe('help'), expect(t.frame()).toContain('Keys 1-')) },
  quit: { check: (_a, _b, t) => expect(t.quits()).toBe(1), frameChanges: false },
  'quit-now': { check: (_a, _b, t) => expect(t.quits()).toBe(1), frameChanges: false },
  suspend: { check: (_a, _b, t) => (expect(t.suspends()).toBe(1), expect(t.quits()).toBe(0)), frameChanges: false },
};

const NO_KEY = { upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false };

let tui: Tui | undefined;
afterEach(() => tui?.unmount());

async function pressIn(store: ConsoleStore, spec: Spec, key: string): Promise<void> {
  tui = await renderTui(store, { columns: 100, rows: 26 });
  spec.setup?.(store.getState(), store);
  await tui.press();
  const before = store.getState();
  const frame = tui.frame();
  await tui.press(key);
  await spec.check(before, store.getState(), tui);
  if (spec.frameChanges !== false) expect(tui.frame()).not.toBe(frame);
  tui.unmount();
  tui = undefined;
}

describe('the key table', () => {
  it('has a test for every binding, and no key bound twice in one scope', () => {
    expect(Object.keys(SPECS).sort()).toEqual(KEY_TABLE.map((b) => b.id).sort());
    const seen = new Set<string>();
    for (const b of KEY_TABLE) {
      for (const scope of b.scopes) {
        for (const k of b.keys) {
          expect(seen.has(`${scope} ${k}`), `${k} twice in ${scope}`).toBe(false);
          seen.add(`${scope} ${k}`);
        }
      }
    }
  });

  for (const binding of KEY_TABLE) {
    for (const key of binding.keys) {
      it(`${keyLabel([key])} (${binding.id}): ${binding.description}`, async () => {
        const store = storeFor(cert, { transport: fixedTransport({ stdout: '' }) });
        await pressIn(store, SPECS[binding.id]!, key);
      });
    }
  }

  it('names keys as the table spells them and routes typed text to the search prompt only', () => {
    const none = NO_KEY;
    expect(keyName('', { ...none, tab: true, shift: true })).toBe('shift+tab');
    expect(keyName('d', { ...none, ctrl: true })).toBe('ctrl+d');
    expect(keyName('', { ...none, delete: true })).toBe('backspace');
    expect(keyName('G', { ...none, shift: true })).toBe('G');
    expect(bindingFor('search', 'q')?.id).toBe('search-text');
    expect(bindingFor('timeline', 'X')).toBeUndefined();
    expect(bindingFor('search', 'ctrl+d')).toBeUndefined();
    expect(bindingFor('confirm', 'n')?.id).toBe('confirm-no');
    expect(bindingFor('timeline', 'n')?.id).toBe('next-hit');
    expect(hintsFor('timeline').slice(0, 2).map((h) => h.hint)).toEqual(['help', 'quit']);
    expect(hintsFor('timeline').map((h) => h.hint)).toContain('run');
    expect(hintsFor('timeline', false).map((h) => h.hint)).toContain('run: no Mac (--host)');
    expect(keyLabel(['ctrl+u', 'pageup'])).toBe('C-u/PgUp');
  });

  it('counts every key of one read, in order (fast typing, a paste, keys over SSH)', async () => {
    const store = storeFor(cert);
    tui = await renderTui(store, { columns: 80, rows: 24 });
    await tui.type('jjj');
    expect(cursorIndex(store.getState())).toBe(3);
    await tui.type('jk\tj');
    expect(cursorIndex(store.getState())).toBe(3);
    expect(store.getState().selectedHypothesis).toBe(store.getState().analysis.hypotheses[1]!.id);
    await tui.type('\t\t/tru\u007fust\r');
    expect(store.getState().search.query).toBe('trust');
    expect(keyName('jj', { ...NO_KEY })).toBe('jj');
    expect(keyNames('jj', { ...NO_KEY })).toEqual(['j', 'j']);
    expect(keyNames('', { ...NO_KEY, downArrow: true })).toEqual(['down']);
    expect(keyNames('a\u0003', { ...NO_KEY })).toEqual(['a', 'ctrl+c']);
  });

  it('the hint bar says why r cannot run when no Mac is connected', async () => {
    tui = await renderTui(storeFor(cert), { columns: 200, rows: 30 });
    expect(tui.lines().at(-1)).toContain('r run: no Mac (--host)');
    tui.unmount();
    tui = await renderTui(storeFor(cert, { transport: fixedTransport({}) }), { columns: 200, rows: 30 });
    expect(tui.lines().at(-1)).toMatch(/r run {2}/);
  });

  it('keys in the hypotheses and runbook panes act on them', async () => {
    const store = storeFor(cert);
    tui = await renderTui(store, { columns: 120, rows: 40 });
    await tui.press('tab', 'j', 'j');
    expect(store.getState().selectedHypothesis).toBe(store.getState().analysis.hypotheses[2]!.id);
    expect(tui.frame()).toMatch(/>  ?3 /);
    await tui.press('tab');
    const steps = runbookSteps(store.getState());
    const first = steps.findIndex((x) => x.key === selectedStep(store.getState())!.key);
    await tui.press('j');
    expect(keyScope(store.getState())).toBe('runbook');
    expect(store.getState().selectedStep).toBe(steps[Math.min(first + 1, steps.length - 1)]!.key);
  });
});

import { describe, expect, it } from 'vitest';
import { keyScope } from '../../src/store/scope.js';
import { hypothesisEvidence } from '../../src/store/selectors/detail.js';
import { runbookSteps, selectedStep } from '../../src/store/selectors/runbook.js';
import { searchHits } from '../../src/store/selectors/search.js';
import { cursorEvent, cursorIndex, visibleTimeline } from '../../src/store/selectors/timeline.js';
import { fixedTransport, hangingTransport, loadScenario, selectProbeStep, storeFor } from '../helpers/console-fixtures.js';

const cert = await loadScenario('cert-chain-break');

describe('moving the selection', () => {
  it('moves the timeline cursor by rows, half pages and to either end, scrolling with it', () => {
    const store = storeFor(cert);
    const n = store.getState().analysis.timeline.length;
    store.getState().setTimelineRows(10);
    store.getState().move(1);
    expect(cursorIndex(store.getState())).toBe(1);
    store.getState().move(-5);
    expect(cursorIndex(store.getState())).toBe(0);
    store.getState().halfPage(1);
    expect(cursorIndex(store.getState())).toBe(5);
    store.getState().halfPage(-1);
    expect(cursorIndex(store.getState())).toBe(0);
    store.getState().edge(1);
    expect(cursorIndex(store.getState())).toBe(n - 1);
    expect(store.getState().top?.id).toBe(store.getState().analysis.timeline[n - 10]!.id);
    store.getState().edge(-1);
    expect(cursorIndex(store.getState())).toBe(0);
    expect(store.getState().top?.id).toBe(store.getState().analysis.timeline[0]!.id);
  });

  it('moves the hypothesis selection, the runbook step, the walkthrough\'s lines and overlay lines; Enter moves the stage', () => {
    const store = storeFor(cert);
    const hs = store.getState().analysis.hypotheses;
    store.getState().setFocus('hypotheses');
    store.getState().move(1);
    expect(store.getState().selectedHypothesis).toBe(hs[1]!.id);
    store.getState().edge(1);
    expect(store.getState().selectedHypothesis).toBe(hs[hs.length - 1]!.id);
    store.getState().edge(-1);
    expect(store.getState().selectedHypothesis).toBe(hs[0]!.id);

    store.getState().setFocus('runbook');
    const steps = runbookSteps(store.getState());
    store.getState().move(1);
    expect(store.getState().selectedStep).toBe(steps[1]!.key);
    store.getState().move(-1);
    expect(selectedStep(store.getState())).toBe(steps[0]);

    store.getState().setOverlayRows(3);
    store.getState().openHelp(10);
    store.getState().move(10);
    expect(store.getState().overlay).toMatchObject({ kind: 'help', offset: 7 });
    store.getState().closeOverlay();

    store.getState().toggleGuided();
    store.getState().setGuidedMaxOffset(5);
    store.getState().move(2);
    expect(store.getState()).toMatchObject({ guidedStage: 0, guidedOffset: 2 });
    store.getState().edge(1);
    expect(store.getState().guidedOffset).toBe(5);
    store.getState().activate();
    expect(store.getState()).toMatchObject({ guidedStage: 1, guidedOffset: 0 });
  });

  it('Enter opens the event detail, scrolls it, and Esc closes it', () => {
    const store = storeFor(cert);
    store.getState().move(3);
    store.getState().activate();
    const o = store.getState().overlay;
    expect(o?.kind === 'event' && o.ref.id).toBe(store.getState().analysis.timeline[3]!.id);
    store.getState().move(2);
    expect(store.getState().overlay).toMatchObject({ offset: 2 });
    store.getState().move(-99);
    expect(store.getState().overlay).toMatchObject({ offset: 0 });
    store.getState().escape();
    expect(store.getState().overlay).toBeNull();
    store.getState().activate();
    store.getState().activate();
    expect(store.getState().overlay).toBeNull();
  });

  it('Enter on a hypothesis shows its evidence; Enter on an evidence line jumps the timeline to that event', () => {
    const store = storeFor(cert);
    store.getState().setFocus('hypotheses');
    store.getState().activate();
    const h = store.getState().analysis.hypotheses[0]!;
    expect(store.getState().overlay).toEqual({ kind: 'hypothesis', hypothesisId: h.id, line: 0 });
    store.getState().move(1);
    const target = hypothesisEvidence(store.getState(), h.id)[1]!;
    store.getState().activate();
    const s = store.getState();
    expect(s.overlay).toBeNull();
    expect(s.focus).toBe('timeline');
    expect(cursorEvent(s)?.id).toBe(target.eventId);
  });

  it('jumping to an event the filters hide clears them', () => {
    const store = storeFor(cert);
    const okta = store.getState().analysis.timeline.find((e) => e.source === 'okta')!;
    store.getState().toggleSource('okta');
    store.getState().jumpToEvent(okta.id);
    expect(store.getState().filters.sources.okta).toBe(true);
    expect(cursorEvent(store.getState())?.id).toBe(okta.id);
    expect(store.getState().message).toMatch(/filters cleared/);
    store.getState().jumpToEvent('no-such-event');
    expect(store.getState().message).toMatch(/no longer/);
  });

  it('Enter in the walkthrough advances the stage; in the runbook it asks to run the step', () => {
    const store = storeFor(cert, { transport: fixedTransport({}) });
    store.getState().toggleGuided();
    store.getState().activate();
    expect(store.getState().guidedStage).toBe(1);
    store.getState().toggleGuided();
    selectProbeStep(store);
    store.getState().activate();
    expect(store.getState().overlay?.kind).toBe('confirm');
  });
});

describe('errors and search', () => {
  it('e/E go to the next and previous error event', () => {
    const store = storeFor(cert);
    const tl = store.getState().analysis.timeline;
    const errors = tl.map((e, i) => (e.severity === 'error' ? i : -1)).filter((i) => i >= 0);
    store.getState().nextError(1);
    expect(cursorIndex(store.getState())).toBe(errors[0]);
    store.getState().nextError(1);
    expect(cursorIndex(store.getState())).toBe(errors[1]);
    store.getState().nextError(-1);
    expect(cursorIndex(store.getState())).toBe(errors[0]);
    store.getState().nextError(-1);
    expect(store.getState().message).toBe('no earlier error');
    store.getState().edge(1);
    store.getState().nextError(1);
    expect(store.getState().message).toBe('no later error');
  });

  it('/ opens a prompt that takes typing and backspace; Enter searches and moves to the first hit; n/N wrap', () => {
    const store = storeFor(cert);
    store.getState().openSearch();
    expect(keyScope(store.getState())).toBe('search');
    store.getState().typeSearch('trusX');
    store.getState().eraseSearch();
    store.getState().typeSearch('t\u001b[2J');
    expect(store.getState().search.draft).toBe('trust[2J');
    for (let i = 0; i < 3; i++) store.getState().eraseSearch();
    expect(store.getState().search.draft).toBe('trust');
    store.getState().commitSearch();
    const s = store.getState();
    const hits = searchHits(s);
    expect(s.search).toEqual({ query: 'trust', draft: undefined });
    expect(hits.length).toBeGreaterThan(1);
    expect(cursorIndex(s)).toBe(hits[0]);
    expect(s.message).toBe(`${hits.length} matches`);
    store.getState().nextHit(1);
    expect(cursorIndex(store.getState())).toBe(hits[1]);
    store.getState().nextHit(-1);
    store.getState().nextHit(-1);
    expect(cursorIndex(store.getState())).toBe(hits[hits.length - 1]);
    expect(store.getState().message).toMatch(/wrapped/);
    store.getState().nextHit(1);
    expect(cursorIndex(store.getState())).toBe(hits[0]);
  });

  it('searches with a regular expression, ignoring case; a bad or hanging pattern is refused in one line and the last search stays', () => {
    const store = storeFor(cert);
    const search = (q: string) => {
      store.getState().openSearch();
      store.getState().typeSearch(q);
      store.getState().commitSearch();
    };
    search('TRUSTD|okta verify');
    const hits = searchHits(store.getState());
    const wanted = visibleTimeline(store.getState()).flatMap((e, i) => (/trustd|okta verify/i.test(e.summary) || /trustd|okta verify/i.test(e.kind) ? [i] : []));
    expect(wanted.length).toBeGreaterThan(1);
    expect([...hits]).toEqual(wanted);
    search('policy (');
    expect(store.getState().message).toBe('search /policy (/ not a regular expression: Unterminated group');
    expect(store.getState().search).toEqual({ query: 'TRUSTD|okta verify', draft: undefined });
    search('(a+)+$');
    expect(store.getState().message).toMatch(/^search \/\(a\+\)\+\$\/ refused: nested repetition/);
    expect(store.getState().search.query).toBe('TRUSTD|okta verify');
  });

  it('m shows only the matches of the search (filter-in), keeps the position, follows a new search, and shows all again', () => {
    const store = storeFor(cert);
    store.getState().toggleMatchesOnly();
    expect(store.getState().message).toBe('no search to show the matches of: press / first');
    store.getState().openSearch();
    store.getState().typeSearch('trust');
    store.getState().commitSearch();
    store.getState().nextHit(1);
    const at = cursorEvent(store.getState())!;
    const all = visibleTimeline(store.getState()).length;
    store.getState().toggleMatchesOnly();
    const only = visibleTimeline(store.getState());
    expect(only.length).toBe(searchHits(store.getState()).length);
    expect(only.length).toBeLessThan(all);
    expect(only.every((e) => /trust/i.test(e.summary) || /trust/i.test(e.kind))).toBe(true);
    expect(cursorEvent(store.getState())?.id).toBe(at.id);
    store.getState().openSearch();
    store.getState().typeSearch('okta');
    store.getState().commitSearch();
    expect(store.getState().filters.matching).toBe('okta');
    expect(visibleTimeline(store.getState()).every((e) => /okta/i.test(e.summary) || /okta/i.test(e.kind))).toBe(true);
    store.getState().toggleMatchesOnly();
    expect(visibleTimeline(store.getState()).length).toBe(all);
    expect(store.getState().message).toBe('showing all events');
  });

  it('a search with no match says so; n without a search says to search first; Esc cancels the prompt', () => {
    const store = storeFor(cert);
    store.getState().nextHit(1);
    expect(store.getState().message).toMatch(/press \//);
    store.getState().openSearch();
    store.getState().typeSearch('zzzz-nothing');
    store.getState().commitSearch();
    expect(store.getState().message).toMatch(/no match/);
    store.getState().nextHit(1);
    expect(store.getState().message).toMatch(/no match/);
    store.getState().openSearch();
    store.getState().escape();
    expect(store.getState().search.draft).toBeUndefined();
    expect(store.getState().search.query).toBe('zzzz-nothing');
  });

  it('Esc closes an overlay, then cancels a running probe, then leaves the walkthrough', async () => {
    const transport = hangingTransport();
    const store = storeFor(cert, { transport, guided: true });
    store.getState().setFocus('runbook');
    store.getState().openHelp(3);
    store.getState().escape();
    expect(store.getState().overlay).toBeNull();
    selectProbeStep(store);
    store.getState().requestRun();
    const running = store.getState().confirmRun();
    expect(store.getState().run.state).toBe('running');
    store.getState().escape();
    await running;
    expect(store.getState().run).toMatchObject({ state: 'failed', error: 'cancelled' });
    expect(store.getState().guided).toBe(true);
    store.getState().escape();
    expect(store.getState().guided).toBe(false);
    expect(visibleTimeline(store.getState()).length).toBeGreaterThan(0);
  });
});

import { describe, expect, it } from 'vitest';
import { keyScope } from '../../src/store/scope.js';
import { cursorEvent, visibleTimeline } from '../../src/store/selectors/timeline.js';
import { loadScenario, storeFor } from '../helpers/console-fixtures.js';

const cert = await loadScenario('cert-chain-break');
const policy = await loadScenario('okta-policy-regression');

describe('view slice', () => {
  it('moves focus between panes, both ways, wrapping', () => {
    const store = storeFor(cert);
    expect(store.getState().focus).toBe('timeline');
    store.getState().cycleFocus(1);
    expect(store.getState().focus).toBe('hypotheses');
    store.getState().cycleFocus(1);
    store.getState().cycleFocus(1);
    expect(store.getState().focus).toBe('timeline');
    store.getState().cycleFocus(-1);
    expect(store.getState().focus).toBe('runbook');
    store.getState().setFocus('hypotheses');
    expect(keyScope(store.getState())).toBe('hypotheses');
  });

  it('a filter toggled off and on again, or the severity cycled round, brings the cursor back to its event', () => {
    const store = storeFor(policy);
    store.getState().move(17);
    const chosen = cursorEvent(store.getState())!;
    expect(chosen.source).toBe('jamf');
    store.getState().toggleSource('jamf');
    const hidden = cursorEvent(store.getState())!;
    const gap = (e: { epochMs: number }) => Math.abs(e.epochMs - chosen.epochMs);
    expect(visibleTimeline(store.getState()).every((e) => gap(e) >= gap(hidden))).toBe(true);
    store.getState().toggleSource('jamf');
    expect(cursorEvent(store.getState())?.id).toBe(chosen.id);
    for (let i = 0; i < 3; i++) store.getState().cycleMinSeverity();
    expect(cursorEvent(store.getState())?.id).toBe(chosen.id);
  });

  it('toggles each source and keeps the cursor on the nearest visible event', () => {
    const store = storeFor(cert);
    const tl = store.getState().analysis.timeline;
    const okta = tl.findIndex((e) => e.source === 'okta');
    store.getState().move(okta);
    expect(cursorEvent(store.getState())?.source).toBe('okta');
    store.getState().toggleSource('okta');
    const s = store.getState();
    expect(s.filters.sources.okta).toBe(false);
    expect(visibleTimeline(s).some((e) => e.source === 'okta')).toBe(false);
    expect(cursorEvent(s)?.source).not.toBe('okta');
    expect(s.message).toBe('okta hidden');
    store.getState().toggleSource('okta');
    expect(visibleTimeline(store.getState())).toBe(tl);
  });

  it('cycles the minimum severity info → warn → error → info', () => {
    const store = storeFor(cert);
    store.getState().cycleMinSeverity();
    expect(store.getState().filters.minSeverity).toBe('warn');
    store.getState().cycleMinSeverity();
    expect(store.getState().filters.minSeverity).toBe('error');
    expect(visibleTimeline(store.getState()).every((e) => e.severity === 'error')).toBe(true);
    store.getState().cycleMinSeverity();
    expect(store.getState().filters.minSeverity).toBe('info');
  });

  it('cycles the time mode through the device zone only when it is known', () => {
    const store = storeFor(cert);
    expect(store.getState().zones.device).toBe(cert.ctx.deviceTimeZone);
    const seen = [store.getState().timeMode];
    for (let i = 0; i < 3; i++) {
      store.getState().cycleTimeMode();
      seen.push(store.getState().timeMode);
    }
    expect(seen).toEqual(['utc', 'device', 'local', 'utc']);
    const noZone = storeFor({ ...cert, ctx: { ...cert.ctx, deviceTimeZone: undefined } });
    noZone.getState().cycleTimeMode();
    expect(noZone.getState().timeMode).toBe('local');
  });

  it('selects a hypothesis (resetting the runbook selection) and opens and closes help', () => {
    const store = storeFor(cert);
    const second = store.getState().analysis.hypotheses[1]!.id;
    store.setState({ selectedStep: 'probe:sntp' });
    store.getState().selectHypothesis(second);
    expect(store.getState().selectedHypothesis).toBe(second);
    expect(store.getState().selectedStep).toBeNull();
    store.getState().openHelp(12);
    expect(store.getState().overlay).toEqual({ kind: 'help', offset: 0, lines: 12 });
    expect(keyScope(store.getState())).toBe('help');
    store.getState().closeOverlay();
    expect(store.getState().overlay).toBeNull();
  });

  it('setTimelineRows keeps the cursor on screen', () => {
    const store = storeFor(cert);
    store.getState().setTimelineRows(20);
    store.getState().move(18);
    store.getState().setTimelineRows(5);
    const s = store.getState();
    const list = visibleTimeline(s);
    const top = list.findIndex((e) => e.id === s.top?.id);
    const cur = list.findIndex((e) => e.id === s.cursor?.id);
    expect(cur).toBe(18);
    expect(cur - top).toBeLessThan(5);
    expect(cur).toBeGreaterThanOrEqual(top);
    store.getState().setTimelineRows(5);
    expect(store.getState().timelineRows).toBe(5);
  });
});

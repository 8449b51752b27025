import { describe, expect, it } from 'vitest';
import { refAt } from '../../src/store/event-ref.js';
import { TimelineLog } from '../../src/store/timeline-log.js';
import { cursorEvent, visibleTimeline } from '../../src/store/selectors/timeline.js';
import { rankAnalysis } from '../../src/diagnosis/rank-analysis.js';
import { loadScenario, makeEvent, storeFor } from '../helpers/console-fixtures.js';

const cert = await loadScenario('cert-chain-break');

describe('data slice', () => {
  it('ranks the initial analysis and reads each source state from it', () => {
    const s = storeFor(cert).getState();
    expect(s.analysis.hypotheses.map((h) => h.id)).toEqual(rankAnalysis(cert.analysis, cert.active, { macReachable: false }).map((h) => h.id));
    expect(s.sourceStates['jamf']!).toEqual({ state: 'ok', events: 16 });
    expect(s.sourceStates['okta']!.events).toBe(5);
    expect(s.sourceStates['device']!.events).toBe(20);
  });

  it('setSourceState records loading, errors and counts', () => {
    const store = storeFor(cert);
    store.getState().setSourceState('okta', { state: 'loading', events: 3, text: 'page 2' });
    expect(store.getState().sourceStates.okta).toEqual({ state: 'loading', events: 3, text: 'page 2' });
    store.getState().setSourceState('jamf', { state: 'error', events: 0, text: 'HTTP 401' });
    expect(store.getState().sourceStates['jamf']!.state).toBe('error');
  });

  it('appendEvents merges live arrivals in time order and keeps the cursor and scroll on their events', () => {
    const store = storeFor(cert);
    const tl = store.getState().analysis.timeline;
    store.getState().setTimelineRows(5);
    store.getState().move(12);
    const before = cursorEvent(store.getState())!;
    const top = store.getState().top!;
    const early = makeEvent({ epochMs: tl[0]!.epochMs - 1000 });
    const middle = makeEvent({ epochMs: before.epochMs - 1, source: 'jamf' });
    const late = makeEvent({ epochMs: tl[tl.length - 1]!.epochMs + 1000, severity: 'error' });
    store.getState().appendEvents([late, early, middle]);
    const s = store.getState();
    expect(s.analysis.timeline).toHaveLength(tl.length + 3);
    expect(s.analysis.timeline[0]).toBe(early);
    expect(s.analysis.timeline[s.analysis.timeline.length - 1]).toBe(late);
    expect(cursorEvent(s)?.id).toBe(before.id);
    expect(s.top).toEqual(top);
    expect(s.sourceStates['okta']!.events).toBe(7);
    expect(s.sourceStates['jamf']!.events).toBe(17);
    expect(s.analysis.sources.find((x) => x.name === 'okta')?.events).toBe(7);
  });

  it('appendEvents pins an implicit first-row cursor to its event', () => {
    const store = storeFor(cert);
    const first = store.getState().analysis.timeline[0]!;
    store.getState().appendEvents([makeEvent({ epochMs: first.epochMs - 5 })]);
    expect(cursorEvent(store.getState())?.id).toBe(first.id);
    store.getState().appendEvents([]);
    expect(cursorEvent(store.getState())?.id).toBe(first.id);
  });

  it('appendEvents re-ranks with the new evidence', () => {
    const store = storeFor(cert);
    const s0 = store.getState();
    const arrivals = Array.from({ length: 3 }, (_, i) =>
      makeEvent({ epochMs: s0.analysis.timeline[5]!.epochMs + i, source: 'device', kind: 'device.trust.failure', severity: 'error', summary: 'Trust evaluate failure: RecoverableTrustFailure -9807 okta.example.com' }),
    );
    store.getState().appendEvents(arrivals);
    const h = store.getState().analysis.hypotheses.find((x) => x.id === 'cert-chain-break')!;
    expect(h.evidence.some((e) => arrivals.some((a) => a.id === e.eventId))).toBe(true);
  });

  it('replaceAnalysis re-ranks and keeps sources that are still loading', () => {
    const store = storeFor(cert);
    store.getState().setSourceState('device', { state: 'loading', events: 0 });
    store.getState().replaceAnalysis({ ...cert.analysis, hypotheses: [] });
    const s = store.getState();
    expect(s.analysis.hypotheses.length).toBe(cert.active.model.causes.length);
    expect(s.sourceStates['device']!.state).toBe('loading');
    expect(s.sourceStates['okta']!.state).toBe('ok');
  });

  it('the timeline log merges stably and appends after the end in place', () => {
    const a = [makeEvent({ epochMs: 1 }), makeEvent({ epochMs: 3 })];
    const b = [makeEvent({ epochMs: 3 }), makeEvent({ epochMs: 2 })];
    const merged = new TimelineLog(a);
    merged.append(b);
    expect(merged.current.map((e) => e.epochMs)).toEqual([1, 2, 3, 3]);
    expect(merged.current[2]).toBe(a[1]);
    const owned = merged.current;
    merged.append([makeEvent({ epochMs: 9 })]);
    expect(merged.current).toBe(owned); // the log's own array grows in place
    expect(merged.current.map((e) => e.epochMs)).toEqual([1, 2, 3, 3, 9]);
    const handed = new TimelineLog(a);
    handed.append([makeEvent({ epochMs: 9 })]);
    expect(a.map((e) => e.epochMs)).toEqual([1, 3]); // an array it was handed is copied once, never grown
    const empty = new TimelineLog([]);
    empty.append(b);
    expect(empty.current.map((e) => e.epochMs)).toEqual([2, 3]);
    expect(visibleTimeline({ analysis: { ...cert.analysis, timeline: [] }, filters: storeFor(cert).getState().filters })).toEqual([]);
    expect(refAt(a, 0)?.id).toBe(a[0]!.id);
  });
});

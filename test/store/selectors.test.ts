import { describe, expect, it } from 'vitest';
import { eventAt, locate, lowerBound, refAt, refOf } from '../../src/store/event-ref.js';
import { eventDetailLines, hypothesisEvidence, rawRefText } from '../../src/store/selectors/detail.js';
import { bucketOf, histogram, worstSeverity } from '../../src/store/selectors/histogram.js';
import { evidenceCounts, selectedHypothesis } from '../../src/store/selectors/hypotheses.js';
import { memoLast } from '../../src/store/selectors/memo.js';
import { runbookSteps, selectedStep, stepProgress } from '../../src/store/selectors/runbook.js';
import { nextInSorted, searchHits } from '../../src/store/selectors/search.js';
import { crossesYear, formatTime, nextTimeMode, rowTime, timeModeLabel, zoneOf } from '../../src/store/selectors/time-format.js';
import { cursorEvent, filtersActive, timelineWindow, visibleTimeline, windowStart } from '../../src/store/selectors/timeline.js';
import { stepCommand } from '../../src/store/step-command.js';
import { loadScenario, makeEvent, storeFor } from '../helpers/console-fixtures.js';

const cert = await loadScenario('cert-chain-break');

describe('timeline selectors', () => {
  it('shows the whole timeline (the same array) without filters, and filters by source and minimum severity', () => {
    const s = storeFor(cert).getState();
    expect(visibleTimeline(s)).toBe(s.analysis.timeline);
    expect(filtersActive(s.filters)).toBe(false);
    const noOkta = { ...s.filters, sources: { ...s.filters.sources, okta: false } };
    const list = visibleTimeline({ analysis: s.analysis, filters: noOkta });
    expect(list.length).toBe(s.analysis.timeline.length - s.analysis.timeline.filter((e) => e.source === 'okta').length);
    expect(list.every((e) => e.source !== 'okta')).toBe(true);
    const errors = visibleTimeline({ analysis: s.analysis, filters: { ...s.filters, minSeverity: 'error' } });
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.severity === 'error')).toBe(true);
    const warnUp = visibleTimeline({ analysis: s.analysis, filters: { ...s.filters, minSeverity: 'warn' } });
    expect(warnUp.every((e) => e.severity !== 'info')).toBe(true);
  });

  it('computes the window from the cursor: only the rows on screen, the cursor always inside', () => {
    expect(windowStart(100, 0, 0, 10)).toBe(0);
    expect(windowStart(100, 15, 0, 10)).toBe(6);
    expect(windowStart(100, 7, 6, 10)).toBe(6);
    expect(windowStart(100, 3, 6, 10)).toBe(3);
    expect(windowStart(100, 99, 95, 10)).toBe(90);
    expect(windowStart(5, 4, 3, 10)).toBe(0);
    const s = storeFor(cert).getState();
    const w = timelineWindow({ ...s, cursor: refAt(s.analysis.timeline, 20) }, 8);
    expect(w.rows).toHaveLength(8);
    expect(w.cursor).toBe(20);
    expect(w.start).toBe(13);
    expect(w.total).toBe(s.analysis.timeline.length);
    expect(cursorEvent({ ...s, cursor: refAt(s.analysis.timeline, 20) })).toBe(s.analysis.timeline[20]);
  });

  it('finds events by ref in O(log n): by id among equal instants, else the nearest later event', () => {
    const list = [makeEvent({ epochMs: 10 }), makeEvent({ epochMs: 20 }), makeEvent({ epochMs: 20 }), makeEvent({ epochMs: 30 })];
    expect(locate(list, refOf(list[2]!))).toBe(2);
    expect(locate(list, { id: 'gone', epochMs: 25 })).toBe(3);
    expect(locate(list, { id: 'gone', epochMs: 99 })).toBe(3);
    expect(locate(list, null)).toBe(0);
    expect(locate([], null)).toBe(-1);
    expect(lowerBound(list, { id: 'x', epochMs: 20 })).toBe(1);
    expect(eventAt(list, refOf(list[1]!))).toBe(list[1]);
    expect(eventAt(list, { id: 'gone', epochMs: 20 })).toBeUndefined();
    expect(refAt(list, 99)?.id).toBe(list[3]!.id);
    expect(refAt([], 0)).toBeNull();
  });
});

describe('search selectors', () => {
  it('finds hits case-insensitively in summaries and kinds, as indices of the visible timeline', () => {
    const s = storeFor(cert).getState();
    const hits = searchHits({ ...s, search: { query: 'TRUST', draft: undefined } });
    expect(hits.length).toBeGreaterThan(0);
    for (const i of hits) {
      const e = s.analysis.timeline[i]!;
      expect(`${e.summary} ${e.kind}`.toLowerCase()).toContain('trust');
    }
    expect(searchHits({ ...s, search: { query: '', draft: undefined } })).toEqual([]);
    expect(searchHits({ ...s, search: { query: 'no such text anywhere', draft: undefined } })).toEqual([]);
  });

  it('steps to the next or previous hit, wrapping at either end', () => {
    const hits = [2, 5, 9];
    expect(nextInSorted(hits, 0, 1)).toBe(2);
    expect(nextInSorted(hits, 5, 1)).toBe(9);
    expect(nextInSorted(hits, 9, 1)).toBe(2);
    expect(nextInSorted(hits, 5, -1)).toBe(2);
    expect(nextInSorted(hits, 2, -1)).toBe(9);
    expect(nextInSorted(hits, 6, -1)).toBe(5);
    expect(nextInSorted([], 1, 1)).toBeUndefined();
  });

  it('memoises on argument identity', () => {
    let calls = 0;
    const f = memoLast((_a: object, n: number) => (calls++, n));
    const o = {};
    f(o, 1);
    f(o, 1);
    f({}, 1);
    expect(calls).toBe(2);
  });
});

describe('histogram', () => {
  it('buckets every event of the range by severity, for a given width', () => {
    const s = storeFor(cert).getState();
    const h = histogram(s.analysis.timeline, 20);
    expect(h.buckets).toHaveLength(20);
    const total = h.buckets.reduce((n, b) => n + b.info + b.warn + b.error, 0);
    expect(total).toBe(s.analysis.timeline.length);
    const errors = h.buckets.reduce((n, b) => n + b.error, 0);
    expect(errors).toBe(s.analysis.timeline.filter((e) => e.severity === 'error').length);
    expect(h.max).toBe(Math.max(...h.buckets.map((b) => b.info + b.warn + b.error)));
    expect(bucketOf(h, h.startMs)).toBe(0);
    expect(bucketOf(h, h.endMs)).toBe(19);
    expect(bucketOf(h, h.endMs + 1)).toBe(-1);
    expect(worstSeverity({ info: 1, warn: 1, error: 0 })).toBe('warn');
    expect(worstSeverity({ info: 0, warn: 0, error: 0 })).toBeUndefined();
    expect(histogram([], 10).max).toBe(0);
  });
});

describe('time formatting', () => {
  const zones = { device: 'America/Denver', local: 'Europe/Berlin' };
  const t = Date.UTC(2026, 10, 20, 14, 2, 11, 123);
  it('shows UTC with Z, the device zone and the local zone with their offsets', () => {
    expect(rowTime(t, 'utc', zones)).toEqual({ date: '11-20', time: '14:02:11.123Z' });
    expect(rowTime(t, 'device', zones)).toEqual({ date: '11-20', time: '07:02:11.123-0700' });
    expect(rowTime(t, 'local', zones, true)).toEqual({ date: '2026-11-20', time: '15:02:11.123+0100' });
    expect(crossesYear(t, Date.UTC(2027, 0, 1), 'utc', zones)).toBe(true);
    expect(crossesYear(t, Date.UTC(2026, 11, 31, 23), 'utc', zones)).toBe(false);
    expect(crossesYear(t, Date.UTC(2026, 11, 31, 23), 'local', zones)).toBe(true);
    expect(formatTime(t, 'utc', zones, 456)).toBe('2026-11-20T14:02:11.123456Z');
    expect(formatTime(t, 'device', zones)).toBe('2026-11-20T07:02:11.123-07:00');
  });
  it('cycles UTC → device → local → UTC, skipping the device zone when unknown', () => {
    expect(nextTimeMode('utc', zones)).toBe('device');
    expect(nextTimeMode('device', zones)).toBe('local');
    expect(nextTimeMode('local', zones)).toBe('utc');
    expect(nextTimeMode('utc', { device: undefined, local: 'UTC' })).toBe('local');
    expect(zoneOf('utc', zones)).toBeUndefined();
    expect(timeModeLabel('device', zones)).toBe('America/Denver (device)');
    expect(timeModeLabel('utc', zones)).toBe('UTC');
  });
});

describe('detail selectors', () => {
  it('lists an event with its raw record reference and every field', () => {
    const s = storeFor(cert).getState();
    const e = s.analysis.timeline.find((x) => Object.keys(x.fields).length > 0)!;
    const lines = eventDetailLines(e, 'utc', s.zones);
    expect(lines.find((l) => l.label === 'raw record')?.value).toBe(rawRefText(e.raw));
    for (const k of Object.keys(e.fields)) expect(lines.some((l) => l.label === k)).toBe(true);
    expect(rawRefText({ file: 'a.log', line: 3, endLine: 5 })).toBe('a.log:3-5');
    expect(rawRefText({ file: 'a.json', pointer: '/3' })).toBe('a.json#/3');
  });

  it("lists a hypothesis' evidence with the events it cites", () => {
    const s = storeFor(cert).getState();
    const h = s.analysis.hypotheses[0]!;
    const lines = hypothesisEvidence(s, h.id);
    expect(lines).toHaveLength(h.evidence.length);
    expect(lines.every((l) => l.event?.id === l.eventId)).toBe(true);
    expect(hypothesisEvidence(s, 'nope')).toEqual([]);
  });

  it('counts supporting, contradicting and unknown evidence', () => {
    const ev = (supports: boolean) => ({ eventId: 'e', supports, why: 'w' });
    const h = { ...storeFor(cert).getState().analysis.hypotheses[0]!, evidence: [ev(true), ev(false), ev(true), ev(true), ev(false)], unknown: ['no MDM record'] };
    expect(evidenceCounts(h)).toEqual({ supports: 3, contradicts: 2, unknown: 1 });
    expect(evidenceCounts({ ...h, evidence: [], unknown: [] })).toEqual({ supports: 0, contradicts: 0, unknown: 0 });
  });
});

describe('runbook selectors', () => {
  it("gives the selected hypothesis' steps, the next step marked, with exact probe commands", () => {
    const s = storeFor(cert).getState();
    expect(selectedHypothesis(s)?.id).toBe('cert-chain-break');
    const steps = runbookSteps(s);
    const next = steps.find((x) => x.isNext)!;
    expect(next.title).toBe(s.analysis.hypotheses[0]!.next.title);
    expect(next.command).toBe(s.analysis.hypotheses[0]!.next.command);
    expect(selectedStep(s)).toBe(next);
    expect(steps.find((x) => x.kind === 'command')).toBeDefined();
    expect(stepProgress([{ ...next, mark: 'done' }, { ...next, mark: 'skipped' }, next])).toEqual({ done: 1, skipped: 1, total: 3 });
  });

  it('maps probe steps to allow-listed commands and says why others cannot run', () => {
    const c = stepCommand('sntp');
    expect(typeof c === 'string' ? c : c.name).toBe('sntp');
    expect(stepCommand(undefined)).toMatch(/run it yourself/);
    expect(stepCommand('rm-rf')).toMatch(/not an allow-listed probe/);
  });
});

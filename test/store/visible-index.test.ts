import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Severity, SourceName, TimelineEvent } from '../../src/model/event.js';
import { histogram } from '../../src/store/selectors/histogram.js';
import { eventMatches, searchPattern } from '../../src/store/selectors/matches.js';
import { searchHits } from '../../src/store/selectors/search.js';
import { SEVERITIES, visibleTimeline } from '../../src/store/selectors/timeline.js';
import { handAnalysis } from '../helpers/analysis.js';

const SOURCES: readonly SourceName[] = ['jamf', 'okta', 'device'];
import type { Filters } from '../../src/store/types.js';
import type { Analysis } from '../../src/model/analysis.js';

const WORDS = ['trust', 'Trust', 'tls', 'mdm', 'sso', 'okta', 'clock'];

const eventArb = fc.record({
  dt: fc.nat({ max: 50 }),
  source: fc.constantFrom<SourceName>(...SOURCES),
  severity: fc.constantFrom<Severity>(...SEVERITIES),
  word: fc.constantFrom(...WORDS),
});

/** A time-ordered timeline (equal instants included) from generated steps. */
function timelineOf(steps: { dt: number; source: SourceName; severity: Severity; word: string }[]): TimelineEvent[] {
  let t = Date.UTC(2026, 10, 20);
  return steps.map((s, i) => {
    t += s.dt;
    return { id: `e${i}`, epochMs: t, originalTime: '', source: s.source, kind: `${s.source}.x`, generic: 'x', severity: s.severity, summary: `${s.word} ${i}`, keys: {}, raw: { file: 'x' }, fields: {} };
  });
}

const filtersArb = fc.record({
  sources: fc.record({ jamf: fc.boolean(), okta: fc.boolean(), device: fc.boolean() }),
  minSeverity: fc.constantFrom<Severity>(...SEVERITIES),
});

function analysisOf(timeline: TimelineEvent[]): Analysis {
  return { ...handAnalysis({ timeline: [] }), sources: [], timeline };
}

/** The histogram as counted event by event (what histogram() computes with binary searches). */
function countedHistogram(list: TimelineEvent[], width: number) {
  const buckets = Array.from({ length: width }, () => ({ info: 0, warn: 0, error: 0 }));
  const startMs = list[0]?.epochMs ?? 0;
  const endMs = list.at(-1)?.epochMs ?? 0;
  const span = Math.max(1, endMs - startMs + 1);
  for (const e of list) buckets[Math.min(width - 1, Math.floor(((e.epochMs - startMs) / span) * width))]![e.severity]++;
  return { startMs, endMs, buckets, max: Math.max(0, ...buckets.map((b) => b.info + b.warn + b.error)) };
}

const plainFilter = (timeline: TimelineEvent[], f: Filters) =>
  timeline.filter((e) => f.sources[e.source] && SEVERITIES.indexOf(e.severity) >= SEVERITIES.indexOf(f.minSeverity));

describe('filtered timelines read through to the timeline (visible-index.ts)', () => {
  it('hold exactly the events a plain filter keeps, in order, whichever way they are read', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 120 }), filtersArb, fc.array(fc.nat(), { maxLength: 20 }), (steps, filters, probes) => {
        const timeline = timelineOf(steps);
        const expected = plainFilter(timeline, filters);
        const list = visibleTimeline({ analysis: analysisOf(timeline), filters });
        expect(list.length).toBe(expected.length);
        expect([...list]).toEqual(expected); // in order, one by one
        for (const p of probes) {
          const k = expected.length === 0 ? 0 : p % expected.length;
          expect(list[k]).toBe(expected[k]); // random access
          expect(list[k - 1]).toBe(expected[k - 1]); // a step back
        }
        expect(list.slice(2, 7)).toEqual(expected.slice(2, 7));
        expect(list[expected.length]).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('give the search hits and the histogram a plain filtered list would', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 120 }), filtersArb, fc.constantFrom(...WORDS), fc.integer({ min: 1, max: 40 }), (steps, filters, query, width) => {
        const timeline = timelineOf(steps);
        const analysis = analysisOf(timeline);
        const expected = plainFilter(timeline, filters);
        const list = visibleTimeline({ analysis, filters });
        expect([...searchHits({ analysis, filters, search: { query, draft: undefined } })]).toEqual(expected.flatMap((e, i) => (eventMatches(e, searchPattern(query) as RegExp) ? [i] : [])));
        expect(histogram(list, width)).toEqual(countedHistogram(expected, width));
      }),
      { numRuns: 300 },
    );
  });
});

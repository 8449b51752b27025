/**
 * Live batches in the console cost the batch (issue 12): the store pushes in-order batches onto its own
 * timeline array, and the selectors a frame uses extend what they computed over the appended tail.
 * Appending must give exactly what building from scratch gives, out-of-order batches included.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rankAnalysis } from '../../src/diagnosis/rank-analysis.js';
import type { Analysis } from '../../src/model/analysis.js';
import { EMPTY_CONTEXT } from '../../src/model/context.js';
import { compareEvents, type Severity, type SourceName, type TimelineEvent } from '../../src/model/event.js';
import { createConsoleStore, type ConsoleStore } from '../../src/store/create-console-store.js';
import { histogram } from '../../src/store/selectors/histogram.js';
import { eventMatches, searchPattern } from '../../src/store/selectors/matches.js';
import { readingNotes } from '../../src/store/selectors/reading-notes.js';
import { searchHits } from '../../src/store/selectors/search.js';
import { SEVERITIES, timelineWindow, visibleTimeline } from '../../src/store/selectors/timeline.js';
import type { ConsoleState, Filters } from '../../src/store/types.js';
import { handAnalysis } from '../helpers/analysis.js';
import { builtinModel } from '../helpers/console-fixtures.js';

const active = await builtinModel();
const SOURCES: readonly SourceName[] = ['jamf', 'okta', 'device'];
const WORDS = ['trust', 'tls', 'mdm', 'sso'];
const T0 = Date.UTC(2026, 10, 20);

interface Step {
  /** Milliseconds after the latest event so far (negative: an arrival that reaches back in time). */
  dt: number;
  source: SourceName;
  severity: Severity;
  word: string;
}

const stepArb = fc.record({
  dt: fc.integer({ min: -40, max: 30 }),
  source: fc.constantFrom(...SOURCES),
  severity: fc.constantFrom(...SEVERITIES),
  word: fc.constantFrom(...WORDS),
});

let seq = 0;
function eventAt(epochMs: number, s: Omit<Step, 'dt'>): TimelineEvent {
  seq++;
  return { id: `e${seq}`, epochMs, originalTime: '', source: s.source, kind: `${s.source}.x`, generic: 'x', severity: s.severity, summary: `${s.word} ${seq}`, keys: {}, raw: { file: 'x' }, fields: {} };
}

/** Events from steps, in arrival order; `latest` is the latest instant so far (updated). */
function eventsOf(steps: readonly Step[], latest: { t: number }): TimelineEvent[] {
  return steps.map((s) => {
    const t = Math.max(T0, latest.t + s.dt);
    latest.t = Math.max(latest.t, t);
    return eventAt(t, s);
  });
}

function storeOf(timeline: TimelineEvent[]): ConsoleStore {
  return createConsoleStore({ analysis: handAnalysis({ timeline }), active, ctx: EMPTY_CONTEXT });
}

const filtersArb = fc.record({
  sources: fc.record({ jamf: fc.boolean(), okta: fc.boolean(), device: fc.boolean() }),
  minSeverity: fc.constantFrom(...SEVERITIES),
  matching: fc.constantFrom(undefined, ...WORDS),
});

/** What the frame computes from the store: the rows, the search hits, the histogram. */
function frameOf(s: Pick<ConsoleState, 'analysis' | 'filters' | 'search' | 'cursor' | 'top'>, width: number) {
  const list = visibleTimeline(s);
  return { rows: [...list], hits: [...searchHits(s)], histogram: histogram(list, width), window: timelineWindow(s, 5).rows.map((e) => e.id) };
}

/** The same, counted event by event over plain arrays. */
function expectedFrame(timeline: readonly TimelineEvent[], filters: Filters, query: string, width: number) {
  const matches = (e: TimelineEvent, q: string | undefined) => !q || eventMatches(e, searchPattern(q) as RegExp);
  const rows = timeline.filter((e) => filters.sources[e.source] !== false && SEVERITIES.indexOf(e.severity) >= SEVERITIES.indexOf(filters.minSeverity) && matches(e, filters.matching));
  const hits = query === '' ? [] : rows.flatMap((e, i) => (matches(e, query) ? [i] : []));
  const buckets = Array.from({ length: width }, () => ({ info: 0, warn: 0, error: 0 }));
  const startMs = rows[0]?.epochMs ?? 0;
  const endMs = rows.at(-1)?.epochMs ?? 0;
  const span = Math.max(1, endMs - startMs + 1);
  for (const e of rows) buckets[Math.min(width - 1, Math.floor(((e.epochMs - startMs) / span) * width))]![e.severity]++;
  const max = Math.max(0, ...buckets.map((b) => b.info + b.warn + b.error));
  return { rows, hits, histogram: { startMs, endMs, buckets, max } };
}

describe('appending live batches gives what building from scratch gives', () => {
  it('rows, search hits, histogram, sources and ranking, in-order and out-of-order batches, with the frame read between batches', () => {
    fc.assert(
      fc.property(
        fc.array(stepArb, { maxLength: 40 }),
        fc.array(fc.array(stepArb, { minLength: 1, maxLength: 8 }), { maxLength: 6 }),
        filtersArb,
        fc.constantFrom('', ...WORDS),
        fc.integer({ min: 1, max: 30 }),
        (first, batches, filters, query, width) => {
          const latest = { t: T0 };
          const initial = eventsOf(first, latest);
          const store = storeOf(initial);
          store.setState({ filters, search: { query, draft: undefined } });
          const arrived = [...initial];
          for (const steps of batches) {
            frameOf(store.getState(), width); // what a frame computes, so the next batch extends it
            const batch = eventsOf(steps, latest);
            arrived.push(...batch);
            store.getState().appendEvents(batch);
          }
          const s = store.getState();
          // Stable: on equal instants, the events that were there first come first.
          const timeline = [...arrived].sort(compareEvents);
          expect(s.analysis.timeline).toEqual(timeline);
          const { window: _shown, ...frame } = frameOf(s, width);
          expect(frame).toEqual(expectedFrame(timeline, filters, query, width));
          // A copy of the final timeline has no history: its frame is computed from scratch.
          const scratch = { ...s, analysis: { ...s.analysis, timeline: [...s.analysis.timeline] } };
          expect(frameOf(s, width)).toEqual(frameOf(scratch, width));
          for (const name of SOURCES) expect(s.analysis.sources.find((x) => x.name === name)?.events).toBe(timeline.filter((e) => e.source === name).length);
          expect(readingNotes(s)).toEqual(readingNotes(scratch));
          const fresh = rankAnalysis(scratch.analysis, active, { macReachable: false });
          expect(s.analysis.hypotheses).toEqual(fresh);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('an analysis held across a live batch keeps its own events', () => {
    const store = storeOf(eventsOf([{ dt: 0, source: 'okta', severity: 'info', word: 'sso' }], { t: T0 }));
    const latest = { t: T0 + 10 };
    store.getState().appendEvents(eventsOf([{ dt: 1, source: 'okta', severity: 'info', word: 'tls' }], latest));
    const held: Analysis = store.getState().analysis;
    const ids = held.timeline.map((e) => e.id);
    store.getState().appendEvents(eventsOf([{ dt: 1, source: 'jamf', severity: 'error', word: 'mdm' }], latest));
    expect(held.timeline.map((e) => e.id)).toEqual(ids);
    expect(store.getState().analysis.timeline).toHaveLength(ids.length + 1);
  });
});

/** Events that count every read of their properties: what a selector or the store looks at. */
function countedEvents(n: number, reads: { n: number }, start: number): TimelineEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const e = eventAt(start + i * 10, { source: SOURCES[i % 3]!, severity: SEVERITIES[i % 3]!, word: WORDS[i % 4]! });
    return new Proxy(e, {
      get(target, key, receiver) {
        reads.n++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
  });
}

describe('a live batch costs the batch, not the timeline', () => {
  const BATCH = 20;

  /** Event reads by one live batch and the frame after it, on a console of `n` events with a filter and a search. */
  function readsForOneBatch(n: number): { reads: number; reused: boolean } {
    const reads = { n: 0 };
    const store = storeOf(countedEvents(n, reads, T0));
    store.setState({ filters: { sources: { jamf: false }, minSeverity: 'warn', matching: 'tls|mdm' }, search: { query: 'mdm', draft: undefined } });
    const frame = () => {
      const s = store.getState();
      frameOf(s, 80);
      readingNotes(s);
    };
    frame();
    // The first batch copies the array the store was handed (once per session): count the next one.
    store.getState().appendEvents(countedEvents(BATCH, reads, T0 + n * 10));
    frame();
    const before = store.getState().analysis.timeline;
    reads.n = 0;
    store.getState().appendEvents(countedEvents(BATCH, reads, T0 + (n + BATCH) * 10));
    frame();
    return { reads: reads.n, reused: store.getState().analysis.timeline === before };
  }

  it('reads the same events whether the timeline holds 2,000 or 50,000, and never copies it', () => {
    const small = readsForOneBatch(2_000);
    const large = readsForOneBatch(50_000);
    // Only binary searches (cursor, window) depend on the length: a few reads per doubling.
    expect(large.reads - small.reads).toBeLessThan(120);
    expect(large.reads).toBeLessThan(60 * BATCH);
    expect(small.reused && large.reused).toBe(true);
  });
});

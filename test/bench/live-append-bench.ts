import { loadDiagnosisModel } from '../../src/config/diagnosis-packs.js';
import { EMPTY_CONTEXT } from '../../src/model/context.js';
import type { TimelineEvent } from '../../src/model/event.js';
import { createConsoleStore, type ConsoleStore } from '../../src/store/create-console-store.js';
import { histogram } from '../../src/store/selectors/histogram.js';
import { searchHits } from '../../src/store/selectors/search.js';
import { timelineWindow, visibleTimeline } from '../../src/store/selectors/timeline.js';
import { figure, median, type BenchFigure } from './figure.js';
import { syntheticAnalysis } from './synthetic-analysis.js';

const BATCH = 100;
const RUNS = 20;

/** A live batch of device log lines after `from`, 1 ms apart. */
function batchAfter(from: number, run: number): TimelineEvent[] {
  return Array.from({ length: BATCH }, (_, i) => ({
    id: `device:live:${run}:${i}`,
    epochMs: from + i + 1,
    originalTime: '',
    source: 'device',
    kind: 'device.log',
    generic: 'endpoint.log',
    severity: i % 10 === 0 ? 'error' : 'info',
    summary: `trustd: live line ${run}.${i}`,
    keys: {},
    raw: { file: 'device/live.log', line: i + 1 },
    fields: {},
    deviceClock: true,
  }));
}

/** What one frame of the console computes from the store: the rows on screen, the histogram, the search hits. */
function frame(store: ConsoleStore): void {
  const s = store.getState();
  timelineWindow(s, 40);
  histogram(visibleTimeline(s), 200);
  searchHits(s);
}

/** Until a ranking the store runs in slices has ended (a million events are ranked between keys). */
export async function rankingDone(store: ConsoleStore): Promise<void> {
  while (store.getState().ranking === 'ranking') await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Figure 6c: a live batch of 100 events joining a console of 1,000,000 events (with a source filter
 * and a search), re-ranked, and the frame after it (window, histogram, hits), median of 20 batches.
 */
export async function benchLiveAppend(): Promise<BenchFigure> {
  const analysis = syntheticAnalysis(1_000_000);
  const store = createConsoleStore({ analysis, active: await loadDiagnosisModel({}), ctx: EMPTY_CONTEXT });
  await rankingDone(store);
  store.setState({ filters: { sources: { jamf: false }, minSeverity: 'info' }, search: { query: 'trustd', draft: undefined } });
  frame(store);
  let last = analysis.timeline.at(-1)!.epochMs;
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const batch = batchAfter(last, run);
    last += BATCH;
    const t0 = performance.now();
    store.getState().appendEvents(batch);
    frame(store);
    times.push(performance.now() - t0);
  }
  return figure(`6c. console: a live batch of ${BATCH} events joins 1,000,000, re-ranked, and the next frame's window, histogram and search hits (median of ${RUNS})`, median(times), 'ms', 16);
}

import type { Analysis, Hypothesis, SourceSummary } from '../../model/analysis.js';
import type { SourceName, TimelineEvent } from '../../model/event.js';
import { AnalysisDiagnosis } from '../../diagnosis/rank-analysis.js';
import { refAt } from '../event-ref.js';
import { visibleTimeline } from '../selectors/timeline.js';
import { TimelineLog } from '../timeline-log.js';
import type { DataSlice, SliceArgs, SourceLoad } from '../types.js';

export function loadOf(summary: SourceSummary | undefined): SourceLoad {
  if (!summary) return { state: 'missing', events: 0 };
  return summary.error !== undefined ? { state: summary.status, events: summary.events, text: summary.error } : { state: summary.status, events: summary.events };
}

export function loadsOf(analysis: Analysis, keep?: Record<SourceName, SourceLoad>): Record<SourceName, SourceLoad> {
  const out: Record<SourceName, SourceLoad> = {};
  for (const summary of analysis.sources) {
    const kept = keep?.[summary.name];
    out[summary.name] = kept?.state === 'loading' ? kept : loadOf(summary);
  }
  return out;
}

function countBySource(events: readonly TimelineEvent[]): Map<SourceName, number> {
  const n = new Map<SourceName, number>();
  for (const e of events) n.set(e.source, (n.get(e.source) ?? 0) + 1);
  return n;
}

/**
 * Work (events indexed or tested, src/diagnosis/steps.ts) a ranking from scratch may do before the
 * console reads its keys again: the scenario bundles rank at once; a million events go on in slices.
 */
const RANK_AT_ONCE = 200_000;
/** Work per slice of a long ranking, between two turns of the event loop (keys, signals, frames). */
const RANK_SLICE = 16_384;

export function dataSlice({ set, get, init }: SliceArgs): DataSlice {
  const log = new TimelineLog(init.analysis.timeline);
  const diagnosis = new AnalysisDiagnosis(init.active, init.analysis);
  const macReachable = init.probes !== undefined;
  let slice: NodeJS.Immediate | undefined;

  /** The log holds the shown analysis' timeline: one set from elsewhere (a test, a probe's output) brings its own array. */
  const follow = (analysis: Analysis): void => {
    if (analysis.timeline !== log.current) log.reset(analysis.timeline);
  };
  const withHypotheses = (analysis: Analysis, hypotheses: Hypothesis[]): Analysis => {
    follow(analysis);
    return log.publish({ ...analysis, hypotheses });
  };

  /** One slice of a long ranking; the last one shows its hypotheses. It never keeps the process alive (a quit does not wait for it). */
  const runSlice = (): void => {
    slice = undefined;
    if (!diagnosis.advance(RANK_SLICE)) return schedule();
    set({ analysis: withHypotheses(get().analysis, diagnosis.rank({ macReachable })), ranking: 'ranked' });
  };
  const schedule = (): void => {
    if (slice !== undefined) return;
    slice = setImmediate(runSlice);
    slice.unref();
  };

  /**
   * `analysis` ranked after the diagnosis was updated: at once when the work left is small, else with
   * `previous` hypotheses shown as `ranking` while the rest runs in slices (a newer start replaces it).
   */
  const rankedState = (analysis: Analysis, previous: Hypothesis[]): Pick<DataSlice, 'analysis' | 'ranking'> => {
    if (diagnosis.advance(RANK_AT_ONCE)) return { analysis: withHypotheses(analysis, diagnosis.rank({ macReachable })), ranking: 'ranked' };
    schedule();
    return { analysis: withHypotheses(analysis, previous), ranking: 'ranking' };
  };

  /** A new analysis, from elsewhere than a live batch: the log holds its timeline (not to be grown in place). */
  const adopt = (analysis: Analysis, added?: readonly TimelineEvent[]): Pick<DataSlice, 'analysis' | 'ranking'> => {
    log.reset(analysis.timeline);
    diagnosis.update(analysis, added);
    return rankedState(analysis, get().analysis.hypotheses);
  };

  return {
    ...rankedState(init.analysis, []),
    diagnosis,
    macReachable,
    active: init.active,
    ctx: init.ctx,
    sourceStates: loadsOf(init.analysis),
    setSourceState(name, load) {
      set((s) => ({ sourceStates: { ...s.sourceStates, [name]: load } }));
    },
    appendEvents(events) {
      if (events.length === 0) return;
      const s = get();
      // Pin an implicit position (the first row) to its event, so earlier arrivals do not move it.
      const visible = visibleTimeline(s);
      const cursor = s.cursor ?? refAt(visible, 0);
      const top = s.top ?? refAt(visible, 0);
      const added = countBySource(events);
      // Events only come from sources the analysis lists (every registered one, missing or not).
      const sources = s.analysis.sources.map((old) => ({ ...old, events: old.events + (added.get(old.name) ?? 0) }));
      follow(s.analysis);
      // Read before the array grows: read after, the shown analysis' timeline would be a copy of its own length.
      const fields = { ...s.analysis, sources };
      log.append(events);
      const next = log.publish(fields);
      diagnosis.update(next, events);
      // While a long ranking runs, the batch joins it when it ends.
      const ranking = diagnosis.ready ? { analysis: withHypotheses(next, diagnosis.rank({ macReachable })), ranking: 'ranked' as const } : { analysis: next };
      const sourceStates = { ...s.sourceStates };
      for (const [name, count] of added) {
        const prev = sourceStates[name] ?? { state: 'missing', events: 0 };
        sourceStates[name] = { ...prev, state: prev.state === 'missing' ? 'ok' : prev.state, events: prev.events + count };
      }
      set({ ...ranking, cursor, top, sourceStates });
    },
    replaceAnalysis(analysis) {
      const s = get();
      const next = adopt(analysis);
      set({ ...next, sourceStates: loadsOf(next.analysis, s.sourceStates) });
    },
    rerank(analysis, added) {
      set(adopt(analysis, added));
    },
  };
}

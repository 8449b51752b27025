import type { Analysis, SourceSummary } from '../../model/analysis.js';
import { compareEvents, type SourceName, type TimelineEvent } from '../../model/event.js';
import { AnalysisDiagnosis } from '../../diagnosis/rank-analysis.js';
import { mergeSortedRuns } from '../../timeline/merge.js';
import { refAt } from '../event-ref.js';
import { visibleTimeline } from '../selectors/timeline.js';
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

/** Merges time-ordered `extra` into time-ordered `base` (stable: earlier events first on ties). */
export function mergeInOrder(base: readonly TimelineEvent[], extra: readonly TimelineEvent[]): TimelineEvent[] {
  const add = [...extra].sort(compareEvents);
  const last = base[base.length - 1];
  if (add.length === 0) return [...base];
  // Live arrivals are usually all after the end: no merge needed.
  if (!last || compareEvents(last, add[0]!) <= 0) return [...base, ...add];
  return mergeSortedRuns([base, add]);
}

function countBySource(events: readonly TimelineEvent[]): Map<SourceName, number> {
  const n = new Map<SourceName, number>();
  for (const e of events) n.set(e.source, (n.get(e.source) ?? 0) + 1);
  return n;
}

/**
 * The analysis re-ranked. `added`: the events it has beyond the previous analysis, when nothing else
 * moved (a live batch, a probe's output); then only the findings those events touch are looked at again.
 */
export function ranked(analysis: Analysis, args: Pick<DataSlice, 'diagnosis' | 'macReachable'>, added?: readonly TimelineEvent[]): Analysis {
  args.diagnosis.update(analysis, added);
  return { ...analysis, hypotheses: args.diagnosis.rank({ macReachable: args.macReachable }) };
}

export function dataSlice({ set, get, init }: SliceArgs): DataSlice {
  const diagnosis = new AnalysisDiagnosis(init.active, init.analysis);
  const macReachable = init.probes !== undefined;
  const analysis = { ...init.analysis, hypotheses: diagnosis.rank({ macReachable }) };
  return {
    analysis,
    diagnosis,
    macReachable,
    active: init.active,
    ctx: init.ctx,
    sourceStates: loadsOf(analysis),
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
      const next = ranked({ ...s.analysis, timeline: mergeInOrder(s.analysis.timeline, events), sources }, s, events);
      const sourceStates = { ...s.sourceStates };
      for (const [name, count] of added) {
        const prev = sourceStates[name] ?? { state: 'missing', events: 0 };
        sourceStates[name] = { ...prev, state: prev.state === 'missing' ? 'ok' : prev.state, events: prev.events + count };
      }
      set({ analysis: next, cursor, top, sourceStates });
    },
    replaceAnalysis(analysis) {
      const s = get();
      const next = ranked(analysis, s);
      set({ analysis: next, sourceStates: loadsOf(next, s.sourceStates) });
    },
  };
}

import { eventAt, locate, refAt, refOf } from '../event-ref.js';
import { keyScope } from '../scope.js';
import { eventDetailLines, hypothesisEvidence } from '../selectors/detail.js';
import { fleetLines } from '../selectors/fleet.js';
import { readingNotes } from '../selectors/reading-notes.js';
import { selectedHypothesisIndex } from '../selectors/hypotheses.js';
import { runbookSteps, selectedStep } from '../selectors/runbook.js';
import { searchPattern } from '../selectors/matches.js';
import { indexInSorted, nextInSorted, searchHits } from '../selectors/search.js';
import { visibleTimeline, windowStart } from '../selectors/timeline.js';
import type { ConsoleState, NavigationSlice, Overlay, SliceArgs } from '../types.js';
import { refit } from './view.js';

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** The timeline cursor on row `index` of the visible list, scrolled as little as needed. */
export function cursorAt(s: ConsoleState, index: number): Partial<ConsoleState> {
  const list = visibleTimeline(s);
  const i = clamp(index, 0, list.length - 1);
  const start = windowStart(list.length, i, Math.max(0, locate(list, s.top)), s.timelineRows);
  const cursor = refAt(list, i);
  return { cursor, anchor: cursor, top: refAt(list, start) };
}

function moveOverlay(s: ConsoleState, o: Overlay, delta: number): Overlay {
  // The last page of the help is full: its offset stops where the last entry reaches the bottom row.
  if (o.kind === 'help') return { ...o, offset: clamp(o.offset + delta, 0, Math.max(0, o.lines - s.overlayRows)) };
  if (o.kind === 'notes') return { ...o, offset: clamp(o.offset + delta, 0, Math.max(0, readingNotes(s).length - s.overlayRows)) };
  if (o.kind === 'fleet') return { ...o, offset: clamp(o.offset + delta, 0, Math.max(0, fleetLines(s).length - 1)) };
  if (o.kind === 'hypothesis') return { ...o, line: clamp(o.line + delta, 0, Math.max(0, hypothesisEvidence(s, o.hypothesisId).length - 1)) };
  if (o.kind === 'event') {
    const e = eventAt(s.analysis.timeline, o.ref);
    const lines = e ? eventDetailLines(e, s.timeMode, s.zones).length : 1;
    return { ...o, offset: clamp(o.offset + delta, 0, lines - 1) };
  }
  return o;
}

function moveBy(s: ConsoleState, delta: number): Partial<ConsoleState> {
  const scope = keyScope(s);
  if (s.overlay) return { overlay: moveOverlay(s, s.overlay, delta) };
  if (scope === 'guided') return { guidedOffset: clamp(s.guidedOffset + delta, 0, s.guidedMaxOffset) };
  if (scope === 'hypotheses') {
    const list = s.analysis.hypotheses;
    const h = list[clamp(selectedHypothesisIndex(s) + delta, 0, list.length - 1)];
    return h ? { selectedHypothesis: h.id, selectedStep: null } : {};
  }
  if (scope === 'runbook') {
    const steps = runbookSteps(s);
    const current = selectedStep(s);
    const i = current ? steps.indexOf(current) : 0;
    const step = steps[clamp(i + delta, 0, steps.length - 1)];
    return step ? { selectedStep: step.key } : {};
  }
  const list = visibleTimeline(s);
  return list.length === 0 ? {} : cursorAt(s, locate(list, s.cursor) + delta);
}

export function navigationSlice({ set, get }: SliceArgs): NavigationSlice {
  const moveAndSay = (delta: number) => set({ ...moveBy(get(), delta), message: null });
  return {
    move: moveAndSay,
    halfPage(direction) {
      moveAndSay(direction * Math.max(1, Math.floor(get().timelineRows / 2)));
    },
    edge(direction) {
      moveAndSay(direction * Number.MAX_SAFE_INTEGER);
    },
    jumpToEvent(id) {
      const s = get();
      const e = s.analysis.timeline.find((x) => x.id === id);
      if (!e) return set({ message: 'that event is no longer in the timeline' });
      const hidden = eventAt(visibleTimeline(s), refOf(e)) === undefined;
      const filters = hidden ? { sources: Object.fromEntries(Object.keys(s.filters.sources).map((source) => [source, true])), minSeverity: 'info' as const } : s.filters;
      const next = { ...s, filters, overlay: null, guided: false, focus: 'timeline' as const, cursor: refOf(e) };
      set({ ...next, ...cursorAt(next, locate(visibleTimeline(next), next.cursor)), message: hidden ? 'filters cleared to show the event' : null });
    },
    activate() {
      const s = get();
      const scope = keyScope(s);
      const o = s.overlay;
      if (scope === 'search') return s.commitSearch();
      if (o?.kind === 'confirm') return void s.confirmRun();
      if (o?.kind === 'hypothesis') {
        const line = hypothesisEvidence(s, o.hypothesisId)[o.line];
        return line ? s.jumpToEvent(line.eventId) : undefined;
      }
      if (o) return set({ overlay: null });
      if (scope === 'guided') return s.setGuidedStage(s.guidedStage + 1);
      if (scope === 'runbook') return s.requestRun();
      if (scope === 'hypotheses') {
        const h = s.analysis.hypotheses[selectedHypothesisIndex(s)];
        return h ? set({ overlay: { kind: 'hypothesis', hypothesisId: h.id, line: 0 } }) : undefined;
      }
      const list = visibleTimeline(s);
      const e = list[locate(list, s.cursor)];
      if (e) set({ overlay: { kind: 'event', ref: refOf(e), offset: 0 } });
    },
    nextError(direction) {
      const s = get();
      const list = visibleTimeline(s);
      for (let i = locate(list, s.cursor) + direction; i >= 0 && i < list.length; i += direction) {
        if (list[i]!.severity === 'error') return set({ ...cursorAt(s, i), focus: 'timeline', message: null });
      }
      set({ message: direction === 1 ? 'no later error' : 'no earlier error' });
    },
    openSearch() {
      set({ search: { ...get().search, draft: '' } });
    },
    typeSearch(text) {
      const s = get();
      // Printable text only: a pasted escape sequence must not end up in the prompt.
      const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
      set({ search: { ...s.search, draft: (s.search.draft ?? '') + clean } });
    },
    eraseSearch() {
      const s = get();
      set({ search: { ...s.search, draft: Array.from(s.search.draft ?? '').slice(0, -1).join('') } });
    },
    commitSearch() {
      const s = get();
      const query = s.search.draft ?? s.search.query;
      const pattern = query === '' ? undefined : searchPattern(query);
      if (pattern !== undefined && !(pattern instanceof RegExp)) return set({ search: { ...s.search, draft: undefined }, message: `search /${query}/ ${pattern.error}` });
      // Showing only matches follows the search: to the new query's matches, or all events when it is cleared.
      const filtered = s.filters.matching ? { ...s, ...refit(s, { ...s.filters, matching: query }) } : s;
      const next = { ...filtered, search: { query, draft: undefined } };
      const hits = searchHits(next);
      const list = visibleTimeline(next);
      const from = locate(list, s.cursor);
      const first = indexInSorted(hits, from) !== -1 ? from : nextInSorted(hits, from, 1);
      const message = next.search.query === '' ? null : hits.length === 0 ? `no match for "${next.search.query}"` : `${hits.length} matches`;
      set({ search: next.search, filters: next.filters, ...(first !== undefined ? { ...cursorAt(next, first), focus: 'timeline' } : {}), message });
    },
    toggleMatchesOnly() {
      const s = get();
      if (s.filters.matching) return set({ ...refit(s, { ...s.filters, matching: '' }), message: 'showing all events' });
      if (s.search.query === '') return set({ message: 'no search to show the matches of: press / first' });
      const view = refit(s, { ...s.filters, matching: s.search.query });
      set({ ...view, message: `showing only the matches of /${s.search.query}/ (m again: all events)` });
    },
    cancelSearch() {
      set({ search: { ...get().search, draft: undefined } });
    },
    nextHit(direction) {
      const s = get();
      const hits = searchHits(s);
      if (s.search.query === '') return set({ message: 'no search: press / first' });
      const from = locate(visibleTimeline(s), s.cursor);
      const to = nextInSorted(hits, from, direction);
      if (to === undefined) return set({ message: `no match for "${s.search.query}"` });
      const wrapped = direction === 1 ? to <= from : to >= from;
      const note = wrapped ? (direction === 1 ? ' · search wrapped to the first match' : ' · search wrapped to the last match') : '';
      set({ ...cursorAt(s, to), focus: 'timeline', message: `match ${indexInSorted(hits, to) + 1}/${hits.length}${note}` });
    },
    escape() {
      const s = get();
      if (s.search.draft !== undefined) return s.cancelSearch();
      if (s.overlay) return set({ overlay: null });
      if (s.run.state === 'running') return s.cancelRun();
      if (s.guided) set({ guided: false });
    },
  };
}

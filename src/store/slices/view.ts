import type { Severity, SourceName } from '../../model/event.js';
import type { TimelineEvent } from '../../model/event.js';
import { locate, refAt } from '../event-ref.js';
import { nextTimeMode } from '../selectors/time-format.js';
import { SEVERITIES, sourceShown, visibleTimeline, windowStart } from '../selectors/timeline.js';
import { PANES, type ConsoleState, type EventRef, type Filters, type SliceArgs, type ViewSlice } from '../types.js';

/** The index of the event nearest in time to `ref` (the event itself when it is in the list). */
function nearest(list: readonly TimelineEvent[], ref: EventRef): number {
  const i = locate(list, ref);
  if (i <= 0 || list[i]!.id === ref.id) return i;
  const later = list[i]!.epochMs >= ref.epochMs ? list[i]!.epochMs - ref.epochMs : Number.POSITIVE_INFINITY;
  return ref.epochMs - list[i - 1]!.epochMs <= later ? i - 1 : i;
}

/**
 * The cursor and scroll after the visible rows changed (filters): the cursor goes to the anchor event
 * (the one the engineer chose) when it is visible, else to the visible event nearest to it in time.
 */
export function refit(s: ConsoleState, filters: Filters): Partial<ConsoleState> {
  const list = visibleTimeline({ analysis: s.analysis, filters });
  const target = s.anchor ?? s.cursor;
  const cursorIndex = target === null ? locate(list, null) : nearest(list, target);
  const start = windowStart(list.length, cursorIndex, Math.max(0, locate(list, s.top)), s.timelineRows);
  return { filters, cursor: s.cursor === null ? null : refAt(list, cursorIndex), top: refAt(list, start) };
}

export function viewSlice({ set, get, init }: SliceArgs): ViewSlice {
  return {
    focus: 'timeline',
    cursor: null,
    anchor: null,
    top: null,
    timelineRows: 10,
    overlayRows: 10,
    filters: { sources: {}, minSeverity: 'info' },
    search: { query: '', draft: undefined },
    timeMode: 'utc',
    zones: { device: init.ctx.deviceTimeZone, local: init.localTimeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone },
    selectedHypothesis: null,
    overlay: null,
    message: null,
    setFocus(pane) {
      set({ focus: pane });
    },
    cycleFocus(delta) {
      const i = PANES.indexOf(get().focus);
      set({ focus: PANES[(i + delta + PANES.length) % PANES.length]! });
    },
    setOverlayRows(rows) {
      const overlayRows = Math.max(1, Math.floor(rows));
      if (overlayRows !== get().overlayRows) set({ overlayRows });
    },
    setTimelineRows(rows) {
      const s = get();
      const timelineRows = Math.max(1, Math.floor(rows));
      if (timelineRows === s.timelineRows) return;
      set({ ...refit({ ...s, timelineRows }, s.filters), timelineRows });
    },
    toggleSource(source: SourceName) {
      const s = get();
      const sources = { ...s.filters.sources, [source]: !sourceShown(s.filters, source) };
      set({ ...refit(s, { ...s.filters, sources }), message: `${source} ${sources[source] ? 'shown' : 'hidden'}` });
    },
    toggleSourceAt(position: number) {
      const source = get().analysis.sources[position];
      if (source) get().toggleSource(source.name);
      else set({ message: `no source ${position + 1}` });
    },
    cycleMinSeverity() {
      const s = get();
      const minSeverity: Severity = SEVERITIES[(SEVERITIES.indexOf(s.filters.minSeverity) + 1) % SEVERITIES.length]!;
      set({ ...refit(s, { ...s.filters, minSeverity }), message: `showing ${minSeverity} and above` });
    },
    cycleTimeMode() {
      const s = get();
      set({ timeMode: nextTimeMode(s.timeMode, s.zones) });
    },
    selectHypothesis(id) {
      set({ selectedHypothesis: id, selectedStep: null });
    },
    openHelp(lines) {
      set({ overlay: { kind: 'help', offset: 0, lines: Math.max(1, lines) } });
    },
    openNotes() {
      set({ overlay: { kind: 'notes', offset: 0 }, message: null });
    },
    closeOverlay() {
      set({ overlay: null });
    },
  };
}


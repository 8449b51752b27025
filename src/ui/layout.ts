import type { Pane } from '../store/types.js';

export interface Rect {
  width: number;
  height: number;
}

export interface Layout {
  columns: number;
  /** The frame's height: rows - 1, so Ink never clears the whole screen. */
  height: number;
  header: number;
  histogram: number;
  hints: number;
  /** The area under the header for panes and overlays. */
  body: Rect;
  /** Below 80x24: one pane at a time (the focused one fills the body). */
  single: boolean;
  panes: Record<Pane, Rect>;
}

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

/** Pane content rows: a pane spends one row on its title border and one on its bottom border. */
export function contentRows(r: Rect): number {
  return Math.max(0, r.height - 2);
}

/** `fleetLine`: the header has a third line (this device's failure seen across the organisation) when there is room. */
export function computeLayout(columns: number, rows: number, fleetLine = false): Layout {
  const width = Math.max(0, Math.floor(columns));
  const height = Math.max(0, Math.floor(rows) - 1);
  const hints = height >= 2 ? 1 : 0;
  const header = height >= 8 ? (fleetLine && height >= 16 ? 3 : 2) : height >= 3 ? 1 : 0;
  const histogram = height >= 12 ? 1 : 0;
  const body = { width, height: Math.max(0, height - header - histogram - hints) };
  const single = columns < MIN_COLUMNS || rows < MIN_ROWS;
  if (single) return { columns: width, height, header, histogram, hints, body, single, panes: { timeline: body, hypotheses: body, runbook: body } };
  const timelineHeight = Math.max(5, Math.round(body.height * 0.55));
  const bottom = body.height - timelineHeight;
  const left = Math.floor(width * 0.5);
  return {
    columns: width,
    height,
    header,
    histogram,
    hints,
    body,
    single,
    panes: { timeline: { width, height: timelineHeight }, hypotheses: { width: left, height: bottom }, runbook: { width: width - left, height: bottom } },
  };
}

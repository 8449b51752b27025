import { cellWidth, fitCells, wrapCells } from './cells.js';

/** `line` with a `…` at its end, cut to make room for it when it must be: the mark of text left out. */
export function markCut(line: string, width: number): string {
  return fitCells(`${line}…`, width);
}

/** Word-wrapped lines, at most `max`; when text is left over, the last line ends in `…`. */
export function wrapAtMost(text: string, width: number, max: number): string[] {
  const lines = wrapCells(text, width);
  if (lines.length <= max) return lines;
  if (max <= 0) return [];
  const kept = lines.slice(0, max);
  kept[max - 1] = markCut(kept[max - 1]!, width);
  return kept;
}

/** Text cut to at most `cells` cells, without a mark (the caller adds one). */
export function cutCells(text: string, cells: number): string {
  let out = '';
  let used = 0;
  for (const ch of text) {
    const w = cellWidth(ch);
    if (used + w > cells) break;
    out += ch;
    used += w;
  }
  return out;
}

import stringWidth from 'string-width';
import { cellWidth } from '../ink-frames/narrow.js';

/**
 * Terminal cell widths as Ink measures them (string-width, through the console's fast path for plain
 * lines): cutting and wrapping work on grapheme clusters, so an emoji sequence or a letter with its
 * combining marks is never split.
 */
export { cellWidth };

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function* graphemes(text: string): Generator<[grapheme: string, width: number]> {
  for (const { segment } of segmenter.segment(text)) yield [segment, stringWidth(segment)];
}

/** Cuts text to at most `width` cells, marking a cut with `…`. */
export function fitCells(text: string, width: number): string {
  if (width <= 0) return '';
  if (cellWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const [grapheme, gw] of graphemes(text)) {
    if (w + gw > width - 1) break;
    out += grapheme;
    w += gw;
  }
  return out + '…';
}

/** Exactly `width` cells: cut, or padded with spaces. */
export function padCells(text: string, width: number): string {
  const fitted = fitCells(text, width);
  return fitted + ' '.repeat(Math.max(0, width - cellWidth(fitted)));
}

/** Word-wraps text into lines of at most `width` cells (long words are cut into pieces). */
export function wrapCells(text: string, width: number): string[] {
  if (width <= 0) return [];
  const lines: string[] = [];
  let line = '';
  let w = 0;
  const push = () => {
    lines.push(line);
    line = '';
    w = 0;
  };
  for (const word of text.split(/\s+/).filter((x) => x !== '')) {
    const ww = cellWidth(word);
    if (w > 0 && w + 1 + ww > width) push();
    if (ww > width) {
      for (const [grapheme, gw] of graphemes(word)) {
        if (w + gw > width) push();
        line += grapheme;
        w += gw;
      }
      continue;
    }
    line += (w > 0 ? ' ' : '') + word;
    w += (w > 0 ? 1 : 0) + ww;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/**
 * Terminal cell widths: East Asian wide and fullwidth characters and most emoji take two cells,
 * combining marks none. Good enough to keep lines within the terminal; Ink truncates as a last resort.
 */

const COMBINING = /^[\p{Mn}\p{Me}\u200d\ufe00-\ufe0f]$/u;

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x7f) return cp < 0x20 ? 0 : 1;
  if (COMBINING.test(ch)) return 0;
  return isWide(cp) ? 2 : 1;
}

export function cellWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += charWidth(ch);
  return w;
}

/** Cuts text to at most `width` cells, marking a cut with `…`. */
export function fitCells(text: string, width: number): string {
  if (width <= 0) return '';
  if (text.length <= width && !/[^\u0020-\u007e]/.test(text)) return text;
  if (cellWidth(text) <= width) return text;
  let out = '';
  let w = 0;
  for (const ch of text) {
    const cw = charWidth(ch);
    if (w + cw > width - 1) break;
    out += ch;
    w += cw;
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
      for (const ch of word) {
        if (w + charWidth(ch) > width) push();
        line += ch;
        w += charWidth(ch);
      }
      continue;
    }
    line += (w > 0 ? ' ' : '') + word;
    w += (w > 0 ? 1 : 0) + ww;
  }
  if (line !== '') lines.push(line);
  return lines;
}

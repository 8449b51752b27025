import sliceAnsi from 'slice-ansi';
import type { StyledChar } from '@alcalzone/ansi-tokenize';
import { frameCache } from './frame-cache.js';
import { cellWidth, tokenizeLine } from './narrow.js';
import { styledCharsFromTokens, styledCharsToString } from './styled-chars.js';

/**
 * Ink's `Output` (ink/build/output.js, Ink 6.8.0), which the bundle uses in its place (see
 * bin/bundle-options.js): the same operations, clipping and cell placement, producing the same
 * string, but its work is kept across frames instead of redone for every one. Ink rebuilds each frame
 * from scratch: every line is cut into grapheme clusters, measured and turned into one object per cell,
 * and every row is turned back into a string by diffing the styles of each cell with the one before.
 * Here a row written exactly as before (the same lines at the same columns) reuses its string, lines
 * already seen are not tokenized or measured again, and plain lines skip Intl.Segmenter. At 200x60
 * that took a keypress from ~30 ms of frame building to ~1 ms (`npm run bench`, figure 4).
 * test/ui/ink-frames/output.test.ts checks it against Ink's own class.
 */

export type OutputTransformer = (line: string, index: number) => string;
export interface Clip {
  x1: number | undefined;
  x2: number | undefined;
  y1: number | undefined;
  y2: number | undefined;
}
type Operation = { type: 'write'; x: number; y: number; text: string; transformers: OutputTransformer[] } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

const BLANK: StyledChar = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) as unknown as StyledChar['styles'] });

const styledChars = frameCache((line: string) => styledCharsFromTokens(tokenizeLine(line)), 1000);
const widths = frameCache(cellWidth, 20000);
const widestLine = frameCache((text: string) => Math.max(0, ...text.split('\n').map(widths)));

/** Widest line of a block of text in cells: what `widest-line` computes, cached across frames. */
export function cachedWidestLine(text: string): number {
  return widestLine(text);
}

/** One row from what was written to it, in order (x, line, x, line…): Ink's cell placement and row string. */
function buildRow(width: number, placements: (number | string)[]): string {
  const cells: StyledChar[] = Array<StyledChar>(width).fill(BLANK);
  for (let i = 0; i < placements.length; i += 2) {
    let x = placements[i] as number;
    for (const character of styledChars(placements[i + 1] as string)) {
      cells[x] = character;
      const characterWidth = Math.max(1, widths(character.value));
      // The cells a wide character covers are empty, so the terminal's cursor and the row agree.
      for (let index = 1; index < characterWidth; index++) cells[x + index] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
      x += characterWidth;
    }
  }
  // A write past the right edge leaves holes; Ink drops them (https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742).
  return styledCharsToString(cells.filter((cell) => cell !== undefined)).trimEnd();
}

const rows = frameCache((key: string) => {
  const [width, ...placements] = JSON.parse(key) as [number, ...(number | string)[]];
  return buildRow(width, placements);
}, 2000);

export default class Output {
  readonly width: number;
  readonly height: number;
  private readonly operations: Operation[] = [];

  constructor(options: { width: number; height: number }) {
    this.width = options.width;
    this.height = options.height;
  }

  write(x: number, y: number, text: string, options: { transformers: OutputTransformer[] }): void {
    if (text) this.operations.push({ type: 'write', x, y, text, transformers: options.transformers });
  }

  clip(clip: Clip): void {
    this.operations.push({ type: 'clip', clip });
  }

  unclip(): void {
    this.operations.push({ type: 'unclip' });
  }

  get(): { output: string; height: number } {
    const placements: (number | string)[][] = Array.from({ length: this.height }, () => [this.width]);
    const clips: Clip[] = [];
    for (const operation of this.operations) {
      if (operation.type === 'clip') clips.push(operation.clip);
      if (operation.type === 'unclip') clips.pop();
      if (operation.type !== 'write') continue;
      const { text, transformers } = operation;
      let { x, y } = operation;
      let lines = text.split('\n');
      const clip = clips.at(-1);
      if (clip) {
        const { x1, x2, y1, y2 } = clip;
        const horizontally = typeof x1 === 'number' && typeof x2 === 'number';
        const vertically = typeof y1 === 'number' && typeof y2 === 'number';
        // Text entirely outside the clip is skipped.
        if (horizontally && (x + widestLine(text) < x1 || x > x2)) continue;
        if (vertically && (y + lines.length < y1 || y > y2)) continue;
        if (horizontally) {
          const left = x;
          lines = lines.map((line) => {
            const from = left < x1 ? x1 - left : 0;
            const width = widths(line);
            return sliceAnsi(line, from, left + width > x2 ? x2 - left : width);
          });
          if (x < x1) x = x1;
        }
        if (vertically) {
          const from = y < y1 ? y1 - y : 0;
          lines = lines.slice(from, y + lines.length > y2 ? y2 - y : lines.length);
          if (y < y1) y = y1;
        }
      }
      let offsetY = 0;
      for (let [index, line] of lines.entries()) {
        const row = placements[y + offsetY];
        // Text taller than the output has lines with no row.
        if (!row) continue;
        for (const transformer of transformers) line = transformer(line, index);
        row.push(x, line);
        offsetY++;
      }
    }
    return { output: placements.map((row) => rows(JSON.stringify(row))).join('\n'), height: placements.length };
  }
}

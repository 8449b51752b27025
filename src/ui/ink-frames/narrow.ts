import { tokenize, type Token } from '@alcalzone/ansi-tokenize';
import stringWidth from 'string-width';

/**
 * Characters that are one cell wide and a grapheme cluster each, whatever stands next to them: ASCII,
 * Latin, punctuation, arrows, maths, box drawing, blocks, shapes, braille, and the marks the console
 * draws (✓ ✗ ⏎). A line made only of these needs no Intl.Segmenter pass to be measured or cut into
 * cells: its width is its length. `narrowCharacterProblem` checks the claim against the installed
 * string-width and ansi-tokenize (the build and test/ui/ink-frames/narrow.test.ts run it).
 */
const NARROW = '\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u02FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u22FF\\u23CE\\u2500-\\u25FC\\u2713\\u2717\\u2800-\\u28FF';
const NARROW_TEXT = new RegExp(`^[${NARROW}]*$`, 'u');
const NARROW_CHAR = new RegExp(`^[${NARROW}]$`, 'u');
/** Narrow characters and escape sequences: the only lines `tokenizeLine` cuts without the segmenter. */
const NARROW_OR_ESCAPE = new RegExp(`^[\\u001B${NARROW}]*$`, 'u');
/** An SGR sequence as ansi-tokenize reads one (digits and semicolons between `ESC [` and `m`). */
const SGR = /\u001B\[[0-9;]*m/g;

/** Cells `text` takes in a terminal, as string-width (Ink's measure) counts them; colour sequences take none. */
export function cellWidth(text: string): number {
  if (NARROW_TEXT.test(text)) return text.length;
  if (NARROW_OR_ESCAPE.test(text)) {
    const visible = text.replace(SGR, '');
    if (NARROW_TEXT.test(visible)) return visible.length;
  }
  return stringWidth(text);
}

/** ansi-tokenize's tokens of one line; a line of narrow characters and SGR sequences skips the segmenter. */
export function tokenizeLine(line: string): Token[] {
  if (!NARROW_OR_ESCAPE.test(line)) return tokenize(line);
  const tokens: Token[] = [];
  const chars = (text: string): void => {
    for (const value of text) tokens.push({ type: 'char', value, fullWidth: false });
  };
  let at = 0;
  for (const match of line.matchAll(SGR)) {
    chars(line.slice(at, match.index));
    tokens.push(...tokenize(match[0]));
    at = match.index + match[0].length;
  }
  chars(line.slice(at));
  return tokens;
}

/** Why a character claimed narrow is not (for the installed string-width and ansi-tokenize), or undefined. */
export function narrowCharacterProblem(): string | undefined {
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (let cp = 0x20; cp < 0x3000; cp++) {
    const ch = String.fromCodePoint(cp);
    if (!NARROW_CHAR.test(ch)) continue;
    const [token, ...more] = tokenize(ch);
    const single = [...segmenter.segment(`a${ch}${ch}a`)].length === 4;
    if (stringWidth(ch) !== 1 || more.length > 0 || token?.type !== 'char' || token.fullWidth || !single) {
      return `U+${cp.toString(16).toUpperCase()} is not a narrow single-cell character for string-width and ansi-tokenize: narrow NARROW in src/ui/ink-frames/narrow.ts`;
    }
  }
  return undefined;
}

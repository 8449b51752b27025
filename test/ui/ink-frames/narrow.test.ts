import { styledCharsFromTokens as inkFromTokens, styledCharsToString as inkToString, tokenize } from '@alcalzone/ansi-tokenize';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { cellWidth, narrowCharacterProblem, tokenizeLine } from '../../../src/ui/ink-frames/narrow.js';
import { styledCharsFromTokens, styledCharsToString } from '../../../src/ui/ink-frames/styled-chars.js';

const PIECE = fc.constantFrom('a', 'Zürich ', '─┌', '→', '⠋', '✓✗⏎', '»', '\u00ad', '日', '😀', '🇩🇪', 'e\u0301', '⌚', '\u001B[31m', '\u001B[1;38;2;1;2;3m', '\u001B[39m', '\u001B[', '\u001B', '\u001B]8;;x\u0007', '\t');
const LINE = fc.array(PIECE, { maxLength: 16 }).map((p) => p.join(''));

describe('the narrow fast path (src/ui/ink-frames/narrow.ts)', () => {
  it('holds for the installed string-width and ansi-tokenize', () => {
    expect(narrowCharacterProblem()).toBeUndefined();
  });

  it('measures any line as string-width does', () => {
    fc.assert(fc.property(LINE, (line) => {
        expect(cellWidth(line)).toBe(stringWidth(line));
      }), { numRuns: 500 });
  });

  it('tokenizes any line as ansi-tokenize does', () => {
    fc.assert(fc.property(LINE, (line) => {
        expect(tokenizeLine(line)).toEqual(tokenize(line));
      }), { numRuns: 500 });
  });

  it('measures hand-counted lines', () => {
    expect(cellWidth('─ trustd ✓')).toBe(10);
    expect(cellWidth('日本')).toBe(4);
    expect(cellWidth('👨‍👩‍👧')).toBe(2);
  });
});

describe('styled characters (src/ui/ink-frames/styled-chars.ts)', () => {
  it('make the same characters and row string as ansi-tokenize, with neighbours of one style sharing their styles', () => {
    fc.assert(
      fc.property(LINE, (line) => {
        const ours = styledCharsFromTokens(tokenize(line));
        const theirs = inkFromTokens(tokenize(line));
        expect(ours).toEqual(theirs);
        expect(styledCharsToString(ours)).toBe(inkToString(theirs));
      }),
      { numRuns: 500 },
    );
    const [a, b, c] = styledCharsFromTokens(tokenize('ab\u001B[31mc'));
    expect(a!.styles).toBe(b!.styles);
    expect(c!.styles).not.toBe(b!.styles);
  });
});

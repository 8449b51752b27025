import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import Output, { type Clip } from '../../../src/ui/ink-frames/output.js';

// Ink's own Output, which src/ui/ink-frames/output.ts stands in for in the bundle (not in Ink's exports).
const { default: InkOutput } = (await import(new URL('../../../node_modules/ink/build/output.js', import.meta.url).href)) as { default: typeof Output };

type Op = { type: 'write'; x: number; y: number; text: string; upper: boolean } | { type: 'clip'; clip: Clip } | { type: 'unclip' };

const RED = '\u001B[31m';
const BOLD = '\u001B[1m';
const RESET = '\u001B[39m';
/** Pieces of text: narrow, wide, emoji, combining, styled, stray escape. */
const PIECE = fc.constantFrom('a', 'trustd', ' ', '─│', '✓', '⏎', '日本', '😀', '👨‍👩‍👧', 'e\u0301', '⌚', RED, BOLD, RESET, '\u001B[0m', '\u001B[38;5;200m', '\u001B[', 'ｶ', '\n');
const TEXT = fc.array(PIECE, { maxLength: 12 }).map((p) => p.join(''));
const COORD = fc.integer({ min: -3, max: 24 });
// Ink clips only on an axis where both ends are numbers; mostly give both.
const END = fc.option(COORD, { nil: undefined, freq: 6 });
const OP: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ type: fc.constant('write' as const), x: COORD, y: COORD, text: TEXT, upper: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('clip' as const), clip: fc.record({ x1: END, x2: END, y1: END, y2: END }) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'unclip' as const }) },
);

function draw(output: Output, ops: Op[]): { output: string; height: number } {
  for (const op of ops) {
    if (op.type === 'write') output.write(op.x, op.y, op.text, { transformers: op.upper ? [(line) => line.toUpperCase()] : [] });
    else if (op.type === 'clip') output.clip(op.clip);
    else output.unclip();
  }
  return output.get();
}

describe("src/ui/ink-frames/output.ts against Ink 6.8's Output", () => {
  it('writes the same frame for any writes, clips and transformers, frame after frame', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 8 }), fc.array(fc.array(OP, { maxLength: 15 }), { minLength: 1, maxLength: 3 }), (width, height, frames) => {
        // Several frames in a row: what the caches kept from one must not change the next.
        for (const ops of frames) expect(draw(new Output({ width, height }), ops)).toEqual(draw(new InkOutput({ width, height }), ops));
      }),
      { numRuns: 1000 },
    );
  });

  it('draws a styled wide line with its covered cells and a reset, as Ink does', () => {
    const ops: Op[] = [{ type: 'write', x: 1, y: 0, text: `${RED}日a${RESET} ✓`, upper: false }];
    const ours = draw(new Output({ width: 8, height: 2 }), ops);
    expect(ours).toEqual({ output: ` ${RED}日a${RESET} ✓\n`, height: 2 });
    expect(ours).toEqual(draw(new InkOutput({ width: 8, height: 2 }), ops));
  });
});

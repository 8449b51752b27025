import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, type LineSink } from '../../src/io/lines.js';

interface Line {
  text: string;
  lineNo: number;
  truncated: boolean;
}

function collect(chunks: Buffer[], max: number): Line[] {
  const lines: Line[] = [];
  const sink: LineSink = { line: (text, lineNo, truncated) => void lines.push({ text, lineNo, truncated }), end: () => undefined };
  const splitter = new LineSplitter(sink, max);
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  return lines;
}

/** The splitter's contract, stated on the whole input at once. */
function expected(input: Buffer, max: number): Line[] {
  const body = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
  const parts: Buffer[] = [];
  let start = 0;
  for (let nl = body.indexOf(10); nl !== -1; nl = body.indexOf(10, start)) {
    parts.push(body.subarray(start, nl));
    start = nl + 1;
  }
  if (start < body.length) parts.push(body.subarray(start));
  return parts.map((bytes, i) => {
    const text = bytes.subarray(0, max).toString('utf8');
    return { text: text.endsWith('\r') ? text.slice(0, -1) : text, lineNo: i + 1, truncated: bytes.length > max };
  });
}

const piece = fc.constantFrom('a', 'b', '\n', '\r', '\r\n', 'é', '€', '😀');

describe('LineSplitter', () => {
  it('splits bytes into lines the same way whatever the chunks (CRLF, BOM, UTF-8 across chunks, the line cap)', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(piece, { maxLength: 60 }), fc.array(fc.nat(), { maxLength: 8 }), fc.integer({ min: 1, max: 12 }), (bom, pieces, cuts, max) => {
        const input = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.from(pieces.join(''))]);
        // Chunks cut anywhere, except inside the byte-order mark (files are read 256 KiB at a time).
        const at = [...new Set(cuts.map((c) => c % (input.length + 1)))].filter((c) => !bom || c >= 3).sort((a, b) => a - b);
        const chunks = [...at, input.length].map((end, i) => input.subarray(i === 0 ? 0 : at[i - 1], end));
        expect(collect(chunks, max)).toEqual(expected(input, max));
      }),
      { numRuns: 500 },
    );
  });
});

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isProbeName, parseProbe } from '../../../../src/sources/mac/probes/index.js';
import { AT_COLLECTION, PROBE_FIXTURES, probeFixture } from './fixture.js';

const cases = readdirSync(PROBE_FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && isProbeName(entry.name))
  .flatMap((dir) =>
    readdirSync(`${PROBE_FIXTURES}${dir.name}`)
      .filter((file) => file.endsWith('.txt'))
      .map((file) => [dir.name, file.slice(0, -4)] as const),
  );

function parse(probe: string, text: string) {
  if (!isProbeName(probe)) throw new Error(probe);
  return parseProbe(probe, text, AT_COLLECTION);
}

describe('every probe fixture reads the same whatever the transport did to it', () => {
  it('covers every probe', () => {
    expect(new Set(cases.map(([probe]) => probe)).size).toBe(12);
  });

  it.each(cases)('%s/%s with a BOM and CRLF line endings', (probe, variant) => {
    const text = probeFixture(probe, variant);
    expect(parse(probe, '\uFEFF' + text.replace(/\n/g, '\r\n'))).toEqual(parse(probe, text));
  });

  it.each(cases)('%s/%s with lone CR line endings', (probe, variant) => {
    const text = probeFixture(probe, variant);
    expect(parse(probe, text.replace(/\n/g, '\r'))).toEqual(parse(probe, text));
  });

  it.each(cases)('%s/%s between an SSH banner and a trailing junk line', (probe, variant) => {
    const text = probeFixture(probe, variant);
    const wrapped =
      "Warning: Permanently added 'c02fx1tlq6l4.example.internal' (ED25519) to the list of known hosts.\n" +
      text +
      '\nConnection to c02fx1tlq6l4.example.internal closed.\n';
    expect(parse(probe, wrapped)).toEqual(parse(probe, text));
  });

  it.each(cases)('%s/%s without a final newline', (probe, variant) => {
    const text = probeFixture(probe, variant);
    expect(parse(probe, text.replace(/\n$/, ''))).toEqual(parse(probe, text));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeJsonText, safeJsonStringify } from '../../src/text/json-safe.js';
import { registerSecret } from '../../src/secrets/registry.js';

const RAW = /[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029\u{d800}-\u{dfff}]/u;

describe('JSON text without raw control characters', () => {
  it('escapes what JSON.stringify leaves raw: DEL, C1, bidi and format characters, U+2028/2029', () => {
    expect(escapeJsonText(JSON.stringify('a\u007f\u009b\u202e\u2028\u{e0041}'))).toBe('"a\\u007f\\u009b\\u202e\\u2028\\udb40\\udc41"');
  });

  it('keeps the data exactly (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, s) => {
        for (const v of [value, s, { [s]: s, list: [s, value] }]) {
          const text = escapeJsonText(JSON.stringify(v));
          expect(RAW.test(text)).toBe(false);
          expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        }
      }),
    );
  });

  it('masks secrets in every string value', () => {
    registerSecret('json-safe-secret-value-42');
    expect(safeJsonStringify({ command: 'curl -H x-token:json-safe-secret-value-42', n: 1 })).toBe('{"command":"curl -H x-token:[redacted]","n":1}');
  });
});

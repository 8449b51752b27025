import { describe, expect, it } from 'vitest';
import { doubleQuoted } from '../../src/text/double-quoted.js';

describe('doubleQuoted (SCIM and RSQL string literals)', () => {
  it('quotes, escaping backslashes before quotes', () => {
    expect(doubleQuoted('C02FX1TLQ6L4')).toBe('"C02FX1TLQ6L4"');
    expect(doubleQuoted('a"b')).toBe('"a\\"b"');
    expect(doubleQuoted('a\\"b')).toBe('"a\\\\\\"b"');
    expect(doubleQuoted('')).toBe('""');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sanitizeLine, sanitizeText } from '../../src/text/sanitize.js';

const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

describe('sanitizeText', () => {
  it('makes escape sequences visible instead of acting on the terminal', () => {
    expect(sanitizeText('\u001b[31mred\u001b[0m')).toBe('^[[31mred^[[0m');
    expect(sanitizeText('\u001b]52;c;Zm9v\u0007')).toBe('^[]52;c;Zm9v^G');
    expect(sanitizeText('\u009b2J')).toBe('\\u009b2J');
    expect(sanitizeText('evil\u202eexe.txt')).toBe('evil\\u202eexe.txt');
    expect(sanitizeText('over\rwrite')).toBe('over^Mwrite');
    expect(sanitizeText('del\u007f')).toBe('del^?');
  });

  it('keeps newlines and expands tabs', () => {
    expect(sanitizeText('a\tb\nc')).toBe('a    b\nc');
  });

  it('is idempotent and leaves no raw control character (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = sanitizeText(s);
        expect(sanitizeText(once)).toBe(once);
        expect(RAW_CONTROL.test(once)).toBe(false);
      }),
    );
  });
});

describe('sanitizeLine', () => {
  it('shows newlines as a visible mark and cuts long text with a marker', () => {
    expect(sanitizeLine('one\ntwo')).toBe('one⏎two');
    expect(sanitizeLine('x'.repeat(50), 10)).toBe('xxxxxxxxx…');
  });
});

describe('what the sanitiser covers', () => {
  it('escapes every format character (tags, soft hyphen, zero-width), separators and lone surrogates', () => {
    expect(sanitizeText('a\u00adb')).toBe('a\\u00adb');
    expect(sanitizeText('hi\u{e0041}')).toBe('hi\\u{e0041}');
    expect(sanitizeText('one\u2028two\u2029')).toBe('one\\u2028two\\u2029');
    expect(sanitizeText('a\ud800b\udc00')).toBe('a\\ud800b\\udc00');
    expect(sanitizeText('😀 ok')).toBe('😀 ok');
    expect(sanitizeText('x\u2066y\u2069\u200dz\ufeff')).toBe('x\\u2066y\\u2069\\u200dz\\ufeff');
  });

  it('shows 7-bit and 8-bit introducers (CSI, OSC, DCS, APC, PM, SOS) as text', () => {
    expect(sanitizeText('\u001bP$qm\u001b\\ \u001b_G\u001b\\ \u001b^p\u001b\\ \u001bXs\u001b\\')).toBe('^[P$qm^[\\ ^[_G^[\\ ^[^p^[\\ ^[Xs^[\\');
    expect(sanitizeText('\u009d0;t\u009c \u0090q\u009c')).toBe('\\u009d0;t\\u009c \\u0090q\\u009c');
  });

  it('defeats carriage-return and backspace overwrites, keeps CRLF as one newline', () => {
    expect(sanitizeLine('safe\rrm -rf')).toBe('safe^Mrm -rf');
    expect(sanitizeLine('rm\b\bls')).toBe('rm^H^Hls');
    expect(sanitizeText('a\r\nb')).toBe('a\nb');
  });

  it('cuts floods of combining marks and very long lines, with a marker, never splitting a surrogate pair', () => {
    expect(sanitizeText('Z' + '\u0301'.repeat(50))).toBe('Z' + '\u0301'.repeat(8) + '…');
    expect(sanitizeText('x'.repeat(5000) + '\nshort', 100)).toBe('x'.repeat(99) + '…\nshort');
    expect(sanitizeLine('a😀😀', 3)).toBe('a…');
    expect(sanitizeLine('y'.repeat(10_000_000), 50)).toHaveLength(50);
  });

  it('is idempotent and leaves no raw control, format or surrogate character, on any UTF-16 input (property)', () => {
    const unsafe = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\u2028\u2029\u{d800}-\u{dfff}]/u;
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('\u001b', '\u009b', '\u202e', '\u0301', '\ud800', '\udc00', '\u{e0041}', '\r', '\t', '\n', 'a', '😀') }), fc.integer({ min: 2, max: 80 }), (s, max) => {
        const line = sanitizeLine(s, max);
        expect(sanitizeLine(line, max)).toBe(line);
        expect(unsafe.test(line)).toBe(false);
        expect(line.length).toBeLessThanOrEqual(max);
        const text = sanitizeText(s);
        expect(sanitizeText(text)).toBe(text);
        expect(unsafe.test(text)).toBe(false);
      }),
    );
  });
});

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

import { describe, expect, it } from 'vitest';
import {
  OSC52_MAX_TEXT_BYTES,
  SCREEN_CHUNK_BYTES,
  CopyRefusedError,
  clipboardRefusal,
  copyToClipboard,
  osc52Sequence,
  osc52Wrapping,
} from '../../src/terminal/osc52.js';

const ESC = '\x1b';
const TEXT = 'sudo log show --last 1h --predicate \'subsystem == "com.apple.AppSSO"\' # naïve ✓ 日本';

/** The clipboard text a plain OSC 52 sequence carries (ST or BEL terminated). */
function decode(sequence: string): string {
  const match = /^\x1b\]52;c;([A-Za-z0-9+/]*={0,2})(?:\x1b\\|\x07)$/.exec(sequence);
  if (!match) throw new Error(`not an OSC 52 sequence: ${JSON.stringify(sequence.slice(0, 40))}`);
  return Buffer.from(match[1]!, 'base64').toString('utf8');
}

/** Undoes tmux passthrough: ESC P tmux; <ESCs doubled> ESC \ */
function unwrapTmux(sequence: string): string {
  const match = /^\x1bPtmux;([\s\S]*)\x1b\\$/.exec(sequence);
  if (!match) throw new Error('not a tmux passthrough');
  const inner = match[1]!;
  expect(inner.replaceAll(ESC + ESC, '')).not.toContain(ESC); // every ESC inside is doubled
  return inner.replaceAll(ESC + ESC, ESC);
}

/** Undoes screen chunking: ESC P <chunk> ESC \ repeated. */
function unwrapScreen(sequence: string): { inner: string; chunks: string[] } {
  const chunks = [...sequence.matchAll(/\x1bP([\s\S]*?)\x1b\\/g)].map((m) => m[1]!);
  expect(chunks.map((c) => `${ESC}P${c}${ESC}\\`).join('')).toBe(sequence);
  return { inner: chunks.join(''), chunks };
}

describe('osc52Sequence', () => {
  it('is ESC ] 52 ; c ; base64 ST, and decodes back to the text (UTF-8 included)', () => {
    const sequence = osc52Sequence(TEXT, {});
    expect(sequence.startsWith(`${ESC}]52;c;`)).toBe(true);
    expect(sequence.endsWith(`${ESC}\\`)).toBe(true);
    expect(decode(sequence)).toBe(TEXT);
  });

  it('inside tmux: plain (for set-clipboard) and then wrapped for passthrough with every ESC doubled', () => {
    const sequence = osc52Sequence(TEXT, { TMUX: '/tmp/tmux-1000/default,1234,0' });
    const plain = osc52Sequence(TEXT, {});
    expect(sequence.startsWith(plain)).toBe(true);
    expect(unwrapTmux(sequence.slice(plain.length))).toBe(plain);
    expect(decode(unwrapTmux(sequence.slice(plain.length)))).toBe(TEXT);
  });

  it('inside GNU screen: cut into DCS chunks of at most 240 bytes, the OSC ending in BEL', () => {
    const long = 'x'.repeat(1000) + TEXT;
    const sequence = osc52Sequence(long, { STY: '1234.pts-0.jump' });
    const { inner, chunks } = unwrapScreen(sequence);
    expect(chunks.length).toBe(Math.ceil(inner.length / SCREEN_CHUNK_BYTES));
    for (const chunk of chunks) {
      expect(Buffer.byteLength(chunk)).toBeLessThanOrEqual(SCREEN_CHUNK_BYTES);
      expect(chunk).not.toContain(ESC + '\\'); // an ST would end the chunk early
    }
    expect(inner.endsWith('\x07')).toBe(true);
    expect(decode(inner)).toBe(long);
  });

  it('prefers tmux when both TMUX and STY are set; nothing when neither is', () => {
    expect(osc52Wrapping({ TMUX: 'x', STY: 'y' })).toBe('tmux');
    expect(osc52Wrapping({ STY: 'y' })).toBe('screen');
    expect(osc52Wrapping({ TMUX: '' })).toBe('none');
  });

  it('copies up to 100 kB of text, counted in bytes, and refuses more with the reason', () => {
    const max = 'a'.repeat(OSC52_MAX_TEXT_BYTES);
    expect(decode(osc52Sequence(max, {}))).toBe(max);
    expect(() => osc52Sequence(max + 'a', {})).toThrow(new CopyRefusedError(`too long to copy: ${OSC52_MAX_TEXT_BYTES + 1} bytes, at most ${OSC52_MAX_TEXT_BYTES}`));
    expect(clipboardRefusal('é'.repeat(OSC52_MAX_TEXT_BYTES / 2 + 1))).toMatch(/^too long to copy: 100002 bytes/);
  });

  it('refuses control characters (a trailing newline runs on paste), bidi controls and empty text', () => {
    expect(clipboardRefusal('ls -l\n')).toBe('contains control characters or a line break (it could run on paste)');
    expect(clipboardRefusal(`echo ${ESC}]52;c;ZWNobyBwd25lZAo=\x07`)).toMatch(/^contains control characters/);
    expect(clipboardRefusal('rm -rf /tmp/x \u202e#')).toMatch(/^contains control characters/);
    expect(clipboardRefusal('\u009b2J')).toMatch(/^contains control characters/);
    expect(clipboardRefusal('')).toBe('nothing to copy');
    expect(clipboardRefusal('line one\nline\ttwo', true)).toBeUndefined();
    expect(clipboardRefusal(`line one\n${ESC}[2J`, true)).toBe('contains control characters');
  });
});

describe('copyToClipboard', () => {
  it('writes the sequence once and says what it did', () => {
    const written: string[] = [];
    const result = copyToClipboard('profiles status -type enrollment', (s) => written.push(s), { env: { TMUX: 't' } });
    expect(result).toEqual({
      copied: true,
      bytes: 32,
      wrapping: 'tmux',
      message: 'copied 32 bytes to the clipboard (OSC 52 through tmux; needs `set -g set-clipboard on` or `allow-passthrough on`)',
    });
    expect(written).toEqual([osc52Sequence('profiles status -type enrollment', { TMUX: 't' })]);
  });

  it('writes nothing for refused text, and reports a terminal that cannot be written', () => {
    const written: string[] = [];
    expect(copyToClipboard('a\nb', (s) => written.push(s), { env: {} })).toMatchObject({ copied: false, message: 'not copied: contains control characters or a line break (it could run on paste)' });
    expect(written).toEqual([]);
    expect(copyToClipboard('a\nb', (s) => written.push(s), { env: {}, multiline: true })).toMatchObject({ copied: true, wrapping: 'none' });
    const broken = () => {
      throw Object.assign(new Error('write EIO'), { code: 'EIO' });
    };
    expect(copyToClipboard('date -u', broken, { env: {} })).toEqual({ copied: false, reason: 'cannot write to the terminal: EIO', message: 'not copied: cannot write to the terminal: EIO' });
  });
});

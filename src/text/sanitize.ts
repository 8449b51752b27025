/**
 * Makes external text safe for a terminal or a report: control and bidi/format characters become
 * visible escapes (caret form for C0 and DEL, \u form for the rest). Idempotent: the output contains
 * only printable characters, so sanitising it again changes nothing.
 *
 * Escaped: C0 except LF (TAB is expanded to spaces, CR shown as ^M so "safe\rrm -rf" cannot overwrite
 * a line), DEL, C1 (U+0080–U+009F: the 8-bit CSI, OSC, DCS… introducers), every Unicode format
 * character (Cf: bidi embeddings, overrides and isolates, LRM/RLM/ALM, zero-width characters, BOM,
 * soft hyphen, tag characters), U+2028/U+2029 and lone surrogates. ESC becomes `^[`, so no 7-bit
 * CSI/OSC/DCS/APC/PM/SOS sequence survives either. Runs of more than MAX_MARKS combining marks (a
 * "Zalgo" flood that paints over neighbouring lines) are cut with a `…`.
 */

// The `u` flag makes [\u{D800}-\u{DFFF}] match only surrogates that are not part of a pair.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\u2028\u2029\u{D800}-\u{DFFF}]/gu;
const UNSAFE_TEST = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\p{Cf}\u2028\u2029\u{D800}-\u{DFFF}]/u;
/** A run of combining marks longer than this is cut. */
const MAX_MARKS = 8;
const MARK_FLOOD = new RegExp(`(\\p{M}{${MAX_MARKS}})\\p{M}+`, 'gu');
const MARK_FLOOD_TEST = new RegExp(`\\p{M}{${MAX_MARKS + 1}}`, 'u');
/** Lines of multi-line text longer than this are cut with a marker. */
export const MAX_TEXT_LINE = 4000;

export const CUT_MARK = '…';

function escapeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20) return '^' + String.fromCharCode(code + 64);
  if (code === 0x7f) return '^?';
  return code > 0xffff ? `\\u{${code.toString(16)}}` : '\\u' + code.toString(16).padStart(4, '0');
}

const TAB_WIDTH = 4;

/** Escapes unsafe characters and expands tabs; keeps newlines (CRLF becomes LF). No length limit. */
function escapeUnsafe(text: string): string {
  let out = text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text;
  if (out.includes('\t')) out = out.replace(/\t/g, ' '.repeat(TAB_WIDTH));
  if (UNSAFE_TEST.test(out)) out = out.replace(UNSAFE, escapeChar);
  if (MARK_FLOOD_TEST.test(out)) out = out.replace(MARK_FLOOD, `$1${CUT_MARK}`);
  return out;
}

/**
 * True when `text` holds a character the sanitiser escapes (every C0 but LF and TAB, DEL, C1, format
 * and bidi characters, U+2028/2029, lone surrogates), or a line break or tab unless `allowLines`:
 * for values that must be refused rather than shown (a command to copy, a remote parameter).
 */
export function hasUnsafeCharacter(text: string, allowLines = false): boolean {
  return UNSAFE_TEST.test(text) || (!allowLines && /[\n\t]/.test(text));
}

/** Cuts text to at most `max` UTF-16 units, the last one the cut marker; never splits a surrogate pair. */
export function cutText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - CUT_MARK.length);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return text.slice(0, end) + CUT_MARK;
}

/** Multi-line text: newlines kept, everything else unsafe escaped, each line cut at `maxLine` characters. */
export function sanitizeText(text: string, maxLine = MAX_TEXT_LINE): string {
  const out = escapeUnsafe(text);
  if (out.length <= maxLine) return out;
  return out
    .split('\n')
    .map((line) => cutText(line, maxLine))
    .join('\n');
}

/** One display line: newlines shown as `⏎`, then cut to `max` characters with a `…` marker. */
export function sanitizeLine(text: string, max = 2000): string {
  // Escaping never shortens text: cut far-too-long input first so a 100 MB line costs nothing.
  let out = escapeUnsafe(text.length > max * 8 ? cutText(text, max * 8) : text);
  if (out.includes('\n')) out = out.replace(/\n/g, '⏎');
  return cutText(out, max);
}

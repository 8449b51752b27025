/**
 * Makes external text safe for a terminal or a report: control and bidi/format characters become
 * visible escapes (caret form for C0 and DEL, \u form for the rest). Idempotent: the output contains
 * only printable characters, so sanitising it again changes nothing.
 */

// C0 (except LF and TAB, handled separately), DEL, C1, ALM, LRM/RLM, bidi embeddings/overrides/isolates,
// line and paragraph separators, zero-width and BOM format characters.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const UNSAFE_TEST = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return '^' + String.fromCharCode(code + 64);
  if (code === 0x7f) return '^?';
  return '\\u' + code.toString(16).padStart(4, '0');
}

const TAB_WIDTH = 4;

function expandTabs(text: string): string {
  return text.replace(/\t/g, ' '.repeat(TAB_WIDTH));
}

/** Multi-line text: newlines kept, everything else unsafe escaped. */
export function sanitizeText(text: string): string {
  const expanded = text.includes('\t') ? expandTabs(text) : text;
  return UNSAFE_TEST.test(expanded) ? expanded.replace(UNSAFE, escapeChar) : expanded;
}

/** One display line: newlines shown as `⏎`, then cut to `max` characters with a `…` marker. */
export function sanitizeLine(text: string, max = 2000): string {
  let out = sanitizeText(text);
  if (out.includes('\n')) out = out.replace(/\n/g, '⏎');
  if (out.length > max) out = out.slice(0, max - 1) + '…';
  return out;
}

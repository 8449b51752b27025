/**
 * POSIX quoting for the remote command line. ssh joins its arguments with spaces and the Mac's login
 * shell (zsh by default) parses the result, so every word must be quoted for a POSIX shell.
 *
 * Rule (git's sq_quote_buf): enclose in single quotes, write `'` as `'\''` and `!` as `'\!'` (the latter
 * protects csh-family login shells; POSIX shells read `\!` as `!`). NUL cannot travel through ssh.
 */

/** Characters no POSIX shell, zsh or csh treats specially anywhere in a word (`=` is left out: zsh's `=cmd`). */
const BARE_WORD = /^[A-Za-z0-9_@%+:,./-]+$/;

export class QuoteError extends Error {}

/** One word, always single-quoted. */
export function shQuote(word: string): string {
  if (word.includes('\0')) throw new QuoteError('a NUL character cannot be passed to a remote command');
  return "'" + word.replaceAll("'", "'\\''").replaceAll('!', "'\\!'") + "'";
}

/** One word, quoted only when it needs to be, so the command stays readable where it is shown. */
export function shWord(word: string): string {
  return BARE_WORD.test(word) ? word : shQuote(word);
}

/** A command line a POSIX shell splits back into exactly `argv`. */
export function shJoin(argv: readonly string[]): string {
  return argv.map(shWord).join(' ');
}

/** Line handling shared by the probe parsers: outputs arrive with BOMs, CRLF, banners and stray lines. */

const MAX_QUOTE = 160;

/** Splits probe output into lines without BOM, line terminators (LF, CRLF, lone CR) or trailing blanks. */
export function probeLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/).map((line) => line.trimEnd());
}

/** Cuts external text to one short line for a summary or an error message. */
export function clip(text: string, max = MAX_QUOTE): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > max ? line.slice(0, max - 1) + '…' : line;
}

// Lines that explain why a command printed nothing useful when run over SSH.
const FAILURE_LINE =
  /^(?:sudo|zsh|bash|sh|security|sntp|profiles|systemsetup|app-sso|date|scutil|sw_vers|systemextensionsctl|defaults|launchctl):|command not found|not permitted|permission denied|must be (?:run|running) as root/i;

// What a shell or sudo prints when the program is not on the Mac (an older macOS): zsh `no such file
// or directory: X`, sh `X: not found` / `X: No such file or directory`, sudo `X: command not found`.
const MISSING_LINE = /command not found|no such file or directory: \/|^(?:[a-z]+:(?:\d+:)? )?(?:line \d+: )?\/\S+: (?:not found|No such file or directory)$/i;

/** The line saying the probe's program is missing on this Mac, when the output is just that. */
export function missingCommandLine(lines: readonly string[]): string | undefined {
  const meaningful = lines.filter((line) => line.trim() !== '');
  if (meaningful.length === 0 || meaningful.length > 3) return undefined;
  return meaningful.find((line) => MISSING_LINE.test(line.trim()));
}

/**
 * The error for output a parser did not recognise: quotes the line that says why (a `sudo:` or
 * `command not found` line) when there is one, else the first non-empty line.
 */
export function unrecognized(what: string, lines: readonly string[]): { error: string } {
  const meaningful = lines.filter((line) => line.trim() !== '');
  if (meaningful.length === 0) return { error: `${what}: empty output` };
  const reason = meaningful.find((line) => FAILURE_LINE.test(line.trim())) ?? meaningful[0]!;
  return { error: `${what}: ${clip(reason)}` };
}

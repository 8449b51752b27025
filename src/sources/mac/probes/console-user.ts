/**
 * The header line trustline's app-sso wrapper prints before running app-sso as the console user
 * (`Console user: alice`, or `Console user: none` when no one is logged in at the Mac). app-sso run as
 * root prints `(null)` for every section, so whose state the output shows decides what (null) means.
 */
const HEADER = /^Console user:\s*(\S*)\s*$/i;

export type ConsoleUser = { kind: 'user'; name: string } | { kind: 'none' } | { kind: 'unknown' };

/** The header (the first line that is one: an SSH banner may come before it), and the lines after it. */
export function readConsoleUser(lines: readonly string[]): { user: ConsoleUser; rest: readonly string[] } {
  const at = lines.findIndex((line) => HEADER.test(line.trim()));
  if (at < 0) return { user: { kind: 'unknown' }, rest: lines };
  const name = HEADER.exec(lines[at]!.trim())![1] ?? '';
  const user: ConsoleUser = name === '' || /^(?:none|root|loginwindow|_mbsetupuser)$/i.test(name) ? { kind: 'none' } : { kind: 'user', name };
  return { user, rest: lines.slice(at + 1) };
}

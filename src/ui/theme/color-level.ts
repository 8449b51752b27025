import type { WriteStream } from 'node:tty';
import { createSupportsColor } from 'supports-color';

/**
 * How many colours the terminal shows: 0 none, 1 the 16 ANSI colours, 2 the 256-colour palette,
 * 3 truecolor, by supports-color's rules (the ones chalk, and so Ink, writes by), from process.env, so
 * the theme picked agrees with what reaches the screen. Command-line flags such as `--color=256` are
 * not sniffed: trustline has no such flags.
 */
export type ColorLevel = 0 | 1 | 2 | 3;

/** The colour level of `stream` (only its isTTY is read). */
export function detectColorLevel(stream: Pick<WriteStream, 'isTTY'>): ColorLevel {
  const support = createSupportsColor(stream as WriteStream, { sniffFlags: false });
  return support === false ? 0 : support.level;
}

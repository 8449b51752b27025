/**
 * Copy to the clipboard of the engineer's own machine from an SSH session on a jump host: the OSC 52
 * escape sequence, which the local terminal emulator turns into a clipboard write. Inside tmux it is
 * sent twice: plain, which tmux itself takes (and forwards) with `set -g set-clipboard on`, and wrapped
 * in tmux's DCS passthrough (every ESC doubled), which tmux 3.3+ forwards with `set -g
 * allow-passthrough on`: either setting makes copy work. Inside GNU screen it is cut into DCS chunks
 * screen passes on.
 *
 * Only text trustline itself composed (a runbook command) should be copied, never raw evidence: a
 * copied line ending in a newline runs when pasted into a shell, so control characters are refused.
 */
import { hasUnsafeCharacter } from '../text/sanitize.js';

const ESC = '\x1b';
const BEL = '\x07';
const ST = `${ESC}\\`;

/** At most this many bytes of UTF-8 text (the base64 payload is a third larger), as gemini-cli and k9s cap it. */
export const OSC52_MAX_TEXT_BYTES = 100_000;
/** GNU screen drops DCS strings longer than its buffer; 240 bytes a chunk stays under it. */
export const SCREEN_CHUNK_BYTES = 240;

export type Osc52Wrapping = 'none' | 'tmux' | 'screen';

/** Which multiplexer the sequence has to pass through: tmux when TMUX is set, else screen when STY is. */
export function osc52Wrapping(env: NodeJS.ProcessEnv): Osc52Wrapping {
  if (env['TMUX']) return 'tmux';
  if (env['STY']) return 'screen';
  return 'none';
}


export interface CopyOptions {
  env?: NodeJS.ProcessEnv;
  /** Allow newlines and tabs (a multi-line record rather than a command). Default false. */
  multiline?: boolean;
}

/** Why this text must not be copied, or undefined when it may. */
export function clipboardRefusal(text: string, multiline = false): string | undefined {
  if (text.length === 0) return 'nothing to copy';
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > OSC52_MAX_TEXT_BYTES) return `too long to copy: ${bytes} bytes, at most ${OSC52_MAX_TEXT_BYTES}`;
  // C0 and DEL, C1, and the bidi/format characters that make copied text differ from what was shown.
  if (hasUnsafeCharacter(text, multiline)) {
    return multiline ? 'contains control characters' : 'contains control characters or a line break (it could run on paste)';
  }
  return undefined;
}

/** Thrown by osc52Sequence for text it will not copy; the message is the reason. */
export class CopyRefusedError extends Error {}

function wrapForTmux(sequence: string): string {
  return `${ESC}Ptmux;${sequence.split(ESC).join(ESC + ESC)}${ST}`;
}

function wrapForScreen(sequence: string): string {
  let out = '';
  for (let i = 0; i < sequence.length; i += SCREEN_CHUNK_BYTES) out += `${ESC}P${sequence.slice(i, i + SCREEN_CHUNK_BYTES)}${ST}`;
  return out;
}

/**
 * The bytes to write to the terminal to put `text` on the clipboard: `ESC ] 52 ; c ; base64 ST`, wrapped
 * for tmux or screen as `env` says. Inside screen the OSC ends with BEL instead, because an ST would end
 * the DCS chunk carrying it. Throws CopyRefusedError (see clipboardRefusal).
 */
export function osc52Sequence(text: string, env: NodeJS.ProcessEnv, multiline = false): string {
  const refusal = clipboardRefusal(text, multiline);
  if (refusal !== undefined) throw new CopyRefusedError(refusal);
  const wrapping = osc52Wrapping(env);
  const payload = Buffer.from(text, 'utf8').toString('base64');
  const sequence = `${ESC}]52;c;${payload}${wrapping === 'screen' ? BEL : ST}`;
  if (wrapping === 'tmux') return sequence + wrapForTmux(sequence);
  if (wrapping === 'screen') return wrapForScreen(sequence);
  return sequence;
}

export type CopyResult =
  | { copied: true; bytes: number; wrapping: Osc52Wrapping; message: string }
  | { copied: false; reason: string; message: string };

const VIA: Record<Osc52Wrapping, string> = {
  none: 'OSC 52',
  tmux: 'OSC 52 through tmux; needs `set -g set-clipboard on` or `allow-passthrough on`',
  screen: 'OSC 52 through screen',
};

/**
 * Writes the OSC 52 sequence for `text` with `write` (the terminal: Ink's stdout write or the tty fd)
 * and says what it did, with a one-line message for the status bar. Whether the terminal honoured it
 * cannot be known: OSC 52 has no reply.
 */
export function copyToClipboard(text: string, write: (sequence: string) => void, options: CopyOptions = {}): CopyResult {
  const env = options.env ?? process.env;
  let sequence: string;
  try {
    sequence = osc52Sequence(text, env, options.multiline);
  } catch (error) {
    if (!(error instanceof CopyRefusedError)) throw error;
    return { copied: false, reason: error.message, message: `not copied: ${error.message}` };
  }
  try {
    write(sequence);
  } catch (error) {
    const reason = `cannot write to the terminal: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`;
    return { copied: false, reason, message: `not copied: ${reason}` };
  }
  const wrapping = osc52Wrapping(env);
  const bytes = Buffer.byteLength(text, 'utf8');
  return { copied: true, bytes, wrapping, message: `copied ${bytes} bytes to the clipboard (${VIA[wrapping]})` };
}

import { registerSecret } from '../secrets/registry.js';
import { CommandWordsError, splitCommandWords } from './command-words.js';
import { DocumentError } from './document-error.js';

/** How long a tokenCommand may take (a keychain may ask the user to allow access). */
export const TOKEN_COMMAND_TIMEOUT_MS = 30_000;
const MAX_OUTPUT_BYTES = 64 * 1024;

/** The child's environment: ours without trustline's own variables (credentials, the pseudonym key). */
function childEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined && !name.startsWith('TRUSTLINE_')) out[name] = value;
  return out;
}

export interface TokenCommandOptions {
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs a credential command from a source's config section (a `tokenCommand`, `clientSecretCommand` or
 * `passwordCommand`), e.g. `security find-generic-password -s trustline-idp -w`: split into
 * words (command-words.ts) and run without a shell, stdin closed, with a deadline. Its output, trimmed,
 * is the secret; it is registered for masking before anyone uses it. A failure is one line naming the
 * field, never quoting the output (it may be the secret, or half of it).
 */
export async function runTokenCommand(field: string, line: string, opts: TokenCommandOptions = {}): Promise<string> {
  let words: string[];
  try {
    words = splitCommandWords(line);
  } catch (error) {
    if (error instanceof CommandWordsError) throw new DocumentError(`${field}: ${error.message}`);
    throw error;
  }
  const timeoutMs = opts.timeoutMs ?? TOKEN_COMMAND_TIMEOUT_MS;
  // Loaded only when a profile has a command: start-up does not pay for execa.
  const { execa } = await import('execa');
  const result = await execa(words[0]!, words.slice(1), {
    shell: false,
    stdin: 'ignore',
    stderr: 'ignore',
    reject: false,
    extendEnv: false,
    env: childEnv(opts.env ?? process.env),
    timeout: timeoutMs,
    maxBuffer: MAX_OUTPUT_BYTES,
    verbose: 'none',
    encoding: 'utf8',
  });
  const value = typeof result.stdout === 'string' ? result.stdout.trim() : '';
  // Masked even when it failed: a command cut off at the cap may have printed part of a secret.
  registerSecret(value);
  const fail = (why: string): never => {
    throw new DocumentError(`${field}: ${JSON.stringify(words[0])} ${why}`);
  };
  if (result.timedOut) fail(`gave no answer within ${Math.round(timeoutMs / 1000)} s`);
  if ((result.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') fail('was not found');
  if (result.isMaxBuffer) fail(`printed more than ${MAX_OUTPUT_BYTES} bytes`);
  if (result.signal) fail(`was stopped by ${result.signal}`);
  if (result.exitCode !== 0) fail(`failed${result.exitCode === undefined ? '' : ` with exit status ${result.exitCode}`}`);
  if (value === '') fail('printed nothing');
  if (value.includes('\n')) fail('printed more than one line');
  return value;
}

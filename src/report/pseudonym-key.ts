import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { configPath } from '../config/config-file.js';
import { DocumentError } from '../config/document-error.js';
import { registerSecret } from '../secrets/registry.js';

/** Overrides the key file (e.g. one key shared by a team so pseudonyms match across their reports). */
export const PSEUDONYM_KEY_ENV = 'TRUSTLINE_PSEUDONYM_KEY';
const MIN_KEY_CHARS = 16;

/** `$XDG_CONFIG_HOME/trustline/pseudonym.key`, beside the config: never inside a report or bundle. */
export function pseudonymKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(configPath(env)), 'pseudonym.key');
}

function keyOf(text: string, where: string): Buffer {
  const trimmed = text.trim();
  if (trimmed.length < MIN_KEY_CHARS) throw new DocumentError(`${where}: the pseudonym key must be at least ${MIN_KEY_CHARS} characters`);
  registerSecret(trimmed);
  return Buffer.from(trimmed, 'utf8');
}

/**
 * Creates the key file whole or not at all: a private temporary file, flushed, then hard-linked to
 * the name (link fails if the name exists, so two first runs at once agree on one key).
 */
async function createKeyFile(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(`${randomBytes(32).toString('hex')}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

/** The HMAC key for report pseudonyms: $TRUSTLINE_PSEUDONYM_KEY, else the key file (created 0600 on first use). */
export async function loadPseudonymKey(env: NodeJS.ProcessEnv = process.env): Promise<Buffer> {
  const fromEnv = env[PSEUDONYM_KEY_ENV];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return keyOf(fromEnv, PSEUDONYM_KEY_ENV);
  const path = pseudonymKeyPath(env);
  try {
    const text = await readFile(path, 'utf8').catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
      await createKeyFile(path);
      return readFile(path, 'utf8');
    });
    return keyOf(text, path);
  } catch (error) {
    if (error instanceof DocumentError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new DocumentError(`${path}: cannot read or create the pseudonym key (${code}); set ${PSEUDONYM_KEY_ENV} or use --no-redact`);
  }
}

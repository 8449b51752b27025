import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { safeJsonStringify } from '../text/json-safe.js';

/** `$XDG_STATE_HOME/trustline/journal.ndjson` (default `~/.local/state/trustline/journal.ndjson`). */
export function journalPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env['XDG_STATE_HOME'] && env['XDG_STATE_HOME'] !== '' ? env['XDG_STATE_HOME'] : join(homedir(), '.local', 'state');
  return join(base, 'trustline', 'journal.ndjson');
}

/** The demo's own journal beside the real one (`demo-journal.ndjson`): demo probe runs are not real ones. */
export function demoJournalPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dirname(journalPath(env)), 'demo-journal.ndjson');
}

/**
 * An append-only journal, one JSON line per entry: opened in append mode, each line written with one
 * write and flushed to disk before the call returns, so a crash loses at most the entry being written
 * and never damages earlier ones. Secrets are masked before anything reaches the file, and the line
 * carries no raw control or bidi character (safe to `cat`).
 */
export function appendJournalEntry(path: string, entry: object): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const fd = openSync(path, 'a', 0o600);
  try {
    writeSync(fd, `${safeJsonStringify(entry)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

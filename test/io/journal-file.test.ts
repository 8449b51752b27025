import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appendJournalEntry, journalPath } from '../../src/io/journal-file.js';
import { registerSecret } from '../../src/secrets/registry.js';
import { tempDir } from '../helpers/temp-files.js';

describe('the probe journal', () => {
  it('lives under XDG_STATE_HOME', () => {
    expect(journalPath({ XDG_STATE_HOME: '/var/tmp/state' })).toBe('/var/tmp/state/trustline/journal.ndjson');
    expect(journalPath({ HOME: '/home/x' })).toMatch(/\.local\/state\/trustline\/journal\.ndjson$/);
  });

  it('appends one JSON line per entry, keeps earlier lines, masks secrets, and is private', () => {
    const path = join(tempDir(), 'state', 'trustline', 'journal.ndjson');
    registerSecret('journal-canary-secret-0042');
    appendJournalEntry(path, { at: '2026-11-20T14:31:00.000Z', step: 'sntp', command: '/usr/bin/sntp time.apple.com', exitCode: 0 });
    appendJournalEntry(path, { at: '2026-11-20T14:32:00.000Z', step: 'x', command: 'echo journal-canary-secret-0042', exitCode: 1 });
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { step: string; command: string });
    expect(lines.map((l) => l.step)).toEqual(['sntp', 'x']);
    expect(lines[1]!.command).toBe('echo [redacted]');
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });
});

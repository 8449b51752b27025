/**
 * `systemsetup -getnetworktimeserver` → `Network Time Server: time.apple.com`. Without root it prints
 * `You need administrator access to run this tool... exiting!` on stdout and still exits 0.
 */
import { clip, probeLines, unrecognized } from './probe-text.js';
import type { ProbeResult } from './types.js';

const SERVER_LINE = /^Network Time Server:\s*(.*)$/i;
const ADMIN_REQUIRED = /^You need administrator access to run this tool/i;

export function parseTimeServer(text: string): ProbeResult {
  const lines = probeLines(text).map((line) => line.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const server = SERVER_LINE.exec(line);
    if (server) {
      const name = server[1] === undefined || server[1] === '' ? undefined : server[1];
      return {
        facts: { timeServer: { server: name, adminRequired: false } },
        summary: name === undefined ? 'No network time server configured' : `Network time server: ${clip(name, 100)}`,
        severity: name === undefined ? 'warn' : 'info',
        fields: { server: name ?? null, adminRequired: false },
      };
    }
    if (ADMIN_REQUIRED.test(line)) {
      return {
        facts: { timeServer: { server: undefined, adminRequired: true } },
        summary: 'Time server unknown: systemsetup needs administrator access (run the probe with sudo)',
        severity: 'warn',
        fields: { server: null, adminRequired: true },
      };
    }
  }
  return unrecognized('no network time server in output', lines);
}

/**
 * `app-sso -l -j` run as the console user: the realms of the SSO extensions configured for that user
 * (Kerberos-type extensions name a realm), as a JSON array: `["CORP.EXAMPLE.COM"]`. Without `-j` the
 * same list prints as a property-list array: `(\n    "CORP.EXAMPLE.COM"\n)`. Both are read; an empty
 * list means no SSO extension realm is configured for the user.
 */
import { readConsoleUser } from './console-user.js';
import { missingCommandReading } from './missing-command.js';
import { clip, probeLines, unrecognized } from './probe-text.js';
import type { ProbeResult } from './types.js';

const MAX_REALMS = 64;

function realmOf(item: unknown): string | undefined {
  if (typeof item === 'string') return item;
  if (typeof item === 'object' && item !== null) {
    const record = item as Record<string, unknown>;
    for (const key of ['realm', 'Realm', 'extensionIdentifier']) if (typeof record[key] === 'string') return record[key];
  }
  return undefined;
}

/** The list: from the first line opening `[` or `(` to the line that closes it (banners may surround it). */
function listText(lines: readonly string[]): string | undefined {
  const start = lines.findIndex((line) => /^[[(]/.test(line.trim()));
  if (start < 0) return undefined;
  const close = lines[start]!.trim().startsWith('[') ? ']' : ')';
  const end = lines.findIndex((line, i) => i >= start && line.trim().endsWith(close));
  return end < 0 ? undefined : lines.slice(start, end + 1).join('\n');
}

function readList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const body = text.trim();
  if (body.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(body);
      if (Array.isArray(value)) return value.map(realmOf).filter((r): r is string => r !== undefined);
    } catch {
      return undefined;
    }
  }
  if (body.startsWith('(') && body.endsWith(')')) {
    return body
      .slice(1, -1)
      .split(/,?\s*\n/)
      .map((item) => item.trim().replace(/,$/, '').replace(/^"(.*)"$/, '$1'))
      .filter((item) => item !== '');
  }
  return undefined;
}

export function parseAppSsoExtensions(text: string): ProbeResult {
  const { user, rest: lines } = readConsoleUser(probeLines(text));
  const missing = missingCommandReading(lines, 'app-sso', { ssoExtensions: { available: false, realms: [] } });
  if (missing) return missing;
  if (user.kind === 'none') {
    return { facts: {}, summary: 'No user is logged in at the Mac: SSO extensions are per user and were not listed', severity: 'warn', fields: { consoleUser: null } };
  }
  const list = readList(listText(lines));
  if (list === undefined) return unrecognized('no SSO extension list in output', lines);
  const realms = list.slice(0, MAX_REALMS).map((r) => clip(r, 120));
  return {
    facts: { ssoExtensions: { available: true, realms } },
    summary: realms.length === 0 ? 'No SSO extension realm is configured for the user' : `SSO extension realms configured: ${realms.join(', ')}`,
    severity: 'info',
    fields: { realms: realms.join(' ') || null, count: realms.length, consoleUser: user.kind === 'user' ? user.name : null },
  };
}

/**
 * `security show-keychain-info [keychain]` (written to stderr; the probe file holds that text):
 *   Keychain "/Users/alice/Library/Keychains/login.keychain-db" lock-on-sleep timeout=300s
 * Without an argument the tool prints `Keychain "<NULL>" …` for the default keychain. A keychain
 * that does not exist gives
 *   security: SecKeychainCopySettings <path>: The specified keychain could not be found.
 */
import type { EventFields } from '../../../model/event.js';
import type { ProbeFacts } from '../state.js';
import { clip, probeLines, unrecognized } from './probe-text.js';
import type { ProbeResult } from './types.js';

type Keychain = NonNullable<ProbeFacts['keychain']>;

const INFO_LINE = /^Keychain "(.*)"(.*)$/;
const NOT_FOUND = /^security: SecKeychain\w+(?: (.*?))?: The specified keychain could not be found\.?$/i;
const DEFAULT_KEYCHAIN = '<NULL>';

function keychainPath(text: string | undefined): string | undefined {
  return text === undefined || text === '' || text === DEFAULT_KEYCHAIN ? undefined : text;
}

function present(path: string | undefined, settings: string): ProbeResult {
  const keychain: Keychain = { path, settings, missing: false };
  const timeout = /\btimeout=(\d+)s\b/.exec(settings);
  const fields: EventFields = {
    path: path ?? null,
    settings,
    missing: false,
    lockOnSleep: /\block-on-sleep\b/.test(settings),
    lockTimeoutSeconds: timeout ? Number(timeout[1]) : null,
  };
  const name = path === undefined ? 'Default keychain' : `Keychain ${clip(path, 100)}`;
  return { facts: { keychain }, summary: `${name} exists (${settings || 'no settings'})`, severity: 'info', fields };
}

function missing(path: string | undefined, line: string): ProbeResult {
  const keychain: Keychain = { path, settings: '', missing: true };
  const name = path === undefined ? 'The default keychain' : `Keychain ${clip(path, 100)}`;
  return {
    facts: { keychain },
    summary: `${name} could not be found`,
    severity: 'error',
    fields: { path: path ?? null, settings: '', missing: true, error: clip(line) },
  };
}

export function parseKeychainInfo(text: string): ProbeResult {
  const lines = probeLines(text).map((line) => line.trim());
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const info = INFO_LINE.exec(line);
    if (info) return present(keychainPath(info[1]), (info[2] ?? '').trim());
    const notFound = NOT_FOUND.exec(line);
    if (notFound) return missing(keychainPath(notFound[1]), line);
  }
  return unrecognized('no keychain info in output', lines);
}

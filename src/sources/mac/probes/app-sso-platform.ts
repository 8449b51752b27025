/**
 * `app-sso platform -s`: Platform SSO state for the console user. Registered means a device
 * configuration is present with `"registrationCompleted" : true` and, when the user section says,
 * a user state `POUserStateNormal`; ` (null)` means not registered, but only when the output is the
 * console user's: root gets (null) everywhere. trustline's wrapper says whose output it is on a
 * `Console user:` line; without that line an all-(null) output is unknown.
 */
import type { ProbeFacts, PssoUserState } from '../state.js';
import type { EventFields, Severity } from '../../../model/event.js';
import { dictionaryValue, labelledTime, readDictionary, splitSections, type Dictionary, type LabelledTime } from './app-sso-sections.js';
import { formatIsoSeconds, parseSpacedOffsetTime } from './probe-time.js';
import { readConsoleUser, type ConsoleUser } from './console-user.js';
import { missingCommandReading } from './missing-command.js';
import { clip, probeLines, unrecognized } from './probe-text.js';
import type { DeviceStamp, ProbeContext, ProbeReading, ProbeResult } from './types.js';

type SsoPlatform = NonNullable<ProbeFacts['ssoPlatform']>;

function readTimeHeader(lines: readonly string[]): DeviceStamp | undefined {
  for (const line of lines) {
    const m = /^Time:\s*(.+)$/.exec(line.trim());
    if (!m) continue;
    const instant = parseSpacedOffsetTime(m[1]!);
    if (instant) return { ...instant, text: m[1]! };
  }
  return undefined;
}

/** Expired by the collection clock when known, else by the Mac's own label. */
function tokenExpired(expiry: LabelledTime | undefined, nowMs: number | undefined): boolean | null {
  if (!expiry) return null;
  if (nowMs !== undefined) return expiry.epochMs <= nowMs;
  if (expiry.note === undefined) return null;
  return !/not expired/i.test(expiry.note) && /expired/i.test(expiry.note);
}

function userStateOf(user: Dictionary | undefined): PssoUserState | undefined {
  if (user?.kind !== 'dict') return undefined;
  const state = dictionaryValue(user, 'state');
  if (typeof state !== 'string') return undefined;
  if (/NeedsNewKeys|\(1\)/.test(state)) return 'needs-new-keys';
  if (/NeedsRegistration|\(2\)/.test(state)) return 'needs-registration';
  if (/Normal|\(0\)/.test(state)) return 'normal';
  return 'other';
}

const USER_STATE_WORDS: Record<Exclude<PssoUserState, 'normal'>, string> = {
  'needs-new-keys': "the user's keys must be registered again (POUserStateNeedsNewKeys)",
  'needs-registration': 'the user must register (POUserStateNeedsRegistration)',
  other: 'the user is in an unexpected registration state',
};

function describe(sso: SsoPlatform, device: Dictionary | undefined, expired: boolean | null): { summary: string; severity: Severity } {
  const extension = sso.extensionIdentifier === undefined ? '' : ` (${clip(sso.extensionIdentifier, 80)})`;
  if (device?.kind === 'null') {
    return { summary: 'Platform SSO is not registered on this Mac (no device configuration)', severity: 'error' };
  }
  if (sso.registered === false) return { summary: `Platform SSO registration not completed${extension}`, severity: 'error' };
  if (sso.registered === null) return { summary: 'app-sso output has no device configuration section', severity: 'warn' };
  const base = `Platform SSO registered${extension}`;
  if (sso.userState !== undefined && sso.userState !== 'normal') return { summary: `${base}, but ${USER_STATE_WORDS[sso.userState]}`, severity: 'error' };
  if (sso.tokenExpiresMs === null) return { summary: `${base}; no SSO tokens`, severity: 'warn' };
  if (expired) return { summary: `${base}; SSO token expired at ${formatIsoSeconds(sso.tokenExpiresMs)}`, severity: 'warn' };
  return { summary: `${base}; SSO token valid until ${formatIsoSeconds(sso.tokenExpiresMs)}`, severity: 'info' };
}

const NULL_STATE: SsoPlatform = { registered: null, extensionIdentifier: undefined, reportedAtMs: null, tokenReceivedMs: null, tokenExpiresMs: null };

/** Output that says nothing about the user's registration: no one at the console, or run as root. */
function notTheUsers(user: ConsoleUser, device: Dictionary | undefined, stamp: DeviceStamp | undefined): ProbeReading | undefined {
  const reportedAtMs = stamp?.epochMs ?? null;
  if (user.kind === 'none') {
    return { facts: { ssoPlatform: { ...NULL_STATE, reportedAtMs } }, summary: 'No user is logged in at the Mac: Platform SSO state is per user and was not read', severity: 'warn', fields: { registered: null, consoleUser: null } };
  }
  if (user.kind === 'unknown' && device?.kind === 'null') {
    return {
      facts: { ssoPlatform: { ...NULL_STATE, reportedAtMs } },
      summary: 'app-sso printed (null): not registered, or run as root (which always prints (null)); run it as the console user',
      severity: 'warn',
      fields: { registered: null, consoleUser: null },
    };
  }
  return undefined;
}

export function parseAppSsoPlatform(text: string, ctx: ProbeContext): ProbeResult {
  const { user: consoleUser, rest: lines } = readConsoleUser(probeLines(text));
  const missing = missingCommandReading(lines, 'app-sso platform', { ssoPlatform: { ...NULL_STATE, available: false } });
  if (missing) return missing;
  const stamp = readTimeHeader(lines);
  const sections = splitSections(lines);
  if (consoleUser.kind === 'none') return notTheUsers(consoleUser, undefined, stamp)!;
  if (!stamp && sections.size === 0) return unrecognized('no Platform SSO state in output', lines);

  const device = readDictionary(sections.get('Device Configuration'));
  const user = readDictionary(sections.get('User Configuration'));
  const unknown = notTheUsers(consoleUser, device, stamp);
  if (unknown) return unknown;
  const tokens = sections.get('SSO Tokens') ?? [];
  const received = labelledTime(tokens, 'Received');
  const expiry = labelledTime(tokens, 'Expiration');

  let registered: boolean | null = null;
  let extensionIdentifier: string | undefined;
  if (device?.kind === 'null') registered = false;
  if (device?.kind === 'dict') {
    registered = dictionaryValue(device, 'registrationCompleted') === true;
    const id = dictionaryValue(device, 'extensionIdentifier');
    extensionIdentifier = typeof id === 'string' && id !== '' ? id : undefined;
  }
  const ssoPlatform: SsoPlatform = {
    registered,
    extensionIdentifier,
    reportedAtMs: stamp?.epochMs ?? null,
    tokenReceivedMs: received?.epochMs ?? null,
    tokenExpiresMs: expiry?.epochMs ?? null,
  };
  const userState = userStateOf(user);
  if (userState !== undefined) ssoPlatform.userState = userState;
  const expired = tokenExpired(expiry, ctx.nowMs);
  const fields: EventFields = {
    registered,
    extensionIdentifier: extensionIdentifier ?? null,
    userConfigured: user === undefined ? null : user.kind === 'dict',
    tokenReceivedMs: ssoPlatform.tokenReceivedMs,
    tokenExpiresMs: ssoPlatform.tokenExpiresMs,
    tokenExpired: expired,
    tokenStatus: expiry?.note ?? null,
    userState: userState ?? null,
    consoleUser: consoleUser.kind === 'user' ? consoleUser.name : null,
  };
  const reading: ProbeReading = { facts: { ssoPlatform }, ...describe(ssoPlatform, device, expired), fields };
  if (stamp) reading.deviceStamp = stamp;
  return reading;
}

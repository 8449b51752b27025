/**
 * `app-sso platform -s`: Platform SSO state for the console user. Registered means a device
 * configuration is present with `"registrationCompleted" : true`; ` (null)` means not registered.
 */
import type { ProbeFacts } from '../state.js';
import type { EventFields, Severity } from '../../../model/event.js';
import { dictionaryValue, labelledTime, readDictionary, splitSections, type Dictionary, type LabelledTime } from './app-sso-sections.js';
import { formatIsoSeconds, parseSpacedOffsetTime } from './probe-time.js';
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

function describe(sso: SsoPlatform, device: Dictionary | undefined, expired: boolean | null): { summary: string; severity: Severity } {
  const extension = sso.extensionIdentifier === undefined ? '' : ` (${clip(sso.extensionIdentifier, 80)})`;
  if (device?.kind === 'null') {
    return { summary: 'Platform SSO is not registered on this Mac (no device configuration)', severity: 'error' };
  }
  if (sso.registered === false) return { summary: `Platform SSO registration not completed${extension}`, severity: 'error' };
  if (sso.registered === null) return { summary: 'app-sso output has no device configuration section', severity: 'warn' };
  const base = `Platform SSO registered${extension}`;
  if (sso.tokenExpiresMs === null) return { summary: `${base}; no SSO tokens`, severity: 'warn' };
  if (expired) return { summary: `${base}; SSO token expired at ${formatIsoSeconds(sso.tokenExpiresMs)}`, severity: 'warn' };
  return { summary: `${base}; SSO token valid until ${formatIsoSeconds(sso.tokenExpiresMs)}`, severity: 'info' };
}

export function parseAppSsoPlatform(text: string, ctx: ProbeContext): ProbeResult {
  const lines = probeLines(text);
  const stamp = readTimeHeader(lines);
  const sections = splitSections(lines);
  if (!stamp && sections.size === 0) return unrecognized('no Platform SSO state in output', lines);

  const device = readDictionary(sections.get('Device Configuration'));
  const user = readDictionary(sections.get('User Configuration'));
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
  const expired = tokenExpired(expiry, ctx.nowMs);
  const fields: EventFields = {
    registered,
    extensionIdentifier: extensionIdentifier ?? null,
    userConfigured: user === undefined ? null : user.kind === 'dict',
    tokenReceivedMs: ssoPlatform.tokenReceivedMs,
    tokenExpiresMs: ssoPlatform.tokenExpiresMs,
    tokenExpired: expired,
    tokenStatus: expiry?.note ?? null,
  };
  const reading: ProbeReading = { facts: { ssoPlatform }, ...describe(ssoPlatform, device, expired), fields };
  if (stamp) reading.deviceStamp = stamp;
  return reading;
}

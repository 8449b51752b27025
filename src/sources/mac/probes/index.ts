/**
 * Probe outputs from the Mac (`device/probes/NAME.txt` in a bundle): the name picks the parser; the
 * file becomes probe facts for triage plus one timeline event.
 */
import { FileRefused, readTextFile } from '../../../io/bounded-file.js';
import type { ParseContext } from '../../../model/context.js';
import type { ProbeFacts } from '../state.js';
import type { EventKeys, TimelineEvent } from '../../../model/event.js';
import { FileReport } from '../../../model/file-report.js';
import { formatIsoUtc } from '../../../time/timestamp.js';
import { macGenericKind } from '../kinds.js';
import { parseAppSsoExtensions } from './app-sso-extensions.js';
import { parseAppSsoPlatform } from './app-sso-platform.js';
import { parseDateUtc } from './date-utc.js';
import { parseKeychainInfo } from './keychain-info.js';
import { parseOktaMtlsCert } from './okta-mtls-cert.js';
import type { ProbeName } from './probe-names.js';
import { parseOktaVerifyVersion } from './okta-verify-version.js';
import { parseProfilesStatus } from './profiles-status.js';
import { clip } from './probe-text.js';
import { parseScutilProxy } from './scutil-proxy.js';
import { parseSntp } from './sntp.js';
import { parseSwVers } from './sw-vers.js';
import { parseSystemExtensions } from './systemextensions.js';
import { parseTimeServer } from './timeserver.js';
import { isProbeFailure, type ProbeContext, type ProbeParser, type ProbeResult } from './types.js';

export type { DeviceStamp, ProbeContext, ProbeFailure, ProbeReading, ProbeResult } from './types.js';
export { isProbeFailure } from './types.js';

export { isProbeName, PROBE_NAMES, type ProbeName } from './probe-names.js';

const PARSERS: Record<ProbeName, ProbeParser> = {
  sntp: parseSntp,
  'date-utc': parseDateUtc,
  'profiles-status': parseProfilesStatus,
  'okta-mtls-cert': parseOktaMtlsCert,
  'keychain-info': parseKeychainInfo,
  'app-sso-platform': parseAppSsoPlatform,
  timeserver: parseTimeServer,
  'app-sso-extensions': parseAppSsoExtensions,
  'scutil-proxy': parseScutilProxy,
  systemextensions: parseSystemExtensions,
  'sw-vers': parseSwVers,
  'okta-verify-version': parseOktaVerifyVersion,
};

export function parseProbe(name: ProbeName, text: string, ctx: ProbeContext): ProbeResult {
  return PARSERS[name](text, ctx);
}

export const MAX_PROBE_BYTES = 1024 * 1024;

function keysOf(ctx: ParseContext): EventKeys {
  const keys: EventKeys = {};
  if (ctx.serial !== undefined) keys.serial = ctx.serial;
  if (ctx.hostname !== undefined) keys.hostname = ctx.hostname;
  if (ctx.user !== undefined) keys.user = ctx.user;
  return keys;
}

interface Placement {
  epochMs: number;
  micros?: number;
  originalTime: string;
  deviceClock: boolean;
  timeNote: string;
}

/**
 * Probes have no timestamp of their own: they sit at the collection time. Without one, a time the
 * Mac printed in the output is used instead; that instant is the Mac's clock, so it is marked
 * deviceClock and gets the clock-offset correction like log lines.
 */
function placeProbe(result: ProbeResult, ctx: ParseContext): Placement | undefined {
  if (ctx.collectedAtMs !== undefined) {
    const at = formatIsoUtc(ctx.collectedAtMs);
    return { epochMs: ctx.collectedAtMs, originalTime: at, deviceClock: false, timeNote: 'probe output has no time of its own; placed at the collection time' };
  }
  if (isProbeFailure(result) || !result.deviceStamp) return undefined;
  const stamp = result.deviceStamp;
  const placement: Placement = {
    epochMs: stamp.epochMs,
    originalTime: stamp.text,
    deviceClock: true,
    timeNote: 'no collection time known; placed at the time the Mac printed in the output',
  };
  if (stamp.micros !== undefined) placement.micros = stamp.micros;
  return placement;
}

function eventOf(name: ProbeName, rel: string, result: ProbeResult, place: Placement, ctx: ParseContext): TimelineEvent {
  const failed = isProbeFailure(result);
  const event: TimelineEvent = {
    id: `device:probe:${name}`,
    epochMs: place.epochMs,
    originalTime: place.originalTime,
    source: 'device',
    kind: `device.probe.${name}`,
    generic: macGenericKind(`device.probe.${name}`),
    severity: failed ? 'warn' : result.severity,
    // The error says there was no result ("no sntp result: sntp: …"): saying so before it would say it twice.
    summary: failed ? `${name} probe: ${result.error}` : result.summary,
    keys: keysOf(ctx),
    raw: { file: rel, line: 1 },
    fields: failed ? { probe: name, error: result.error } : { ...result.fields, probe: name },
    timeNote: place.timeNote,
    deviceClock: place.deviceClock,
  };
  if (place.micros !== undefined) event.micros = place.micros;
  return event;
}

export interface ProbeFileResult {
  facts: Partial<ProbeFacts>;
  event?: TimelineEvent;
  report: FileReport;
}

export async function parseProbeFile(path: string, rel: string, name: ProbeName, ctx: ParseContext): Promise<ProbeFileResult> {
  const report = new FileReport(rel);
  let text: string;
  try {
    text = await readTextFile(path, MAX_PROBE_BYTES);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    report.fail(error instanceof FileRefused ? `probe output ${error.message}` : `cannot read probe output${code ? ` (${code})` : ''}`);
    return { facts: {}, report };
  }
  return readProbeOutput(name, text, report, ctx);
}

/** The same for output already in memory (captured over SSH); `rel` is where a bundle would keep it. */
export function parseProbeText(text: string, rel: string, name: ProbeName, ctx: ParseContext): ProbeFileResult {
  const report = new FileReport(rel);
  if (Buffer.byteLength(text, 'utf8') > MAX_PROBE_BYTES) {
    report.fail('probe output larger than 1 MiB');
    return { facts: {}, report };
  }
  return readProbeOutput(name, text, report, ctx);
}

function readProbeOutput(name: ProbeName, text: string, report: FileReport, ctx: ParseContext): ProbeFileResult {
  const result = parseProbe(name, text, { nowMs: ctx.collectedAtMs });
  if (isProbeFailure(result)) report.note(clip(result.error));
  const facts = isProbeFailure(result) ? {} : result.facts;
  const place = placeProbe(result, ctx);
  if (!place) {
    if (!isProbeFailure(result)) report.note('no collection time and no time in the output: probe facts kept, no timeline event');
    return { facts, report };
  }
  return { facts, event: eventOf(name, report.file, result, place, ctx), report };
}

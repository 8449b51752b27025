/**
 * `sntp <server>` output. macOS prints `+0.007475 +/- 0.021068 time.apple.com 17.253.6.253`
 * (after a version banner); upstream ntp 4.2.8 prints the long form
 * `2011-08-04 00:40:36.642222 (+0000) +0.006611 +/- 0.041061  host 1.2.3.4 s3 no-leap`.
 * The offset is the correction (true time minus the Mac's clock), so the Mac's offset is its negation.
 */
import type { EventFields } from '../../../model/event.js';
import { sntpDeviceOffsetMicros } from '../../../time/clock-offset.js';
import { clockSeverity, describeDeviceOffset } from './clock-judgement.js';
import { parseSpacedOffsetTime } from './probe-time.js';
import { clip, probeLines, unrecognized } from './probe-text.js';
import type { DeviceStamp, ProbeReading, ProbeResult } from './types.js';

const RESULT_LINE =
  /^(?:(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d+)? \([+-]\d{2}:?\d{2}\))\s+)?([+-]?\d+(?:\.\d+)?) \+\/- (\d+(?:\.\d+)?)(?:\s+(\S+))?(?:\s+(\S+))?(?:\s+s(\d+))?/;

interface SntpLine {
  stampText: string | undefined;
  offsetText: string;
  errorText: string;
  host: string | undefined;
  address: string | undefined;
  stratum: number | undefined;
}

function lastResultLine(lines: readonly string[]): SntpLine | undefined {
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = RESULT_LINE.exec(lines[i]!.trim());
    if (!m) continue;
    const [, stampText, offsetText = '', errorText = '', host, address, stratum] = m;
    return { stampText, offsetText, errorText, host, address, stratum: stratum === undefined ? undefined : Number(stratum) };
  }
  return undefined;
}

function deviceStampOf(stampText: string | undefined): DeviceStamp | undefined {
  if (stampText === undefined) return undefined;
  const instant = parseSpacedOffsetTime(stampText);
  return instant ? { ...instant, text: stampText } : undefined;
}

export function parseSntp(text: string): ProbeResult {
  const lines = probeLines(text);
  const result = lastResultLine(lines);
  if (!result) return unrecognized('no sntp result', lines);

  const offsetSeconds = Number(result.offsetText);
  const errorSeconds = Number(result.errorText);
  if (!Number.isFinite(offsetSeconds) || !Number.isFinite(errorSeconds)) return unrecognized('no sntp result', lines);

  const deviceOffsetMs = sntpDeviceOffsetMicros(offsetSeconds) / 1000;
  const server = result.host;
  const fields: EventFields = {
    offsetSeconds,
    errorSeconds,
    deviceOffsetMs: Math.round(deviceOffsetMs) + 0,
    server: server ?? null,
    serverAddress: result.address ?? null,
  };
  if (result.stratum !== undefined) fields.stratum = result.stratum;

  const against = server === undefined ? 'the time server' : clip(server, 80);
  const summary = `Mac clock ${describeDeviceOffset(deviceOffsetMs)} ${against} (sntp ${result.offsetText} +/- ${result.errorText} s)`;
  const reading: ProbeReading = {
    facts: { sntp: { offsetSeconds, errorSeconds, server } },
    summary,
    severity: clockSeverity(deviceOffsetMs),
    fields,
  };
  const stamp = deviceStampOf(result.stampText);
  if (stamp) reading.deviceStamp = stamp;
  return reading;
}

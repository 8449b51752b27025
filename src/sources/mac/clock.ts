import { sntpDeviceOffsetMicros, type ClockMeasurement } from '../../time/clock-offset.js';
import type { ProbeFacts } from './state.js';

/** `date -u` has one-second resolution: offsets this small on the date basis are noise. */
export const DATE_BASIS_TOLERANCE_MS = 2000;

/** No Mac that reaches Okta runs a year off: a larger offset is a broken probe output, not a clock. */
export const MAX_PLAUSIBLE_OFFSET_MS = 366 * 86_400_000;

function implausible(basis: string, offsetMs: number): ClockMeasurement {
  const days = Math.abs(offsetMs) / 86_400_000;
  const size = Number.isFinite(days) && days < 1e9 ? `${Math.round(days)} days` : 'an impossible amount';
  return { deviceOffsetMs: null, basis: null, applied: false, note: `${basis} puts the Mac's clock ${size} off, more than a year: not a plausible offset, not applied` };
}

/** The Mac's clock offset from its probes: sntp when it ran, else `date -u` against the collection time. */
export function measureClockOffset(probes: ProbeFacts, collectedAtMs: number | undefined): ClockMeasurement {
  if (probes.sntp && Number.isFinite(probes.sntp.offsetSeconds)) {
    const micros = sntpDeviceOffsetMicros(probes.sntp.offsetSeconds);
    if (!(Math.abs(micros / 1000) <= MAX_PLAUSIBLE_OFFSET_MS)) return implausible('sntp', micros / 1000);
    const measurement: ClockMeasurement = { deviceOffsetMs: Math.round(micros / 1000) + 0, basis: 'sntp', applied: true };
    if (micros % 1000 !== 0) measurement.exactOffsetMs = micros / 1000;
    return measurement;
  }
  if (probes.dateUtcMs !== undefined) {
    if (collectedAtMs === undefined) {
      return { deviceOffsetMs: null, basis: null, applied: false, note: 'date -u output but no collection time to compare it with' };
    }
    const deviceOffsetMs = probes.dateUtcMs - collectedAtMs;
    if (!(Math.abs(deviceOffsetMs) <= MAX_PLAUSIBLE_OFFSET_MS)) return implausible('date -u', deviceOffsetMs);
    if (Math.abs(deviceOffsetMs) <= DATE_BASIS_TOLERANCE_MS) {
      return {
        deviceOffsetMs,
        basis: 'date',
        applied: false,
        note: `within ±${DATE_BASIS_TOLERANCE_MS / 1000} s of the collection time: date -u has one-second resolution, so this is not a measurable offset`,
      };
    }
    return { deviceOffsetMs, basis: 'date', applied: true, note: 'measured with date -u: accurate to about ±2 s' };
  }
  return { deviceOffsetMs: null, basis: null, applied: false };
}

/**
 * The Mac's clock offset and its correction of device timestamps.
 *
 * Sign (DESIGN, `analyze --json` clock): deviceOffsetMs = the Mac's clock minus true time, positive
 * when the Mac runs ahead; corrected time = device time - deviceOffsetMs. sntp prints the opposite
 * (the correction, true minus local), so sntp `-94.2` means +94200.
 *
 * Precision: deviceOffsetMs is whole milliseconds (what the JSON reports). sntp has microsecond
 * digits; exactOffsetMs keeps them (fractional ms) for applyClockOffset, which moves them into
 * `micros` on events that have micros and rounds to whole ms on events that do not.
 */
import type { ProbeFacts } from '../model/device-state.js';
import type { TimelineEvent } from '../model/event.js';

/** `date -u` has one-second resolution: offsets this small on the date basis are noise. */
export const DATE_BASIS_TOLERANCE_MS = 2000;

/** No Mac that reaches Okta runs a year off: a larger offset is a broken probe output, not a clock. */
export const MAX_PLAUSIBLE_OFFSET_MS = 366 * 86_400_000;

function implausible(basis: string, offsetMs: number): ClockMeasurement {
  const days = Math.abs(offsetMs) / 86_400_000;
  const size = Number.isFinite(days) && days < 1e9 ? `${Math.round(days)} days` : 'an impossible amount';
  return { deviceOffsetMs: null, basis: null, applied: false, note: `${basis} puts the Mac's clock ${size} off, more than a year: not a plausible offset, not applied` };
}

export interface ClockMeasurement {
  deviceOffsetMs: number | null;
  basis: 'sntp' | 'date' | null;
  /** Whether device events should be corrected by this offset. */
  applied: boolean;
  /** Why the offset is not applied, or what limits it. */
  note?: string;
  /** The offset before rounding (fractional ms, sntp only); pass it to applyClockOffset. */
  exactOffsetMs?: number;
}

/** The Mac's clock minus true time from an sntp offset (the correction), in whole µs: sntp prints six digits. */
export function sntpDeviceOffsetMicros(offsetSeconds: number): number {
  return Math.round(-offsetSeconds * 1e6) + 0; // + 0 turns -0 into 0
}

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

/**
 * Shifts device-clock events by the offset (epochMs -= offset), in place. Not idempotent: apply once.
 * The caller re-sorts afterwards. `deviceOffsetMs` may be fractional (µs digits from sntp).
 */
export function applyClockOffset(events: TimelineEvent[], deviceOffsetMs: number): void {
  if (!Number.isFinite(deviceOffsetMs)) return;
  const offsetMicros = Math.round(deviceOffsetMs * 1000);
  const offsetWholeMs = Math.round(deviceOffsetMs);
  for (const event of events) {
    if (event.deviceClock !== true) continue;
    if (event.micros === undefined) {
      event.epochMs -= offsetWholeMs;
      continue;
    }
    const total = event.epochMs * 1000 + event.micros - offsetMicros;
    event.epochMs = Math.floor(total / 1000);
    event.micros = total - event.epochMs * 1000;
  }
}

/** Applies a measurement when it says so; returns whether events were shifted. */
export function applyMeasuredOffset(events: TimelineEvent[], clock: ClockMeasurement): boolean {
  if (!clock.applied || clock.deviceOffsetMs === null) return false;
  const offset = clock.exactOffsetMs ?? clock.deviceOffsetMs;
  if (offset === 0) return false;
  applyClockOffset(events, offset);
  return true;
}

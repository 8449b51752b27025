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
import type { TimelineEvent } from '../model/event.js';

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

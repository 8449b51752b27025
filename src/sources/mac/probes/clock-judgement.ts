import type { Severity } from '../../../model/event.js';

/** |offset| at or above which the Mac's clock is called off (warn) or broken for auth (error). */
export const CLOCK_WARN_MS = 5_000;
export const CLOCK_ERROR_MS = 60_000;

export function clockSeverity(deviceOffsetMs: number): Severity {
  const size = Math.abs(deviceOffsetMs);
  if (size >= CLOCK_ERROR_MS) return 'error';
  if (size >= CLOCK_WARN_MS) return 'warn';
  return 'info';
}

function seconds(ms: number, digits: number): string {
  return (Math.abs(ms) / 1000).toFixed(digits);
}

/** "94.218 s ahead of", "2.000 s behind", "in step with" — the Mac's clock against a reference. */
export function describeDeviceOffset(deviceOffsetMs: number, digits = 3): string {
  if (Math.abs(deviceOffsetMs) < 0.5 * 10 ** -digits * 1000) return 'in step with';
  return `${seconds(deviceOffsetMs, digits)} s ${deviceOffsetMs > 0 ? 'ahead of' : 'behind'}`;
}

/**
 * Timestamp scanning without Date.parse: one pass over character codes, calendar-checked, microseconds kept.
 * Accepts `YYYY-MM-DD[ T]HH:MM:SS[.f{1,9}]` followed by `Z`, `±HHMM`, `±HH:MM`, `±HH` or nothing (local time).
 */

export interface WallTime {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millis: number;
  /** Sub-millisecond microseconds (0..999) when the text had more than 3 fractional digits. */
  micros: number | undefined;
  /** Minutes east of UTC, or undefined when the text carried no zone. */
  offsetMinutes: number | undefined;
  /** Number of characters consumed. */
  length: number;
}

const DIGIT_0 = 48;

function digits(s: string, at: number, count: number): number {
  let value = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - DIGIT_0;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days since 1970-01-01 for a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Epoch milliseconds of a wall time read as if it were UTC (no offset applied). */
export function wallToEpochAsUtc(w: Pick<WallTime, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millis'>): number {
  return (
    daysFromCivil(w.year, w.month, w.day) * 86_400_000 +
    w.hour * 3_600_000 +
    w.minute * 60_000 +
    w.second * 1000 +
    w.millis
  );
}

export function isValidCalendarTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  return (
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) &&
    hour <= 23 && minute <= 59 && second <= 59
  );
}

/**
 * Scans a timestamp at `start` in `s`. Returns null when the text is not a timestamp or names a time
 * that does not exist on the calendar (Feb 30, 25:00).
 */
export function scanTimestamp(s: string, start = 0): WallTime | null {
  if (s.length < start + 19) return null;
  const year = digits(s, start, 4);
  const month = digits(s, start + 5, 2);
  const day = digits(s, start + 8, 2);
  const hour = digits(s, start + 11, 2);
  const minute = digits(s, start + 14, 2);
  const second = digits(s, start + 17, 2);
  const sep = s.charCodeAt(start + 10);
  if (
    year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 ||
    s.charCodeAt(start + 4) !== 45 || s.charCodeAt(start + 7) !== 45 ||
    (sep !== 32 && sep !== 84) || s.charCodeAt(start + 13) !== 58 || s.charCodeAt(start + 16) !== 58
  ) {
    return null;
  }
  if (!isValidCalendarTime(year, month, day, hour, minute, second)) return null;

  let i = start + 19;
  let millis = 0;
  let micros: number | undefined;
  if (s.charCodeAt(i) === 46) {
    i++;
    const fracStart = i;
    let frac = 0;
    while (i < s.length && i - fracStart < 9) {
      const c = s.charCodeAt(i) - DIGIT_0;
      if (c < 0 || c > 9) break;
      frac = frac * 10 + c;
      i++;
    }
    const count = i - fracStart;
    if (count === 0) return null;
    // Normalise to nanoseconds, then split into ms and µs.
    const nanos = frac * 10 ** (9 - count);
    millis = Math.floor(nanos / 1_000_000);
    if (count > 3) micros = Math.floor(nanos / 1000) % 1000;
  }

  let offsetMinutes: number | undefined;
  const z = s.charCodeAt(i);
  if (z === 90 /* Z */) {
    offsetMinutes = 0;
    i++;
  } else if (z === 43 /* + */ || z === 45 /* - */) {
    const oh = digits(s, i + 1, 2);
    if (oh < 0 || oh > 23) return null;
    let om = 0;
    let used = 3;
    if (s.charCodeAt(i + 3) === 58) {
      om = digits(s, i + 4, 2);
      used = 6;
    } else {
      const maybe = digits(s, i + 3, 2);
      if (maybe >= 0) {
        om = maybe;
        used = 5;
      }
    }
    if (om < 0 || om > 59) return null;
    offsetMinutes = (z === 43 ? 1 : -1) * (oh * 60 + om);
    i += used;
  }
  return { year, month, day, hour, minute, second, millis, micros, offsetMinutes, length: i - start };
}

/** Epoch ms of a scanned timestamp that carries its own offset. */
export function epochOfOffsetTime(w: WallTime): number {
  return wallToEpochAsUtc(w) - (w.offsetMinutes ?? 0) * 60_000;
}

export interface Instant {
  epochMs: number;
  micros?: number;
}

/** Parses an RFC 3339 / ISO 8601 timestamp with a zone (Okta `published`, Jamf Pro API dates). */
export function parseZonedTimestamp(text: string): Instant | null {
  const w = scanTimestamp(text);
  if (!w || w.offsetMinutes === undefined || w.length !== text.length) return null;
  const instant: Instant = { epochMs: epochOfOffsetTime(w) };
  if (w.micros !== undefined) instant.micros = w.micros;
  return instant;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** ISO 8601 in UTC with `Z`; six fractional digits when microseconds are known, three otherwise. */
export function formatIsoUtc(epochMs: number, micros?: number): string {
  const days = Math.floor(epochMs / 86_400_000);
  let rest = epochMs - days * 86_400_000;
  const { year, month, day } = civilFromDays(days);
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const ms = rest - second * 1000;
  const fraction = micros === undefined ? pad(ms, 3) : pad(ms, 3) + pad(micros, 3);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}.${fraction}Z`;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

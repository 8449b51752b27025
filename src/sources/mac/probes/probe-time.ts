/**
 * The timestamp shapes that appear in probe outputs and are not plain RFC 3339. All arithmetic goes
 * through time/timestamp.ts; nothing here calls Date.parse.
 */
import { formatIsoUtc, isValidCalendarTime, scanTimestamp, wallToEpochAsUtc, type Instant } from '../../../time/timestamp.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthNumber(name: string): number {
  return MONTHS.indexOf(name) + 1;
}

function civilUtc(year: number, month: number, day: number, hour: number, minute: number, second: number): number | null {
  if (month < 1 || !isValidCalendarTime(year, month, day, hour, minute, second)) return null;
  return wallToEpochAsUtc({ year, month, day, hour, minute, second, millis: 0 });
}

/**
 * `2026-04-25 09:41:29 +0000` (app-sso `Time:`) and `2011-08-04 00:40:36.642222 (+0000)` (sntp long
 * form): a local wall time, a space, then the offset, bare or in parentheses.
 */
export function parseSpacedOffsetTime(text: string): Instant | null {
  const wall = scanTimestamp(text);
  if (!wall || wall.offsetMinutes !== undefined) return null;
  const zone = /^ \(?([+-])(\d{2}):?(\d{2})\)?$/.exec(text.slice(wall.length));
  if (!zone) return null;
  const [, sign, hh, mm] = zone;
  const hours = Number(hh);
  const minutes = Number(mm);
  if (hours > 23 || minutes > 59) return null;
  const offsetMinutes = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  const instant: Instant = { epochMs: wallToEpochAsUtc(wall) - offsetMinutes * 60_000 };
  if (wall.micros !== undefined) instant.micros = wall.micros;
  return instant;
}

const CTIME_UTC = /^(?:Sun|Mon|Tue|Wed|Thu|Fri|Sat) ([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (?:UTC|GMT) (\d{4})$/;

/** The default `date -u` format: `Fri Nov 20 14:31:34 UTC 2026` (day space-padded). */
export function parseCtimeUtc(text: string): number | null {
  const m = CTIME_UTC.exec(text);
  if (!m) return null;
  const [, mon = '', day, hh, mi, ss, year] = m;
  return civilUtc(Number(year), monthNumber(mon), Number(day), Number(hh), Number(mi), Number(ss));
}

const OPENSSL_TIME = /^([A-Z][a-z]{2}) +(\d{1,2}) (\d{2}):(\d{2}):(\d{2}) (\d{4}) GMT$/;

/** OpenSSL's ASN1_TIME_print form, as X509Certificate.validFrom/validTo give it: `Dec  3 09:00:00 2026 GMT`. */
export function parseOpenSslTime(text: string): number | null {
  const m = OPENSSL_TIME.exec(text);
  if (!m) return null;
  const [, mon = '', day, hh, mi, ss, year] = m;
  return civilUtc(Number(year), monthNumber(mon), Number(day), Number(hh), Number(mi), Number(ss));
}

/** `2026-11-20T14:31:34Z`: ISO UTC without the fraction when it is zero, for summaries. */
export function formatIsoSeconds(epochMs: number): string {
  return formatIsoUtc(epochMs).replace('.000Z', 'Z');
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, formatIsoUtc, parseZonedTimestamp, scanTimestamp } from '../../src/time/timestamp.js';

describe('scanTimestamp', () => {
  it('reads a unified-log timestamp with microseconds and a colon-less offset', () => {
    const w = scanTimestamp('2026-10-02 22:17:19.556078+0930 rest');
    expect(w).toMatchObject({ year: 2026, month: 10, day: 2, hour: 22, minute: 17, second: 19, millis: 556, micros: 78, offsetMinutes: 570, length: 31 });
  });

  it('matches an independent epoch for the same instant', () => {
    // Public test value: 1_790_945_239.556078 s.
    const i = parseZonedTimestamp('2026-10-02 22:17:19.556078+0930')!;
    expect(i.epochMs).toBe(1_790_945_239_556);
    expect(i.micros).toBe(78);
  });

  it('reads Z, ±HH:MM and ±HH zones and zone-less times', () => {
    expect(parseZonedTimestamp('2024-08-13T15:58:20.353Z')).toEqual({ epochMs: Date.UTC(2024, 7, 13, 15, 58, 20, 353) });
    expect(parseZonedTimestamp('2017-05-03T16:22:18-05:00')).toEqual({ epochMs: Date.UTC(2017, 4, 3, 21, 22, 18) });
    expect(scanTimestamp('2024-04-16 18:27:14-07 host')?.offsetMinutes).toBe(-420);
    expect(scanTimestamp('2026-11-20 06:02:01.207 Df')?.offsetMinutes).toBeUndefined();
  });

  it('rejects times that do not exist on the calendar', () => {
    for (const text of ['2026-02-30T10:00:00Z', '2026-02-29T10:00:00Z', '2026-13-01T00:00:00Z', '2026-11-20T24:00:00Z', '2026-11-20T10:60:00Z']) {
      expect(parseZonedTimestamp(text), text).toBeNull();
    }
    expect(parseZonedTimestamp('2024-02-29T10:00:00Z')).not.toBeNull();
  });

  it('rejects text that is not a timestamp or has trailing junk', () => {
    for (const text of ['', 'yesterday', '2026-11-20', '2026/11/20 10:00:00Z', '2026-11-20T10:00:00Zjunk', '2026-11-20T10:00:00.Z']) {
      expect(parseZonedTimestamp(text), text).toBeNull();
    }
  });

  it('agrees with Date for any millisecond instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseZonedTimestamp(iso)?.epochMs).toBe(ms);
        expect(formatIsoUtc(ms)).toBe(iso);
      }),
    );
  });

  it('round-trips days and civil dates (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100_000, max: 100_000 }), (days) => {
        const { year, month, day } = civilFromDays(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
      }),
    );
  });
});

describe('formatIsoUtc', () => {
  it('prints six fractional digits when microseconds are known', () => {
    expect(formatIsoUtc(Date.UTC(2026, 10, 20, 14, 2, 12, 183), 889)).toBe('2026-11-20T14:02:12.183889Z');
    expect(formatIsoUtc(Date.UTC(2026, 10, 20, 14, 2, 12, 183), 7)).toBe('2026-11-20T14:02:12.183007Z');
  });
});

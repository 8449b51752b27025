import { describe, expect, it } from 'vitest';
import { isValidTimeZone, LocalTimeResolver } from '../../src/time/zone.js';

const wall = (year: number, month: number, day: number, hour: number, minute: number) => ({ year, month, day, hour, minute, second: 0, millis: 0 });

describe('LocalTimeResolver', () => {
  const la = new LocalTimeResolver('America/Los_Angeles');

  it('maps ordinary local times with the zone offset of that date', () => {
    expect(la.resolve(wall(2026, 7, 1, 12, 0))).toEqual({ kind: 'single', epochMs: Date.UTC(2026, 6, 1, 19, 0) });
    expect(la.resolve(wall(2026, 12, 1, 12, 0))).toEqual({ kind: 'single', epochMs: Date.UTC(2026, 11, 1, 20, 0) });
  });

  it('gives both instants for the repeated hour of the fall-back', () => {
    expect(la.resolve(wall(2026, 11, 1, 1, 30))).toEqual({
      kind: 'ambiguous',
      earlier: Date.UTC(2026, 10, 1, 8, 30),
      later: Date.UTC(2026, 10, 1, 9, 30),
    });
  });

  it('flags the missing hour of the spring-forward', () => {
    expect(la.resolve(wall(2026, 3, 8, 2, 30))).toEqual({ kind: 'gap', epochMs: Date.UTC(2026, 2, 8, 10, 30) });
    expect(la.resolve(wall(2026, 3, 8, 3, 0))).toEqual({ kind: 'single', epochMs: Date.UTC(2026, 2, 8, 10, 0) });
  });

  it('handles a zone whose transition is not on the hour (Lord Howe, 30 minutes at 02:00)', () => {
    const lh = new LocalTimeResolver('Australia/Lord_Howe');
    // 2026-04-05 02:00 +11 becomes 01:30 +10:30: 01:30–02:00 happens twice.
    expect(lh.resolve(wall(2026, 4, 5, 1, 45)).kind).toBe('ambiguous');
    expect(lh.resolve(wall(2026, 4, 5, 1, 15)).kind).toBe('single');
  });

  it('validates IANA names', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    // Aliases and UTC are not all in the canonical list; they still count.
    expect(isValidTimeZone('Asia/Calcutta')).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('')).toBe(false);
  });
});

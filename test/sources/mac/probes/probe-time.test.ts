import { describe, expect, it } from 'vitest';
import { parseCtimeUtc, parseOpenSslTime, parseSpacedOffsetTime } from '../../../../src/sources/mac/probes/probe-time.js';

describe('parseSpacedOffsetTime', () => {
  it('reads app-sso and sntp long-form stamps', () => {
    expect(parseSpacedOffsetTime('2026-04-25 09:41:29 +0000')).toEqual({ epochMs: Date.UTC(2026, 3, 25, 9, 41, 29) });
    expect(parseSpacedOffsetTime('2011-08-04 00:40:36.642222 (+0000)')).toEqual({ epochMs: Date.UTC(2011, 7, 4, 0, 40, 36, 642), micros: 222 });
    expect(parseSpacedOffsetTime('2026-11-20 15:33:08.5 (+0100)')).toEqual({ epochMs: Date.UTC(2026, 10, 20, 14, 33, 8, 500) });
    expect(parseSpacedOffsetTime('2026-11-20 06:33:08 -0800')).toEqual({ epochMs: Date.UTC(2026, 10, 20, 14, 33, 8) });
  });

  it('rejects other shapes', () => {
    expect(parseSpacedOffsetTime('2026-04-25 09:41:29')).toBeNull();
    expect(parseSpacedOffsetTime('2026-04-25 09:41:29+0000')).toBeNull();
    expect(parseSpacedOffsetTime('2026-04-25 09:41:29 +2400')).toBeNull();
    expect(parseSpacedOffsetTime('2026-02-29 09:41:29 +0000')).toBeNull();
  });
});

describe('parseCtimeUtc', () => {
  it('reads `date -u` default output', () => {
    expect(parseCtimeUtc('Fri Nov 20 14:31:34 UTC 2026')).toBe(Date.UTC(2026, 10, 20, 14, 31, 34));
    expect(parseCtimeUtc('Sun Feb  1 00:00:00 GMT 2026')).toBe(Date.UTC(2026, 1, 1));
  });

  it('rejects local zones and impossible dates', () => {
    expect(parseCtimeUtc('Fri Nov 20 15:31:34 CET 2026')).toBeNull();
    expect(parseCtimeUtc('Fri Nov 31 14:31:34 UTC 2026')).toBeNull();
  });
});

describe('parseOpenSslTime', () => {
  it('reads X509Certificate validity strings, day space-padded', () => {
    expect(parseOpenSslTime('Nov 20 14:00:00 2027 GMT')).toBe(Date.UTC(2027, 10, 20, 14));
    expect(parseOpenSslTime('Dec  3 09:00:00 2026 GMT')).toBe(Date.UTC(2026, 11, 3, 9));
  });

  it('rejects anything else', () => {
    expect(parseOpenSslTime('2027-11-20T14:00:00Z')).toBeNull();
    expect(parseOpenSslTime('Foo 20 14:00:00 2027 GMT')).toBeNull();
  });
});

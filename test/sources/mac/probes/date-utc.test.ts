import { describe, expect, it } from 'vitest';
import { parseDateUtc } from '../../../../src/sources/mac/probes/date-utc.js';
import { AT_COLLECTION, COLLECTED_AT_MS, NO_CLOCK, probeFixture } from './fixture.js';
import { reading } from './reading.js';

describe('parseDateUtc', () => {
  it('reads the ISO form as the Mac clock reading', () => {
    const r = reading(parseDateUtc(probeFixture('date-utc', 'iso'), NO_CLOCK));
    expect(r.facts).toEqual({ dateUtcMs: COLLECTED_AT_MS });
    expect(r.deviceStamp).toEqual({ epochMs: COLLECTED_AT_MS, text: '2026-11-20T14:31:34Z' });
    expect(r.summary).toBe('Mac clock read 2026-11-20T14:31:34Z (date -u)');
    expect(r.severity).toBe('info');
  });

  it('reads the default `date -u` format', () => {
    const r = reading(parseDateUtc(probeFixture('date-utc', 'default-format'), NO_CLOCK));
    expect(r.facts.dateUtcMs).toBe(COLLECTED_AT_MS);
    expect(r.deviceStamp?.text).toBe('Fri Nov 20 14:31:34 UTC 2026');
  });

  it('reads a space-padded day in the default format', () => {
    expect(reading(parseDateUtc('Tue Dec  1 09:05:07 UTC 2026\n', NO_CLOCK)).facts.dateUtcMs).toBe(Date.UTC(2026, 11, 1, 9, 5, 7));
  });

  it('compares with the collection time when it is known', () => {
    const ahead = reading(parseDateUtc(probeFixture('date-utc', 'ahead-2m'), AT_COLLECTION));
    expect(ahead.fields.aheadOfCollectionMs).toBe(120_000);
    expect(ahead.severity).toBe('error');
    expect(ahead.summary).toBe('Mac clock read 2026-11-20T14:33:34Z (date -u), 120 s ahead of the collection time');

    const close = reading(parseDateUtc(probeFixture('date-utc', 'ahead-1s'), AT_COLLECTION));
    expect(close.fields.aheadOfCollectionMs).toBe(1000);
    expect(close.severity).toBe('info');

    const same = reading(parseDateUtc(probeFixture('date-utc', 'iso'), AT_COLLECTION));
    expect(same.summary).toContain('in step with the collection time');
  });

  it('rejects impossible dates and unrelated text', () => {
    expect(parseDateUtc('2026-02-30T10:00:00Z\n', NO_CLOCK)).toEqual({ error: 'no date in output: 2026-02-30T10:00:00Z' });
    expect(parseDateUtc('Fri Foo 20 14:31:34 UTC 2026', NO_CLOCK)).toHaveProperty('error');
    expect(parseDateUtc('zsh: command not found: gdate\n', NO_CLOCK)).toEqual({
      error: 'no date in output: zsh: command not found: gdate',
    });
  });

  it('takes the last date line after other noise', () => {
    const r = reading(parseDateUtc('Last login: Fri Nov 20 14:00:01 on ttys000\n2026-11-20T14:31:34Z\n', NO_CLOCK));
    expect(r.facts.dateUtcMs).toBe(COLLECTED_AT_MS);
  });
});

/** Impossible clock values (issue 17, item 12): refused with a note, never applied. */
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/sources/bundle/analyze-bundle.js';
import { normalizeOktaEvent } from '../../src/sources/okta/log-event.js';
import { MAX_PLAUSIBLE_OFFSET_MS, measureClockOffset } from '../../src/sources/mac/clock.js';
import { formatIsoUtc } from '../../src/time/timestamp.js';
import { writeTree } from '../helpers/temp-files.js';

const CTX = { serial: undefined, hostname: undefined, user: undefined, deviceTimeZone: undefined, collectedAtMs: undefined };
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const COLLECTED = '2026-11-20T14:05:00Z';

function bundle(probe: string, text: string): string {
  return writeTree({
    'meta.json': JSON.stringify({ serial: 'C02TEST', collectedAt: COLLECTED }),
    [`device/probes/${probe}.txt`]: text,
    'device/system.log': 'Nov 20 14:02:05 alice-mbp trustd[123]: SecTrustEvaluateWithError: trust result 7\n',
  });
}

describe('impossible clock offsets (item 12)', () => {
  it('an sntp offset beyond a year is not applied, with a note', async () => {
    const a = await analyzeBundle(bundle('sntp', '-100000000000000000000 +/- 0.021068 time.apple.com 17.253.6.253\n'));
    expect(a.clock.applied).toBe(false);
    expect(a.clock.deviceOffsetMs).toBeNull();
    expect(a.notes.some((n) => n.startsWith("clock: sntp puts the Mac's clock") && n.includes('not applied'))).toBe(true);
    for (const e of a.timeline) expect(formatIsoUtc(e.epochMs), e.summary).toMatch(/^2026-/);
  });

  it('a date -u of year 0 is not applied', async () => {
    const a = await analyzeBundle(bundle('date-utc', 'Sat Jan  1 00:00:00 UTC 0000\n'));
    expect(a.clock.applied).toBe(false);
    for (const e of a.timeline) expect(formatIsoUtc(e.epochMs), e.summary).toMatch(/^2026-/);
  });

  it('offsets up to a year still apply', () => {
    const ok = measureClockOffset({ sntp: { offsetSeconds: -(MAX_PLAUSIBLE_OFFSET_MS / 1000 - 1), errorSeconds: 0.1, host: 'time.apple.com' } } as never, undefined);
    expect(ok.applied).toBe(true);
    const far = measureClockOffset({ dateUtcMs: Date.parse(COLLECTED) + MAX_PLAUSIBLE_OFFSET_MS + 1 } as never, Date.parse(COLLECTED));
    expect(far.applied).toBe(false);
  });

  it('Okta times in year 0 or 10000 are malformed records, not timeline rows in another time form', () => {
    for (const published of ['0000-01-01T00:00:00.000Z', '1969-12-31T23:59:59.000Z', '10000-01-01T00:00:00.000Z', '+010000-01-01T00:00:00.000Z']) {
      const r = normalizeOktaEvent({ uuid: 'u1', published, eventType: 'user.session.start' }, { file: 'okta/logs.json', pointer: '/0' }, CTX);
      expect('skip' in r ? r.skip : formatIsoUtc(r.epochMs), published).toMatch(/^(published time outside the years 1970 to 9999|unparseable published time)/);
    }
    const ok = normalizeOktaEvent({ uuid: 'u1', published: '9999-12-31T23:59:59.000Z', eventType: 'x' }, { file: 'okta/logs.json', pointer: '/0' }, CTX);
    expect('skip' in ok ? ok.skip : formatIsoUtc(ok.epochMs)).toMatch(ISO);
  });
});

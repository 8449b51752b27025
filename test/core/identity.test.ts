import { describe, expect, it } from 'vitest';
import { buildIdentity, groupRecords, matchesKeys, sameHost, sameUser, type MacRecord } from '../../src/core/identity.js';
import { typoSuggestions } from '../../src/core/resolve.js';

const rec = (source: string, id: string, extra: Partial<MacRecord>): MacRecord => ({ source, id, users: [], ...extra });

describe('identity core', () => {
  it('users match across case and between a short name and an address; host names without .local', () => {
    expect(sameUser('Alice@Example.com', 'alice@example.com')).toBe(true);
    expect(sameUser('alice', 'alice@example.com')).toBe(true);
    expect(sameUser('alice@example.com', 'alice@other.com')).toBe(false);
    expect(sameHost('Alice-MBP.local', 'alice-mbp')).toBe(true);
    expect(sameHost('alice-mbp.corp.example.com', 'alice-mbp')).toBe(true);
    expect(sameHost('alice-mbp', 'bob-mbp')).toBe(false);
  });

  it('records of one serial are one Mac; a serial-less record with the same UDID joins it', () => {
    const groups = groupRecords([
      rec('jamf', '1', { serial: 'C02A', udid: 'U1' }),
      rec('okta', 'g1', { serial: 'c02a' }),
      rec('okta', 'g2', { udid: 'u1' }),
      rec('jamf', '2', { serial: 'C02B' }),
    ]);
    expect(groups.map((g) => g.map((r) => r.id))).toEqual([['1', 'g1', 'g2'], ['2']]);
  });

  it('a key the Mac has no value for does not rule it out; a different value does', () => {
    const id = buildIdentity([rec('okta', 'g1', { serial: 'C02A', users: ['bob@example.com'] })], {});
    expect(matchesKeys(id, { hostname: 'alice-mbp' })).toBe(true);
    expect(matchesKeys(id, { user: 'alice@example.com' })).toBe(false);
    expect(matchesKeys(id, { ids: { okta: 'g2' } })).toBe(false);
    expect(matchesKeys(id, { ids: { jamf: '7' } })).toBe(true);
  });

  it('suggests the likely typo: O/I in a serial, a host name given as a serial and the reverse, a login without a domain', () => {
    expect(typoSuggestions({ serial: 'C02FX1TLQ6LO' })).toEqual(['Apple serials have no letter O or I: try --serial C02FX1TLQ6L0']);
    expect(typoSuggestions({ serial: 'alice-mbp' })).toEqual(['alice-mbp looks like a host name: try --hostname alice-mbp']);
    expect(typoSuggestions({ hostname: 'C02FX1TLQ6L4' })).toEqual(['C02FX1TLQ6L4 looks like a serial number: try --serial C02FX1TLQ6L4']);
    expect(typoSuggestions({ user: 'alice' })).toEqual(['alice is not an e-mail address: Okta logins usually are; try --user alice@<your domain>']);
    expect(typoSuggestions({ serial: 'C02FX1TLQ6L4' })).toEqual([]);
  });
});

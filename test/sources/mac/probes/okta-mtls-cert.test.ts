import { describe, expect, it } from 'vitest';
import { parseOktaMtlsCert } from '../../../../src/sources/mac/probes/okta-mtls-cert.js';
import { AT_COLLECTION, NO_CLOCK, probeFixture } from './fixture.js';
import { reading } from './reading.js';

const VALID = {
  sha256: '9AFD0215F4D8E76D167EB30833B44C20D69182B613C1E703CF8AE62F6C5DF83D',
  sha1: 'F66AC387A733904882E0FE0D9FDAE6CD790FE2C6',
  subject: 'CN=Okta MTLS C02FX1TLQ6L4 2026, O=trustline test fixtures',
  issuer: 'O=trustline test fixtures, CN=Synthetic Device Trust CA',
  notBeforeMs: Date.UTC(2026, 4, 20, 14, 0, 0),
  notAfterMs: Date.UTC(2027, 10, 20, 14, 0, 0),
};

const EXPIRED = {
  sha256: '6F378CCE67BEE64CA0062494A74256CF8E89BFCFF2EBFB533C27F259A7EA4B19',
  sha1: '26A4000D9FDE184F7533520E35280802700F50AA',
  subject: 'CN=Okta MTLS C02FX1TLQ6L4 2024, O=trustline test fixtures',
  issuer: 'O=trustline test fixtures, CN=Synthetic Device Trust CA',
  notBeforeMs: Date.UTC(2024, 10, 20, 14, 0, 0),
  notAfterMs: Date.UTC(2025, 10, 20, 14, 0, 0),
};

describe('parseOktaMtlsCert', () => {
  it('treats empty output as no certificate (severity error)', () => {
    const r = reading(parseOktaMtlsCert(probeFixture('okta-mtls-cert', 'empty'), AT_COLLECTION));
    expect(r.facts).toEqual({ oktaCertificates: [] });
    expect(r.severity).toBe('error');
    expect(r.summary).toBe('No Okta MTLS certificate in the keychain');
    expect(parseOktaMtlsCert('\r\n\n', AT_COLLECTION)).toEqual(r);
  });

  it('reads hashes, names and validity of a valid certificate', () => {
    const r = reading(parseOktaMtlsCert(probeFixture('okta-mtls-cert', 'valid'), AT_COLLECTION));
    expect(r.facts.oktaCertificates).toEqual([VALID]);
    expect(r.severity).toBe('info');
    expect(r.summary).toBe('Okta MTLS certificate valid until 2027-11-20T14:00:00Z (364 days left)');
    expect(r.fields).toMatchObject({ certificates: 1, valid: 1, expired: 0, unreadable: 0, daysLeft: 364 });
  });

  it('keeps every certificate when a renewed one follows an expired one', () => {
    const r = reading(parseOktaMtlsCert(probeFixture('okta-mtls-cert', 'renewed'), AT_COLLECTION));
    expect(r.facts.oktaCertificates).toEqual([EXPIRED, VALID]);
    expect(r.severity).toBe('info');
    expect(r.summary).toBe('Okta MTLS certificate valid until 2027-11-20T14:00:00Z (364 days left); 1 expired');
    expect(r.fields.latestNotAfterMs).toBe(VALID.notAfterMs);
  });

  it('is an error when every certificate expired at collection time', () => {
    const r = reading(parseOktaMtlsCert(probeFixture('okta-mtls-cert', 'expired'), AT_COLLECTION));
    expect(r.facts.oktaCertificates).toEqual([EXPIRED]);
    expect(r.severity).toBe('error');
    expect(r.summary).toBe('1 Okta MTLS certificate in the keychain, none is valid now (latest ends 2025-11-20T14:00:00Z)');
  });

  it('warns when the best certificate expires within 14 days (space-padded validTo day)', () => {
    const r = reading(parseOktaMtlsCert(probeFixture('okta-mtls-cert', 'expiring'), AT_COLLECTION));
    expect(r.facts.oktaCertificates?.[0]?.notAfterMs).toBe(Date.UTC(2026, 11, 3, 9, 0, 0));
    expect(r.severity).toBe('warn');
    expect(r.summary).toBe('Okta MTLS certificate valid until 2026-12-03T09:00:00Z (expires in 12 days)');
  });

  it('judges validity at the given time, not the wall clock', () => {
    const justBeforeEnd = { nowMs: VALID.notAfterMs - 1000 };
    expect(reading(parseOktaMtlsCert(probeFixture('okta-mtls-cert', 'valid'), justBeforeEnd)).severity).toBe('warn');
    const atEnd = { nowMs: VALID.notAfterMs };
    expect(reading(parseOktaMtlsCert(probeFixture('okta-mtls-cert', 'valid'), atEnd)).severity).toBe('error');
    const beforeStart = { nowMs: VALID.notBeforeMs - 1 };
    expect(reading(parseOktaMtlsCert(probeFixture('okta-mtls-cert', 'valid'), beforeStart)).summary).toContain('none is valid now');
  });

  it('lists certificates without judging when no time is known', () => {
    const r = reading(parseOktaMtlsCert(probeFixture('okta-mtls-cert', 'renewed'), NO_CLOCK));
    expect(r.severity).toBe('info');
    expect(r.summary).toBe('2 Okta MTLS certificates in the keychain, latest valid until 2027-11-20T14:00:00Z');
  });

  it('keeps the hashes of a broken PEM, with null dates, and says so', () => {
    const r = reading(parseOktaMtlsCert(probeFixture('okta-mtls-cert', 'broken-pem'), AT_COLLECTION));
    expect(r.facts.oktaCertificates).toEqual([
      { sha256: VALID.sha256, sha1: VALID.sha1, subject: undefined, issuer: undefined, notBeforeMs: null, notAfterMs: null },
    ]);
    expect(r.severity).toBe('warn');
    expect(r.summary).toMatch(/^1 Okta MTLS certificate in the keychain, none readable \(.+\)$/);
    expect(r.fields).toMatchObject({ certificates: 1, unreadable: 1 });
  });

  it('warns about an unreadable certificate next to a valid one', () => {
    const text = probeFixture('okta-mtls-cert', 'broken-pem') + probeFixture('okta-mtls-cert', 'valid');
    const r = reading(parseOktaMtlsCert(text, AT_COLLECTION));
    expect(r.facts.oktaCertificates).toHaveLength(2);
    expect(r.facts.oktaCertificates?.[1]).toEqual(VALID);
    expect(r.severity).toBe('warn');
    expect(r.summary).toMatch(/^Okta MTLS certificate valid until 2027-11-20T14:00:00Z \(364 days left\); 1 certificate could not be read \(.+\)$/);
  });

  it('computes hashes from the PEM when -Z was not used', () => {
    const pemOnly = probeFixture('okta-mtls-cert', 'valid').split('\n').slice(2).join('\n');
    const r = reading(parseOktaMtlsCert(pemOnly, AT_COLLECTION));
    expect(r.facts.oktaCertificates).toEqual([VALID]);
  });

  it('treats a truncated PEM as unreadable', () => {
    const truncated = probeFixture('okta-mtls-cert', 'valid').split('\n').slice(0, 6).join('\n');
    const r = reading(parseOktaMtlsCert(truncated, AT_COLLECTION));
    expect(r.facts.oktaCertificates?.[0]).toMatchObject({ sha256: VALID.sha256, notAfterMs: null });
    expect(r.fields.unreadable).toBe(1);
  });
});

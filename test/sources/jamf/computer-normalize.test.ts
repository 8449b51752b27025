import { describe, expect, it } from 'vitest';
import type { JsonObject, JsonValue } from '../../../src/io/json-file.js';
import { normalizeJamfComputer, type NormalizedJamfComputer } from '../../../src/sources/jamf/computer.js';
import { CTX, outline } from './helpers.js';

const REL = 'jamf/computer.json';

function normalized(doc: JsonValue, ctx = CTX): NormalizedJamfComputer {
  const result = normalizeJamfComputer(doc, REL, ctx);
  if ('error' in result) throw new Error(result.error);
  return result;
}

const general = (extra: JsonObject): JsonObject => ({
  id: '7',
  general: { name: 'mac', remoteManagement: { managed: true }, mdmCapable: { capable: true }, ...extra },
  hardware: { serialNumber: 'C02FX1TLQ6L4' },
});

describe('normalizeJamfComputer', () => {
  it('treats epoch zero as never: null in state, no event', () => {
    const { state, events, skips } = normalized(
      general({ mdmProfileExpiration: '1970-01-01T00:00:00Z', lastEnrolledDate: '1970-01-01T00:00:00.000Z', reportDate: '2026-11-20T10:00:00Z' }),
    );
    expect(state.mdmProfileExpiresMs).toBeNull();
    expect(state.lastEnrolledMs).toBeNull();
    expect(skips).toEqual([]);
    expect(events.map((e) => e.kind)).toEqual(['jamf.inventory.report', 'jamf.inventory.state']);
  });

  it('leaves a malformed date undefined and records where it was', () => {
    const { state, skips } = normalized(general({ lastEnrolledDate: 1_700_000_000, reportDate: '2026-11-20 10:00:00' }));
    expect(state.lastEnrolledMs).toBeUndefined();
    expect(state.lastInventoryMs).toBeUndefined();
    expect(skips).toEqual([
      { at: '/general/lastEnrolledDate', reason: 'unreadable date 1700000000' },
      { at: '/general/reportDate', reason: 'unreadable date "2026-11-20 10:00:00"' },
    ]);
  });

  it('keeps microseconds and zone offsets of Pro API date-times', () => {
    const { events } = normalized(general({ reportDate: '2026-11-20T15:00:00.123456+01:00' }));
    expect(events[0]).toMatchObject({ kind: 'jamf.inventory.report', epochMs: 1_795_183_200_123, micros: 456 }); // 14:00:00.123456Z
    expect(events[0]).toMatchObject({ originalTime: '2026-11-20T15:00:00.123456+01:00' });
  });

  it('uses v4 lastContact as the check-in when lastCheckIn is missing, with no separate contact event', () => {
    const { state, events } = normalized(general({ lastContact: '2026-11-20T12:00:00Z' }));
    expect(state.lastCheckInMs).toBe(1_795_176_000_000);
    expect(state.lastContactMs).toBe(1_795_176_000_000);
    expect(events.map((e) => e.kind)).toEqual(['jamf.inventory.check-in', 'jamf.inventory.state']);
  });

  it('rates attestation: warn unless SUCCESS, and a successful attestation is info', () => {
    const doc: JsonValue = {
      ...general({}),
      security: { lastAttestationAttempt: '2026-11-20T09:00:00Z', lastSuccessfulAttestation: '2026-11-20T09:00:01Z', attestationStatus: 'SUCCESS' },
    };
    const { events } = normalized(doc);
    expect(outline(events).slice(0, 2)).toEqual([
      ['jamf:7:attestation:attempt', 'jamf.attestation', 'info', 1_795_165_200_000],
      ['jamf:7:attestation:success', 'jamf.attestation', 'info', 1_795_165_201_000],
    ]);
  });

  it('rates certificates: revoked is an error whatever the date, EXPIRING at least a warning', () => {
    const doc: JsonValue = {
      ...general({}),
      certificates: [
        { commonName: 'revoked', expirationDate: '2030-01-01T00:00:00Z', certificateStatus: 'REVOKED' },
        { commonName: 'expiring', expirationDate: '2030-01-01T00:00:00Z', certificateStatus: 'EXPIRING' },
        { commonName: 'fine', expirationDate: '2030-01-01T00:00:00Z', certificateStatus: 'ISSUED' },
        { commonName: 'never', expirationDate: '1970-01-01T00:00:00Z' },
        'garbage',
      ],
    };
    const { state, events, skips } = normalized(doc);
    const certs = events.filter((e) => e.kind === 'jamf.certificate.expiry');
    expect(certs.map((e) => [e.id, e.severity])).toEqual([
      ['jamf:7:certificate:0', 'error'],
      ['jamf:7:certificate:1', 'warn'],
      ['jamf:7:certificate:2', 'info'],
    ]);
    expect(certs[0]?.summary).toBe('Certificate "revoked" expires, revoked');
    expect(state.certificates.map((c) => [c.commonName, c.expiresMs])).toEqual([
      ['revoked', 1_893_456_000_000],
      ['expiring', 1_893_456_000_000],
      ['fine', 1_893_456_000_000],
      ['never', null],
    ]);
    expect(skips).toEqual([{ at: '/certificates/4', reason: 'certificates entry is not an object' }]);
  });

  it('judges expiry as info when the collection time is unknown', () => {
    const { events } = normalized(general({ mdmProfileExpiration: '2020-01-01T00:00:00Z' }), { ...CTX, collectedAtMs: undefined });
    expect(events.map((e) => [e.kind, e.severity, e.summary])).toEqual([['jamf.mdm-profile.expiry', 'info', 'MDM profile expires']]);
  });

  it('gives repeated profile ids distinct, stable event ids', () => {
    const doc: JsonValue = {
      ...general({}),
      configurationProfiles: [
        { id: '5', displayName: 'Wi-Fi', lastInstalled: '2026-11-01T00:00:00Z', username: 'alice' },
        { id: '5', displayName: 'Wi-Fi', lastInstalled: '2026-11-02T00:00:00Z', username: 'bob' },
        { displayName: 'No id', lastInstalled: '2026-11-03T00:00:00Z' },
      ],
    };
    expect(normalized(doc).events.filter((e) => e.kind === 'jamf.profile.installed').map((e) => e.id)).toEqual([
      'jamf:7:profile:5',
      'jamf:7:profile:5#2',
      'jamf:7:profile:2',
    ]);
  });

  it('falls back to the first record, with a note, when no result carries the serial', () => {
    const doc = { totalCount: 1, results: [{ id: '9', general: { name: 'other' }, hardware: { serialNumber: 'XYZ' } }] };
    const { state, notes } = normalized(doc);
    expect(state.id).toBe('9');
    expect(state.recordsFound).toBe(1);
    expect(notes).toEqual(['no Jamf inventory record has serial C02FX1TLQ6L4; using id 9 (serial XYZ)']);
  });

  it('skips list results that are not objects and reads pointers from the chosen index', () => {
    const doc = { totalCount: 2, results: [null, general({ reportDate: 'bad' })] };
    const { state, skips } = normalized(doc);
    expect(state.id).toBe('7');
    expect(skips).toEqual([
      { at: '/results/0', reason: 'inventory result is not an object' },
      { at: '/results/1/general/reportDate', reason: 'unreadable date "bad"' },
    ]);
  });

  it('refuses documents of another shape', () => {
    expect(normalizeJamfComputer('text', REL, CTX)).toEqual({ error: 'not a Jamf computer record (not a JSON object)' });
    expect(normalizeJamfComputer({ results: 'x' }, REL, CTX)).toEqual({ error: 'not a Jamf computer record (no "general" or "results")' });
    expect(normalizeJamfComputer({ error: 'invalid_client', error_description: 'Client authentication failed' }, REL, CTX)).toEqual({
      error: 'Jamf authentication error invalid_client (Client authentication failed)',
    });
  });
});

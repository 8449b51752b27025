import { describe, expect, it } from 'vitest';
import { normalizeJamfComputer, parseJamfComputerFile } from '../../../src/sources/jamf/computer.js';
import { byId, COLLECTED_AT_MS, CTX, fixture, outline } from './helpers.js';

const REL = 'jamf/computer.json';

describe('parseJamfComputerFile: v4 detail object', () => {
  it('fills the device state from every section', async () => {
    const { state, report } = await parseJamfComputerFile(fixture('computer-v4-detail.json'), REL, CTX);
    expect(report.messages()).toEqual([]);
    expect(state).toEqual({
      recordsFound: 1,
      id: '42',
      udid: '8E2B4F7A-1C3D-5A6B-9E0F-2D4C6B8A0E1F',
      serial: 'C02FX1TLQ6L4',
      name: 'alice-mbp',
      managementId: '3b9e6a52-7c1d-4f08-a2e5-91d4c0b7f6e3',
      managed: true,
      supervised: true,
      mdmCapable: true,
      enrolledViaAde: true,
      userApprovedMdm: true,
      lastEnrolledMs: 1_741_969_325_000, // 2025-03-14T16:22:05Z
      lastCheckInMs: 1_795_183_089_000, // 2026-11-20T13:58:09Z
      lastContactMs: 1_795_183_361_318, // 2026-11-20T14:02:41.318Z
      lastInventoryMs: 1_795_179_912_000, // 2026-11-20T13:05:12Z
      mdmProfileExpiresMs: 1_805_041_300_000, // 2027-03-14T16:21:40Z
      attestationStatus: 'PENDING',
      osVersion: '15.6.1',
      username: 'alice',
      email: 'alice@example.com',
      profiles: [
        { name: 'Okta Device Trust SCEP', identifier: 'com.example.okta.devicetrust.scep', lastInstalledMs: 1_795_079_550_000 },
        { name: 'Okta SSO Extension', identifier: 'com.example.okta.sso-extension', lastInstalledMs: 1_795_183_862_250 },
      ],
      profilesReturned: true,
      certificates: [
        {
          commonName: '8E2B4F7A-1C3D-5A6B-9E0F-2D4C6B8A0E1F',
          expiresMs: 1_805_041_300_000,
          status: 'ISSUED',
          identity: true,
          subject: 'CN=8E2B4F7A-1C3D-5A6B-9E0F-2D4C6B8A0E1F, O=Example Corp MDM',
          serialNumber: '5a1e93c7',
          issuedMs: 1_741_969_300_000,
        },
        { commonName: 'Okta MTLS', expiresMs: 1_794_988_800_000, status: 'EXPIRED', identity: true, subject: 'CN=Okta MTLS, OU=Device Trust', serialNumber: '0b77e412', issuedMs: 1_763_452_800_000 },
        { commonName: 'Example Corp Wi-Fi', expiresMs: 1_796_428_800_000, status: 'EXPIRING', identity: true, subject: 'CN=alice-mbp.corp.example.com', serialNumber: '7de0a1b2', issuedMs: 1_764_892_800_000 },
      ],
    });
  });

  it('turns dated fields into events and leaves epoch-zero attestation out', async () => {
    const { events } = await parseJamfComputerFile(fixture('computer-v4-detail.json'), REL, CTX);
    expect(outline(events)).toEqual([
      ['jamf:42:enrolled', 'jamf.inventory.enrolled', 'info', 1_741_969_325_000],
      ['jamf:42:check-in', 'jamf.inventory.check-in', 'info', 1_795_183_089_000],
      ['jamf:42:contact', 'jamf.inventory.contact', 'info', 1_795_183_361_318],
      ['jamf:42:report', 'jamf.inventory.report', 'info', 1_795_179_912_000],
      ['jamf:42:mdm-profile-expiry', 'jamf.mdm-profile.expiry', 'info', 1_805_041_300_000],
      ['jamf:42:profile:117', 'jamf.profile.installed', 'info', 1_795_079_550_000],
      ['jamf:42:profile:123', 'jamf.profile.installed', 'info', 1_795_183_862_250],
      ['jamf:42:certificate:0', 'jamf.certificate.expiry', 'info', 1_805_041_300_000],
      ['jamf:42:certificate:1', 'jamf.certificate.expiry', 'error', 1_794_988_800_000],
      ['jamf:42:certificate:2', 'jamf.certificate.expiry', 'warn', 1_796_428_800_000],
      ['jamf:42:state', 'jamf.inventory.state', 'info', 1_795_179_912_000],
    ]);
    expect(events.some((e) => e.kind === 'jamf.attestation')).toBe(false);
  });

  it('keeps the original text, the field pointer and the device keys on each event', async () => {
    const { events } = await parseJamfComputerFile(fixture('computer-v4-detail.json'), REL, CTX);
    const contact = byId(events, 'jamf:42:contact');
    expect(contact.originalTime).toBe('2026-11-20T14:02:41.318Z');
    expect(contact.source).toBe('jamf');
    expect(contact.raw).toEqual({ file: REL, pointer: '/general/lastContact' });
    expect(contact.keys).toEqual({
      serial: 'C02FX1TLQ6L4',
      udid: '8E2B4F7A-1C3D-5A6B-9E0F-2D4C6B8A0E1F',
      managementId: '3b9e6a52-7c1d-4f08-a2e5-91d4c0b7f6e3',
      hostname: 'alice-mbp',
      user: 'alice@example.com',
    });
    expect(contact.micros).toBeUndefined();
  });

  it('describes profiles, certificates and the management state in fields and summaries', async () => {
    const { events } = await parseJamfComputerFile(fixture('computer-v4-detail.json'), REL, CTX);
    const sso = byId(events, 'jamf:42:profile:123');
    expect(sso.fields).toEqual({ profileName: 'Okta SSO Extension', profileIdentifier: 'com.example.okta.sso-extension' });
    expect(sso.raw.pointer).toBe('/configurationProfiles/1/lastInstalled');

    const expired = byId(events, 'jamf:42:certificate:1');
    expect(expired.summary).toBe('Certificate "Okta MTLS" (identity) expired');
    expect(expired.fields).toEqual({
      certificateName: 'Okta MTLS',
      certificateStatus: 'EXPIRED',
      identity: true,
      expiresAt: '2026-11-18T08:00:00.000Z',
      subjectName: 'CN=Okta MTLS, OU=Device Trust',
      serialNumber: '0b77e412',
      issuedAt: '2025-11-18T08:00:00Z',
    });
    expect(byId(events, 'jamf:42:certificate:2').summary).toBe('Certificate "Example Corp Wi-Fi" (identity) expires in 14 days');

    const state = byId(events, 'jamf:42:state');
    expect(state.summary).toBe('Jamf inventory: managed, supervised, MDM capable, enrolled via ADE, user-approved MDM');
    expect(state.fields).toEqual({ managed: true, supervised: true, mdmCapable: true, userApprovedMdm: true, enrolledViaAde: true });
    expect(state.originalTime).toBe('2026-11-20T13:05:12Z');
  });

  it('reads a file with a UTF-8 BOM and CRLF line endings', async () => {
    const { state, events, report } = await parseJamfComputerFile(fixture('computer-bom-crlf.json'), REL, CTX);
    expect(report.fatal).toBeUndefined();
    expect(state?.serial).toBe('C02FX1TLQ6L4');
    expect(state?.lastCheckInMs).toBe(1_795_183_089_000);
    expect(state?.lastContactMs).toBeUndefined();
    expect(outline(events)).toEqual([
      ['jamf:42:check-in', 'jamf.inventory.check-in', 'info', 1_795_183_089_000],
      ['jamf:42:report', 'jamf.inventory.report', 'info', 1_795_179_912_000],
      ['jamf:42:state', 'jamf.inventory.state', 'info', 1_795_179_912_000],
    ]);
  });
});

describe('parseJamfComputerFile: v1 list response', () => {
  it('picks the record matching the serial (case-insensitive, trimmed) and reports the duplicate', async () => {
    const { state, report } = await parseJamfComputerFile(fixture('computers-v1-list-duplicates.json'), REL, CTX);
    expect(state?.recordsFound).toBe(2);
    expect(state?.id).toBe('42');
    expect(state?.serial).toBe('C02FX1TLQ6L4');
    expect(report.notes).toEqual([`${REL}: 2 Jamf inventory records match serial C02FX1TLQ6L4; using id 42`]);
  });

  it('skips the malformed reportDate, leaving it unknown, and reads lastContactTime as check-in and contact', async () => {
    const { state, report } = await parseJamfComputerFile(fixture('computers-v1-list-duplicates.json'), REL, CTX);
    expect(report.skipped).toBe(1);
    expect(report.messages()[0]).toBe(
      `${REL}: 1 malformed record skipped, first at ${REL}#/results/0/general/reportDate (unreadable date "2026/11/20 at 1:05 PM")`,
    );
    expect(state?.lastInventoryMs).toBeUndefined();
    expect(state && 'lastInventoryMs' in state).toBe(false);
    expect(state?.lastCheckInMs).toBe(1_795_183_361_000); // 2026-11-20T14:02:41Z
    expect(state?.lastContactMs).toBe(1_795_183_361_000);
    expect(state?.email).toBeUndefined();
    expect(state?.username).toBe('alice');
  });

  it('dates the state event at collection time when the report date is unusable', async () => {
    const { events } = await parseJamfComputerFile(fixture('computers-v1-list-duplicates.json'), REL, CTX);
    expect(outline(events)).toEqual([
      ['jamf:42:enrolled', 'jamf.inventory.enrolled', 'info', 1_741_969_325_000],
      ['jamf:42:check-in', 'jamf.inventory.check-in', 'info', 1_795_183_361_000],
      ['jamf:42:mdm-profile-expiry', 'jamf.mdm-profile.expiry', 'warn', 1_796_919_700_000],
      ['jamf:42:attestation:attempt', 'jamf.attestation', 'warn', 1_795_165_200_000],
      ['jamf:42:state', 'jamf.inventory.state', 'info', COLLECTED_AT_MS],
    ]);
    const state = byId(events, 'jamf:42:state');
    expect(state.originalTime).toBe('2026-11-20T14:30:00.000Z');
    expect(state.timeNote).toBe('no inventory report date; placed at collection time');
    expect(state.raw.pointer).toBe('/results/0/general');
    expect(state.keys.user).toBe('alice');
    expect(byId(events, 'jamf:42:check-in').raw.pointer).toBe('/results/0/general/lastContactTime');
    expect(byId(events, 'jamf:42:mdm-profile-expiry').summary).toBe('MDM profile expires in 20 days');
    expect(byId(events, 'jamf:42:attestation:attempt').fields).toEqual({ attestationStatus: 'CERTIFICATE_INVALID', attestation: 'attempt' });
  });

  it('counts every record when no serial is known', async () => {
    const { state, report } = await parseJamfComputerFile(fixture('computers-v1-list-duplicates.json'), REL, { ...CTX, serial: undefined });
    expect(state?.recordsFound).toBe(2);
    expect(state?.id).toBe('42');
    expect(report.notes).toEqual([`${REL}: 2 Jamf inventory records and no serial to choose by; using id 42`]);
  });
});

describe('parseJamfComputerFile: unmanaged and missing devices', () => {
  it('flags an unmanaged, not MDM-capable record and an expired MDM profile as errors', async () => {
    const { state, events } = await parseJamfComputerFile(fixture('computer-unmanaged.json'), REL, CTX);
    expect(state).toMatchObject({ recordsFound: 1, id: '61', managed: false, mdmCapable: false, mdmProfileExpiresMs: 1_793_377_300_000 });
    const summary = byId(events, 'jamf:61:state');
    expect(summary.severity).toBe('error');
    expect(summary.epochMs).toBe(1_788_338_477_000); // reportDate 2026-09-02T08:41:17Z
    expect(summary.summary).toBe('Jamf inventory: NOT managed, not supervised, NOT MDM capable, not enrolled via ADE, MDM not user-approved');
    const expiry = byId(events, 'jamf:61:mdm-profile-expiry');
    expect([expiry.severity, expiry.summary]).toEqual(['error', 'MDM profile expired']);
  });

  it('reports an empty list as no record: recordsFound 0 and one error event at collection time', async () => {
    const { state, events, report } = await parseJamfComputerFile(fixture('computers-empty.json'), REL, CTX);
    expect(state).toEqual({ recordsFound: 0, profiles: [], certificates: [] });
    expect(report.fatal).toBeUndefined();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: 'jamf:inventory:not-found',
      kind: 'jamf.inventory.not-found',
      severity: 'error',
      epochMs: COLLECTED_AT_MS,
      originalTime: '2026-11-20T14:30:00.000Z',
      summary: 'Jamf has no computer record for this serial (C02FX1TLQ6L4)',
      keys: { serial: 'C02FX1TLQ6L4' },
      raw: { file: REL, pointer: '/results' },
    });
  });

  it('returns the empty state without an event when the collection time is unknown', () => {
    const result = normalizeJamfComputer({ totalCount: 0, results: [] }, REL, { ...CTX, collectedAtMs: undefined });
    expect(result).toMatchObject({ state: { recordsFound: 0 }, events: [] });
  });
});

describe('parseJamfComputerFile: unusable files', () => {
  it.each([
    ['classic-401.html', 'not JSON: looks like an HTML page (an error or login page?) — "Unauthorized: The request requires user authentication"'],
    ['not-json.txt', 'not JSON: starts with "u"'],
    ['empty.json', 'empty file'],
    ['computer-truncated.json', 'truncated JSON: the document ends early'],
    ['history.xml', 'not JSON: an XML document <computer_history> (the Classic API answers XML unless sent Accept: application/json)'],
    ['api-error-404.json', 'Jamf API error 404 (INVALID_ID: Specified computer object does not exist.)'],
    ['mdm-commands-v1-array.json', 'not a Jamf computer record (a JSON array)'],
    ['history-flat.json', 'not a Jamf computer record (no "general" or "results")'],
  ])('%s fails with one line', async (name, reason) => {
    const { state, events, report } = await parseJamfComputerFile(fixture(name), REL, CTX);
    expect(state).toBeUndefined();
    expect(events).toEqual([]);
    expect(report.fatal).toBe(`${REL}: ${reason}`);
    expect(report.messages()).toEqual([`${REL}: ${reason}`]);
  });

  it('fails for a file that does not exist', async () => {
    const { report } = await parseJamfComputerFile(fixture('no-such-file.json'), REL, CTX);
    expect(report.fatal).toBe(`${REL}: cannot read the file (ENOENT)`);
  });
});

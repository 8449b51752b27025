import { describe, expect, it } from 'vitest';
import { parseProfilesStatus } from '../../../../src/sources/mac/probes/profiles-status.js';
import { probeFixture } from './fixture.js';
import { reading } from './reading.js';

describe('parseProfilesStatus', () => {
  it('reads a user-approved enrollment outside ADE', () => {
    const r = reading(parseProfilesStatus(probeFixture('profiles-status', 'user-approved')));
    expect(r.facts.enrollment).toEqual({
      dep: false,
      mdm: true,
      userApproved: true,
      server: 'https://example.jamfcloud.com/mdm/ServerURL',
    });
    expect(r.severity).toBe('info');
    expect(r.summary).toBe('Mac enrolled in MDM at https://example.jamfcloud.com/mdm/ServerURL (not via ADE), user approved');
  });

  it('reads an ADE enrollment', () => {
    const r = reading(parseProfilesStatus(probeFixture('profiles-status', 'ade')));
    expect(r.facts.enrollment).toMatchObject({ dep: true, mdm: true, userApproved: true });
    expect(r.summary).toContain('via ADE');
  });

  it('flags an unenrolled Mac as an error and keeps the DEP fetch error', () => {
    const r = reading(parseProfilesStatus(probeFixture('profiles-status', 'unenrolled')));
    expect(r.facts.enrollment).toEqual({ dep: false, mdm: false, userApproved: false, server: undefined });
    expect(r.severity).toBe('error');
    expect(r.summary).toBe('Mac is not enrolled in MDM (profiles status)');
    expect(r.fields.depFetchError).toBe('Error fetching Device Enrollment configuration: Client is not DEP enabled.');
  });

  it('reads an enrollment that is not user approved', () => {
    const r = reading(parseProfilesStatus('Enrolled via DEP: No\nMDM enrollment: Yes\n'));
    expect(r.facts.enrollment).toEqual({ dep: false, mdm: true, userApproved: false, server: undefined });
    expect(r.summary).toBe('Mac enrolled in MDM (not via ADE), not user approved');
  });

  it('warns when only the DEP line is present', () => {
    const r = reading(parseProfilesStatus('Enrolled via DEP: No\n'));
    expect(r.facts.enrollment?.mdm).toBeNull();
    expect(r.severity).toBe('warn');
  });

  it('fails on output without status lines', () => {
    expect(parseProfilesStatus('profiles: Must be running as root\n')).toEqual({
      error: 'no enrollment status in output: profiles: Must be running as root',
    });
  });
});

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONTEXT } from '../../../src/model/context.js';
import type { TimelineEvent } from '../../../src/model/event.js';
import { parseOktaLogFiles } from '../../../src/sources/okta/log-files.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/okta/', import.meta.url));

/** A fixture as the bundle loader would pass it: read from the fixture folder, named as in a bundle. */
function fixture(name: string): { path: string; rel: string } {
  return { path: FIXTURES + name, rel: `okta/${name}` };
}

function byId(events: TimelineEvent[], id: string): TimelineEvent {
  const event = events.find((candidate) => candidate.id === id);
  if (!event) throw new Error(`no event ${id}`);
  return event;
}

const POLICY_DENY = 'okta:3c9e8f70-c6f2-11f0-9a11-5d2f6a7b8c04';
const GRANT_FAILURE = 'okta:3ca41b20-c6f2-11f0-9a11-5d2f6a7b8c05';

describe('parseOktaLogFiles: overlapping pages', () => {
  async function parsePages() {
    return parseOktaLogFiles([fixture('logs-page-1.json'), fixture('logs-page-2.json')], EMPTY_CONTEXT);
  }

  it('merges duplicates by uuid across and within files, keeping the first occurrence', async () => {
    const { events, reports } = await parsePages();
    expect(events.map((event) => event.id).sort()).toEqual([
      'okta:0b6c1e40-c6f1-11f0-9a11-5d2f6a7b8c01',
      'okta:1f3a2d50-c6f2-11f0-9a11-5d2f6a7b8c02',
      'okta:2a7b3c60-c6f2-11f0-9a11-5d2f6a7b8c03',
      POLICY_DENY,
      GRANT_FAILURE,
      'okta:3cb1a880-c6f2-11f0-9a11-5d2f6a7b8c06',
      'okta:4a0d5e10-c6f2-11f0-9a11-5d2f6a7b8c07',
      'okta:4a1f0c20-c6f2-11f0-9a11-5d2f6a7b8c08',
      'okta:6c4a3f50-c6f2-11f0-9a11-5d2f6a7b8c11',
    ]);
    expect(byId(events, GRANT_FAILURE).raw).toEqual({ file: 'okta/logs-page-1.json', pointer: '/5' });
    expect(reports.map((report) => report.file)).toEqual(['okta/logs-page-1.json', 'okta/logs-page-2.json']);
    expect(reports[0]!.notes).toEqual([]);
    // page 2 repeats three events of page 1 and one of its own
    expect(reports[1]!.notes).toEqual(['okta/logs-page-2.json: 4 duplicate events (same uuid) merged']);
  });

  it('counts skipped elements per file with the first location', async () => {
    const { reports } = await parsePages();
    const [page1, page2] = reports;
    expect(page1!.skipped).toBe(1);
    expect(page1!.fatal).toBeUndefined();
    expect(page1!.messages()).toEqual([
      'okta/logs-page-1.json: 1 malformed record skipped, first at okta/logs-page-1.json#/3 (no uuid)',
    ]);
    expect(page2!.skipped).toBe(3);
    expect(page2!.fatal).toBeUndefined();
    expect(page2!.messages()[0]).toBe(
      'okta/logs-page-2.json: 3 malformed records skipped, first at okta/logs-page-2.json#/4 ' +
        '(unparseable published time "2026-02-30T10:00:00.000Z")',
    );
  });

  it('normalises the incident story: the Mac sign-in fails at 14:02Z', async () => {
    const { events } = await parsePages();
    const deny = byId(events, POLICY_DENY);
    expect(deny.epochMs).toBe(Date.UTC(2026, 10, 20, 14, 2, 11, 804));
    expect(deny.kind).toBe('okta.policy.evaluate_sign_on');
    expect(deny.severity).toBe('error');
    expect(deny.summary).toBe(
      'Evaluation of sign-on policy: DENY (Authentication policy denied) · alice@example.com → Okta Verify',
    );
    expect(deny.keys).toEqual({ user: 'alice@example.com', oktaDeviceId: 'guo7tlMbpAlice26x7d8' });
    expect(deny.fields['policyName']).toBe('Mac SSO - privileged step-up');
    expect(deny.fields['policyRule']).toBe('Require phishing-resistant MFA for admins');
    expect(deny.fields['debug.risk']).toBe('{reasons=Anomalous Device, level=MEDIUM}');

    const grant = byId(events, GRANT_FAILURE);
    expect(grant.epochMs).toBe(Date.UTC(2026, 10, 20, 14, 2, 12, 90));
    expect(grant.kind).toBe('okta.app.oauth2.token.grant.access_token');
    expect(grant.severity).toBe('error');
    expect(grant.fields['reason']).toBe('invalid_grant: policy evaluation failed for this request');
    expect(grant.fields['clientId']).toBe('0oa7tlMacSsoExt26d8');
    expect(grant.fields['actorType']).toBe('PublicClientApp');
    expect(grant.fields['transactionId']).toBe(deny.fields['transactionId']);
    expect(grant.keys.user).toBe('alice@example.com');

    const sso = byId(events, 'okta:3cb1a880-c6f2-11f0-9a11-5d2f6a7b8c06');
    expect(sso.severity).toBe('error');
    expect(sso.summary).toBe('User single sign on to app: FAILURE (VERIFICATION_ERROR) · alice@example.com → Corp Wiki');
  });

  it('reads device identity from enrollment and sign-in events', async () => {
    const { events } = await parsePages();
    const enrollment = byId(events, 'okta:0b6c1e40-c6f1-11f0-9a11-5d2f6a7b8c01');
    expect(enrollment.kind).toBe('okta.device.enrollment.create');
    expect(enrollment.keys).toEqual({
      user: 'alice@example.com',
      oktaDeviceId: 'guo7tlMbpAlice26x7d8',
      serial: 'C02FX1TLQ6L4',
      udid: '5E1A9C3B-7D2F-4B8E-9A61-C0FFEE2026AB',
      hostname: "Alice's MacBook Pro",
    });
    expect(enrollment.fields['deviceManaged']).toBe(true);
    expect(enrollment.fields['deviceStatus']).toBe('ACTIVE');

    const session = byId(events, 'okta:1f3a2d50-c6f2-11f0-9a11-5d2f6a7b8c02');
    expect(session.severity).toBe('info');
    expect(session.fields['deviceManaged']).toBe(true);
    expect(session.fields['deviceRegistered']).toBe(true);
    expect(session.fields['deviceIntegrators']).toBe('CROWDSTRIKE');
    expect(session.fields['debug.behaviors']).toMatch(/^\{New Geo-Location=NEGATIVE, New Device=NEGATIVE/);
    expect(session.fields['debug.authenticatorCount']).toBe(2);
    expect(session.fields['debug.originalPrincipal']).toBe(
      '{"id":"00u7tlAlice2026x7d8","type":"User","alternateId":"alice@example.com"}',
    );

    const cert = byId(events, 'okta:2a7b3c60-c6f2-11f0-9a11-5d2f6a7b8c03');
    expect(cert.kind).toBe('okta.pki.cert.issue');
    expect(cert.summary).toBe('Issue device trust certificate: SUCCESS · alice@example.com → Okta MTLS');
  });

  it('tolerates null outcome and target, an empty client and unknown fields', async () => {
    const { events } = await parsePages();
    const limit = byId(events, 'okta:4a0d5e10-c6f2-11f0-9a11-5d2f6a7b8c07');
    expect(limit.severity).toBe('warn');
    expect(limit.summary).toBe('Too many concurrent requests in flight · incident collector');
    expect(limit.fields['outcome']).toBeUndefined();
    expect(limit.fields['clientId']).toBeUndefined();

    const future = byId(events, 'okta:4a1f0c20-c6f2-11f0-9a11-5d2f6a7b8c08');
    expect(future.kind).toBe('okta.device.posture.check.future_kind');
    expect(future.severity).toBe('warn');
    expect(future.fields['outcome']).toBe('CHALLENGE');
    expect(Object.keys(future.fields).some((key) => key.startsWith('debug.'))).toBe(false);
  });
});

describe('parseOktaLogFiles: file shapes', () => {
  it('reads a file that starts with a UTF-8 BOM', async () => {
    const { events, reports } = await parseOktaLogFiles([fixture('logs-bom.json')], EMPTY_CONTEXT);
    expect(reports[0]!.messages()).toEqual([]);
    expect(events.map((event) => [event.id, event.epochMs, event.severity])).toEqual([
      ['okta:7d5b4060-c6f2-11f0-9a11-5d2f6a7b8c12', Date.UTC(2026, 10, 20, 14, 1, 30, 0), 'error'],
      ['okta:7d6c5170-c6f2-11f0-9a11-5d2f6a7b8c13', Date.UTC(2026, 10, 20, 14, 1, 45, 250), 'info'],
    ]);
  });

  it('reads a CRLF file and keeps summaries on one line', async () => {
    const { events, reports } = await parseOktaLogFiles([fixture('logs-crlf.json')], EMPTY_CONTEXT);
    expect(reports[0]!.messages()).toEqual([]);
    expect(events).toHaveLength(2);
    expect(events[0]!.summary).toBe('Update user profile for Okta: SUCCESS (multi line reason) · alice@example.com');
    expect(events[1]!.raw).toEqual({ file: 'okta/logs-crlf.json', pointer: '/1' });
  });

  it('keeps the events before a truncation and marks the file as not fully usable', async () => {
    const { events, reports } = await parseOktaLogFiles([fixture('logs-truncated.json')], EMPTY_CONTEXT);
    expect(events.map((event) => event.id)).toEqual([
      'okta:9f9f84a0-c6f2-11f0-9a11-5d2f6a7b8c16',
      'okta:9fb095b0-c6f2-11f0-9a11-5d2f6a7b8c17',
    ]);
    expect(reports[0]!.fatal).toBe('okta/logs-truncated.json: truncated JSON after element 2');
  });

  it('explains an Okta error body saved in place of a page', async () => {
    const { events, reports } = await parseOktaLogFiles([fixture('logs-error-invalid-token.json')], EMPTY_CONTEXT);
    expect(events).toEqual([]);
    expect(reports[0]!.fatal).toBe(
      'okta/logs-error-invalid-token.json: an Okta error body, not events: E0000011 Invalid token provided',
    );
  });

  it('rejects other top-level objects', async () => {
    const { events, reports } = await parseOktaLogFiles([fixture('logs-wrapped-object.json')], EMPTY_CONTEXT);
    expect(events).toEqual([]);
    expect(reports[0]!.fatal).toBe('okta/logs-wrapped-object.json: expected a JSON array of LogEvents');
  });

  it('fails HTML, empty and missing files with a one-line reason', async () => {
    const { events, reports } = await parseOktaLogFiles(
      [fixture('logs-html-page.json'), fixture('logs-empty.json'), fixture('no-such-file.json')],
      EMPTY_CONTEXT,
    );
    expect(events).toEqual([]);
    expect(reports.map((report) => report.fatal)).toEqual([
      'okta/logs-html-page.json: not JSON: looks like an HTML page (an error or login page?)',
      'okta/logs-empty.json: empty file',
      'okta/no-such-file.json: cannot read the file (ENOENT)',
    ]);
  });

  it('leaves okta/devices.json to the devices parser and still reads the other files', async () => {
    const { events, reports } = await parseOktaLogFiles(
      [fixture('devices.json'), fixture('logs-bom.json')],
      EMPTY_CONTEXT,
    );
    expect(reports.map((report) => report.file)).toEqual(['okta/logs-bom.json']);
    expect(events).toHaveLength(2);
  });

  it('returns nothing for no files', async () => {
    expect(await parseOktaLogFiles([], EMPTY_CONTEXT)).toEqual({ events: [], reports: [] });
  });
});

import { describe, expect, it } from 'vitest';
import { loadDiagnosisModel } from '../../src/config/diagnosis-packs.js';
import { AnalysisDiagnosis, rankAnalysis } from '../../src/diagnosis/rank-analysis.js';
import type { Analysis, SourceSummary } from '../../src/model/analysis.js';
import type { CertificateFacts, ProbeFacts } from '../../src/sources/mac/state.js';
import { genericOf } from '../../src/sources/registry.js';
import { handAnalysis, sourceSummary } from '../helpers/analysis.js';
import type { EventFields, SourceName, TimelineEvent } from '../../src/model/event.js';
import { T0 } from './helpers.js';

// The defects issue 12 lists, each on the built-in pack with a hand-built analysis.
//
// Which guard each test protects, checked (issue 12) by reverting that guard, running this file and
// seeing the test fail, then restoring it:
// - clock skew 94 s: the measured offset becomes a fact (sources/mac/facts.ts endpoint.clock.offset-seconds);
//   with the offset left unmeasured the test fails.
// - enrollment limit: NOT yet shown failing. Dropping the limit's `no-trust-cert` link, reducing noisy-OR
//   to one cause per set, or dropping the verdict margin over the second cause all left it passing; the
//   guard it protects is still to be found (open).
// - unreadable certificate: an unread end date makes endpoint.trust-cert.expired unknown (sources/mac/facts.ts);
//   forcing it known fails the test.
// - "Okta logged nothing": absenceHolds (diagnosis/findings.ts) returns unknown when no read stream carries
//   the kinds (fails when that returns true) and when a stream was not read completely (fails when
//   completeness is ignored).
// - probes in hand: next-step.ts runnable() skips probes whose output is held (fails when that check is removed).
// - policy change / device.managed false: the pack finding's kind list and field conditions (findings.ts
//   eventTest); dropping okta.policy.rule.* from the pack or ignoring field conditions fails the test.

const ALICE = { user: 'alice@example.com', serial: 'C02' };
let seq = 0;
function ev(source: SourceName, kind: string, offsetS: number, summary: string, fields: EventFields = {}, severity: TimelineEvent['severity'] = 'error'): TimelineEvent {
  return { id: `${source}:${++seq}`, epochMs: T0 + offsetS * 1000, originalTime: '', source, kind, generic: genericOf(source, kind), severity, summary, keys: source === 'device' ? {} : ALICE, raw: { file: `${source}/f` }, fields };
}

function analysis(timeline: TimelineEvent[], opts: { offsetMs?: number; probes?: ProbeFacts; status?: Partial<Record<SourceName, SourceSummary['status']>> } = {}): Analysis {
  const sources: SourceSummary[] = (['jamf', 'okta', 'device'] as const).map((name) => sourceSummary(name, opts.status?.[name] ?? 'ok', timeline.filter((e) => e.source === name).length));
  const clock = { deviceOffsetMs: opts.offsetMs ?? null, basis: opts.offsetMs === undefined ? null : ('sntp' as const), applied: opts.offsetMs !== undefined };
  return handAnalysis({
    device: { serial: 'C02', hostname: null, user: 'alice@example.com' },
    collectedAtMs: T0 + 600_000,
    sources,
    clock,
    timeline,
    state: { device: { probes: opts.probes ?? {}, clock } },
  });
}

const certificate = (notAfterMs: number | null): CertificateFacts => ({ sha256: 'A', sha1: 'B', subject: 'Okta MTLS', issuer: 'Okta', notBeforeMs: T0 - 1e9, notAfterMs });
const likelyOf = (hs: { id: string; verdict: string }[]) => hs.filter((h) => h.verdict === 'likely').map((h) => h.id);
const oktaTraffic = () => ev('okta', 'okta.user.session.start', -3600, 'User login to Okta: SUCCESS', { outcome: 'SUCCESS' }, 'info');

describe('defects of the first engine', () => {
  it('a Mac 94 s ahead: clock skew alone is likely, the chain break falls back (no tie broken by file order)', async () => {
    const active = await loadDiagnosisModel({});
    const timeline = [
      oktaTraffic(),
      ev('device', 'device.trust.failure', 0, 'trustd: SecTrustEvaluateWithError: trust result 5 (kSecTrustResultRecoverableTrustFailure) for example.okta.com [leaf TemporalValidity]'),
      ev('device', 'device.probe.sntp', 600, 'Mac clock 94.2 s ahead of time.apple.com', {}, 'warn'),
    ];
    const ranked = rankAnalysis(analysis(timeline, { offsetMs: 94_200, probes: { sntp: { offsetSeconds: -94.2, errorSeconds: 0.03, server: 'time.apple.com' } } }), active);
    expect(ranked[0]!.id).toBe('clock-skew');
    expect(likelyOf(ranked)).toEqual(['clock-skew']);
    expect(ranked.find((h) => h.id === 'cert-chain-break')!.score).toBeLessThan(0.2);
  });

  it('the enrollment limit explains the missing certificate: the cause is likely, the symptom is not', async () => {
    const active = await loadDiagnosisModel({});
    const issued = Array.from({ length: 5 }, (_, i) => ev('okta', 'okta.pki.cert.issue', -86_400 * (i + 1), 'Issue certificate: SUCCESS', { outcome: 'SUCCESS' }, 'info'));
    const timeline = [
      ...issued,
      ev('okta', 'okta.user.credential.enroll', 0, 'Enroll credential: FAILURE (Maximum enrollment limit of 5 certificates reached)', { outcome: 'FAILURE' }),
      ev('device', 'device.probe.okta-mtls-cert', 600, 'No Okta MTLS certificate', {}, 'warn'),
    ];
    const ranked = rankAnalysis(analysis(timeline, { probes: { oktaCertificates: [] } }), active);
    expect(ranked[0]!.id).toBe('enrollment-limit-reached');
    expect(likelyOf(ranked)).toEqual(['enrollment-limit-reached']);
    expect(ranked.find((h) => h.id === 'device-trust-cert-missing')!.verdict).not.toBe('likely');
    const missing = (hs: { id: string; score: number }[]) => hs.find((h) => h.id === 'device-trust-cert-missing')!.score;
    const unexplained = rankAnalysis(analysis([...issued, timeline[6]!], { probes: { oktaCertificates: [] } }), active);
    expect(missing(ranked)).toBeLessThan(missing(unexplained));
  });

  it('an unreadable certificate is "validity unknown", not expired', async () => {
    const active = await loadDiagnosisModel({});
    const timeline = [oktaTraffic(), ev('device', 'device.probe.okta-mtls-cert', 600, '1 Okta MTLS certificate, end date unreadable', {}, 'warn')];
    const session = new AnalysisDiagnosis(active, analysis(timeline, { probes: { oktaCertificates: [certificate(null)] } }));
    expect(session.findings.get('trust-cert-expired')).toEqual({ state: 'unknown', why: 'a certificate end date could not be read' });
    const expired = session.rank().find((h) => h.id === 'device-trust-cert-expired')!;
    expect(expired.verdict).not.toBe('likely');
    expect(expired.unknown.some((u) => u.startsWith('Every Okta MTLS certificate in the keychain has expired.'))).toBe(true);
  });

  it('"Okta logged nothing" is unknown when the Okta source failed or only its device list was read', async () => {
    const active = await loadDiagnosisModel({});
    const failure = ev('device', 'device.trust.failure', 0, 'trustd: trust result 5 (kSecTrustResultRecoverableTrustFailure) for example.okta.com');
    const read = new AnalysisDiagnosis(active, analysis([oktaTraffic(), failure]));
    expect(read.findings.get('idp-silent-at-trust-failure')).toMatchObject({ state: 'present' });
    const failed = new AnalysisDiagnosis(active, analysis([failure], { status: { okta: 'error' } }));
    expect(failed.findings.get('idp-silent-at-trust-failure')).toMatchObject({ state: 'unknown' });
    const devicesOnly = new AnalysisDiagnosis(active, analysis([ev('okta', 'okta.device.state', -60, 'Okta device ACTIVE', {}, 'info'), failure]));
    expect(devicesOnly.findings.get('idp-silent-at-trust-failure')).toMatchObject({ state: 'unknown', why: expect.stringMatching(/^no source read/) });
    const stopped = analysis([oktaTraffic(), failure]);
    stopped.coverage = stopped.coverage.map((c) => (c.role === 'idp' ? { ...c, complete: false, why: 'rate limit' } : c));
    expect(new AnalysisDiagnosis(active, stopped).findings.get('idp-silent-at-trust-failure')).toMatchObject({ state: 'unknown', why: expect.stringMatching(/not read completely \(rate limit\)$/) });
    const score = (d: AnalysisDiagnosis) => d.rank().find((h) => h.id === 'cert-chain-break')!.score;
    expect(score(failed)).toBeLessThan(score(read));
    expect(score(devicesOnly)).toBeLessThan(score(read));
  });

  it('a measured clock, a read certificate or profile status is not proposed again as the next step', async () => {
    const active = await loadDiagnosisModel({});
    const timeline = [
      oktaTraffic(),
      ev('device', 'device.sso.error', 0, 'AppSSOAgent: Error Domain=com.apple.AuthenticationServices.AuthorizationError Code=-1000'),
      ev('device', 'device.probe.sntp', 600, 'Mac clock 0.1 s ahead', {}, 'info'),
      ev('device', 'device.probe.okta-mtls-cert', 600, '1 Okta MTLS certificate', {}, 'info'),
      ev('device', 'device.probe.profiles-status', 600, 'MDM enrollment: Yes', {}, 'info'),
    ];
    const ranked = rankAnalysis(analysis(timeline, { offsetMs: 100, probes: { oktaCertificates: [certificate(T0 + 1e10)], enrollment: { dep: true, mdm: true, userApproved: true, server: undefined } } }), active);
    const proposed = ranked.map((h) => active.model.steps.get(h.next.stepId)!).filter((s) => s.kind === 'probe').map((s) => s.action);
    for (const held of ['sntp', 'okta-mtls-cert', 'profiles-status']) expect(proposed).not.toContain(held);
  });

  it("Okta's policy-rule changes before the denial, and device.managed false on its sign-in events, are evidence", async () => {
    const active = await loadDiagnosisModel({});
    const timeline = [
      ev('okta', 'okta.policy.rule.update', -900, 'Update policy rule: SUCCESS', { outcome: 'SUCCESS' }, 'info'),
      ev('okta', 'okta.policy.evaluate_sign_on', 0, 'Evaluation of sign-on policy: DENY', { outcome: 'DENY', deviceManaged: false }),
    ];
    const session = new AnalysisDiagnosis(active, analysis(timeline));
    expect(session.findings.get('policy-changed-before-denial')).toMatchObject({ state: 'present', events: [timeline[0]] });
    // Without a device record, the sign-in event's device.managed is Okta's view (one finding, counted once).
    expect(session.findings.get('idp-sees-unmanaged')).toMatchObject({ state: 'present', events: [timeline[1]] });
    const managed = [timeline[0]!, { ...timeline[1]!, id: 'okta:managed', fields: { outcome: 'DENY', deviceManaged: true } }];
    expect(new AnalysisDiagnosis(active, analysis(managed)).findings.get('idp-sees-unmanaged')).toMatchObject({ state: 'absent' });
    const ranked = session.rank();
    expect(ranked.find((h) => h.id === 'okta-policy-regression')!.explains).toContain('policy-changed-before-denial');
    expect(ranked.find((h) => h.id === 'not-managed-in-jamf')!.explains).toContain('idp-sees-unmanaged');
  });
});

describe('a revoked certificate the Mac still presents (held-out sets 2 and 3 read it as missing attestation)', () => {
  const valid = certificate(T0 + 200 * 86_400_000);
  const denied = () => ev('okta', 'okta.policy.evaluate_sign_on', 0, 'Evaluation of sign-on policy: DENY', { outcome: 'DENY', deviceManaged: false });

  it("the Mac's own log saying its certificate is revoked ranks the revocation first and excludes missing attestation", async () => {
    const active = await loadDiagnosisModel({});
    const refused = ev('device', 'device.sso.error', 5, 'Okta Verify: Device management certificate rejected by server: certificate revoked');
    const session = new AnalysisDiagnosis(active, analysis([denied(), refused], { probes: { oktaCertificates: [valid] } }));
    expect(session.findings.get('mac-sees-cert-revoked')).toMatchObject({ state: 'present', events: [refused] });
    const ranked = session.rank();
    expect(ranked[0]!.id).toBe('device-trust-cert-revoked');
    expect(ranked.find((h) => h.id === 'management-attestation-missing')!.score).toBe(0);
    const without = rankAnalysis(analysis([denied()], { probes: { oktaCertificates: [valid] } }), active);
    expect(without.find((h) => h.id === 'device-trust-cert-revoked')!.score).toBeLessThan(ranked[0]!.score);
  });

  it("a revoked intermediate of a server's chain is not the Mac's certificate", async () => {
    const active = await loadDiagnosisModel({});
    const intermediate = ev('device', 'device.ocsp.revoked', 5, 'trustd: OCSP response for intermediate Example Issuing CA 2: status revoked');
    const leaf = ev('device', 'device.ocsp.revoked', 6, 'trustd: OCSP response for leaf Okta MTLS: status revoked (reason cessationOfOperation)');
    expect(new AnalysisDiagnosis(active, analysis([denied(), intermediate])).findings.get('mac-sees-cert-revoked')!.state).toBe('absent');
    expect(new AnalysisDiagnosis(active, analysis([denied(), intermediate, leaf])).findings.get('mac-sees-cert-revoked')).toMatchObject({ state: 'present', events: [leaf] });
  });
});

describe('Okta Verify removed from the Mac (held-out 3 had no finding for it)', () => {
  it('its probe saying it is not installed supports the missing SSO extension; unread, it stays unknown', async () => {
    const active = await loadDiagnosisModel({});
    const removed = ev('device', 'device.probe.okta-verify-version', 600, 'Okta Verify is not installed in /Applications');
    const gone = new AnalysisDiagnosis(active, analysis([oktaTraffic(), removed], { probes: { oktaVerify: { installed: false, version: undefined } } }));
    expect(gone.findings.get('okta-verify-not-installed')).toMatchObject({ state: 'present', events: [removed] });
    const installed = new AnalysisDiagnosis(active, analysis([oktaTraffic(), removed], { probes: { oktaVerify: { installed: true, version: '9.27.0' } } }));
    expect(installed.findings.get('okta-verify-not-installed')!.state).toBe('absent');
    expect(new AnalysisDiagnosis(active, analysis([oktaTraffic()])).findings.get('okta-verify-not-installed')!.state).toBe('unknown');
    const score = (d: AnalysisDiagnosis) => d.rank().find((h) => h.id === 'sso-extension-missing')!.score;
    expect(score(gone)).toBeGreaterThan(score(installed));
  });
});

describe('the Mac removing its SSO extension profile (held-out 6 had no Jamf to say so)', () => {
  it("mdmclient's removal of the SSO profile supports the missing extension; another profile's removal does not", async () => {
    const active = await loadDiagnosisModel({});
    // The message as mdmclient logs it (MDMDaemon, "Removed configuration profile: … (Source: MDM)").
    const sso = ev('device', 'device.mdm.profile-removed', -600, 'Removed configuration profile: Okta Verify SSO Extension (com.example.okta.ssoext) for <Computer> (Source: MDM)', {}, 'warn');
    const wifi = ev('device', 'device.mdm.profile-removed', -600, 'Removed configuration profile: Office Wi-Fi (com.example.wifi) for <Computer> (Source: MDM)', {}, 'warn');
    const removed = new AnalysisDiagnosis(active, analysis([oktaTraffic(), sso]));
    expect(removed.findings.get('mac-removed-sso-profile')).toMatchObject({ state: 'present', events: [sso] });
    const other = new AnalysisDiagnosis(active, analysis([oktaTraffic(), wifi]));
    expect(other.findings.get('mac-removed-sso-profile')!.state).toBe('absent');
    const score = (d: AnalysisDiagnosis) => d.rank().find((h) => h.id === 'sso-extension-missing')!.score;
    expect(score(removed)).toBeGreaterThan(score(other));
  });
});

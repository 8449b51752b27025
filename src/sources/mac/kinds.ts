import { genericKindMapper, type KindDeclaration } from '../../core/kinds.js';
import { PROBE_NAMES } from './probes/probe-names.js';

const LOG = 'endpoint.log';

/** Every kind the Mac's unified-log classifier and probe parsers emit, and its generic kind. */
export const MAC_KINDS: readonly KindDeclaration[] = [
  { kind: 'device.trust.failure', generic: 'endpoint.trust.failure', stream: LOG, fields: ['trustFailure', 'trustResult', 'trustResultName'] },
  { kind: 'device.tls.error', generic: 'endpoint.tls.error', stream: LOG },
  { kind: 'device.tls.ok', generic: 'endpoint.tls.ok', stream: LOG },
  { kind: 'device.tls.client-identity', generic: 'endpoint.tls.client-identity', stream: LOG },
  { kind: 'device.ocsp.failure', generic: 'endpoint.ocsp.failure', stream: LOG },
  { kind: 'device.ocsp.revoked', generic: 'endpoint.ocsp.revoked', stream: LOG, description: 'an OCSP responder answered that a certificate is revoked' },
  { kind: 'device.network.interceptor', generic: 'endpoint.network.interceptor', stream: LOG },
  { kind: 'device.mdm.profile-installed', generic: 'endpoint.mdm.profile-installed', stream: LOG },
  { kind: 'device.mdm.profile-removed', generic: 'endpoint.mdm.profile-removed', stream: LOG, description: 'the Mac removed a configuration profile (by its MDM or by hand)' },
  { kind: 'device.mdm.error', generic: 'endpoint.mdm.error', stream: LOG },
  { kind: 'device.mdm.*', generic: 'endpoint.mdm', stream: LOG },
  { kind: 'device.mdm', generic: 'endpoint.mdm', stream: LOG },
  { kind: 'device.sso.error', generic: 'endpoint.sso.error', stream: LOG },
  { kind: 'device.sso', generic: 'endpoint.sso', stream: LOG },
  { kind: 'device.psso.registration-failed', generic: 'endpoint.psso.registration-failed', stream: LOG },
  { kind: 'device.psso.registration', generic: 'endpoint.psso', stream: LOG },
  { kind: 'device.okta.device-invalid', generic: 'endpoint.idp-device-invalid', stream: LOG, description: 'Okta Verify says the device is invalid (its Device Trust record is gone)' },
  { kind: 'device.push.rejected', generic: 'endpoint.push.rejected', stream: LOG },
  { kind: 'device.push.error', generic: 'endpoint.push.error', stream: LOG },
  { kind: 'device.push.connected', generic: 'endpoint.push', stream: LOG },
  { kind: 'device.push', generic: 'endpoint.push', stream: LOG },
  { kind: 'device.clock.skew', generic: 'endpoint.clock.skew', stream: LOG },
  { kind: 'device.clock.adjust', generic: 'endpoint.clock.adjust', stream: LOG },
  { kind: 'device.clock', generic: 'endpoint.clock', stream: LOG },
  { kind: 'device.log', generic: 'endpoint.log', stream: LOG },
  ...PROBE_NAMES.map((name) => ({ kind: `device.probe.${name}`, generic: 'endpoint.probe', stream: `endpoint.probe.${name}` })),
];

export const macGenericKind = genericKindMapper(MAC_KINDS);

export const MAC_SOURCE = { id: 'device', role: 'endpoint', kinds: MAC_KINDS } as const;

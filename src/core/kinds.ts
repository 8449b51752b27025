/**
 * Event kinds are declared by the adapters that emit them: a vendor kind (`<adapter id>.policy.evaluate_sign_on`,
 * `device.trust.failure`: the JSON `kind`, unchanged) maps to one role-generic kind
 * (`idp.policy.decision`, `mdm.command`, `endpoint.trust.failure`) that packs use. A pack that names a kind
 * no adapter declares fails to load.
 */
export interface KindDeclaration {
  /** Vendor kind as emitted, or a prefix ending in `*` (`device.probe.*`). */
  kind: string;
  /** Role-generic kind (`idp.device.lifecycle`). */
  generic: string;
  /** The coverage stream events of this kind come from. */
  stream: string;
  /** Normalised fields (`EventFields` keys) events of this kind can carry. */
  fields?: readonly string[];
  description?: string;
}

/** The role-generic kinds the built-in adapters map to (an adapter may add its own under its role). */
export const GENERIC_KINDS = [
  // mdm
  'mdm.inventory.state', 'mdm.inventory.not-found', 'mdm.inventory.report', 'mdm.checkin', 'mdm.enrollment',
  'mdm.command', 'mdm.profile.installed', 'mdm.policy.run', 'mdm.certificate.expiry',
  'mdm.enrollment-profile.expiry', 'mdm.attestation',
  // idp
  'idp.device.state', 'idp.device.lifecycle', 'idp.device.disabled', 'idp.device.enroll', 'idp.device.assurance',
  'idp.signin', 'idp.signin.interactive', 'idp.signin.device', 'idp.token.grant', 'idp.policy.decision', 'idp.policy.reevaluate',
  'idp.admin.policy-change', 'idp.admin.assurance-change', 'idp.admin.change', 'idp.cert.lifecycle',
  'idp.cert.issue', 'idp.cert.renew', 'idp.cert.bind', 'idp.cert.revoke', 'idp.credential.enroll', 'idp.event',
  // endpoint
  'endpoint.trust.failure', 'endpoint.tls.error', 'endpoint.tls.ok', 'endpoint.tls.client-identity',
  'endpoint.ocsp.failure', 'endpoint.ocsp.revoked', 'endpoint.network.interceptor', 'endpoint.mdm.profile-installed', 'endpoint.mdm.profile-removed', 'endpoint.mdm.error',
  'endpoint.mdm', 'endpoint.sso.error', 'endpoint.sso', 'endpoint.idp-device-invalid', 'endpoint.psso',
  'endpoint.psso.registration-failed', 'endpoint.push', 'endpoint.push.error', 'endpoint.push.rejected',
  'endpoint.clock.skew', 'endpoint.clock.adjust', 'endpoint.clock', 'endpoint.log', 'endpoint.probe',
] as const;
export type GenericKind = (typeof GENERIC_KINDS)[number];

/**
 * The generic kind of a vendor kind, from an adapter's declarations: an exact declaration first, then the
 * longest matching `prefix*`. Throws for a kind nobody declared: an adapter emitting one is a bug.
 */
export function genericKindMapper(declarations: readonly KindDeclaration[]): (kind: string) => string {
  const exact = new Map<string, string>();
  const prefixes: { prefix: string; generic: string }[] = [];
  for (const d of declarations) {
    if (d.kind.endsWith('*')) prefixes.push({ prefix: d.kind.slice(0, -1), generic: d.generic });
    else exact.set(d.kind, d.generic);
  }
  prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  return (kind) => {
    let generic = exact.get(kind);
    if (generic !== undefined) return generic;
    generic = prefixes.find((p) => kind.startsWith(p.prefix))?.generic;
    if (generic === undefined) throw new Error(`event kind ${kind} is not declared by its source`);
    // Remembered: kinds repeat (a million log lines have a handful of kinds).
    exact.set(kind, generic);
    return generic;
  };
}

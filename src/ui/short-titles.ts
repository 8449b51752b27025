/**
 * Short hypothesis titles for narrow panes (at most 17 cells: what a hypothesis row has left at 80
 * columns), keyed by the stable hypothesis ids of the catalogue. Data, not code: when the hypothesis
 * pack carries a `short` title of its own, it replaces this table. A hypothesis without one (an
 * organisation pack's) shows its full title, cut with `…`.
 */
export const SHORT_TITLES: Readonly<Record<string, string>> = {
  'cert-chain-break': 'TLS chain refused',
  'okta-policy-regression': 'Okta policy deny',
  'mdm-payload-mismatch': 'Stale SSO profile',
  'clock-skew': 'Mac clock off',
  'device-trust-cert-missing': 'No trust cert',
  'device-trust-cert-expired': 'Cert expired',
  'enrollment-limit-reached': 'Cert limit hit',
  'not-managed-in-jamf': 'Not Jamf-managed',
  'mtls-handshake-blocked': 'mTLS blocked',
  'ocsp-unreachable': 'OCSP unreachable',
  'sso-extension-missing': 'No SSO extension',
  'scep-profile-not-deployed': 'No SCEP profile',
  'management-attestation-missing': 'No attestation',
  'device-assurance-failed': 'Assurance failed',
  'okta-device-inactive': 'Device inactive',
  'psso-registration-incomplete': 'PSSO unregistered',
  'device-trust-cert-revoked': 'Cert revoked',
  'mdm-push-broken': 'MDM push broken',
};

/** The full title when it fits in `cells`, else the short one (or the full title, to be cut). */
export function titleFor(id: string, title: string, cells: number, width: (text: string) => number): string {
  if (width(title) <= cells) return title;
  return SHORT_TITLES[id] ?? title;
}

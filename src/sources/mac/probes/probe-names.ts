/** The probes the Mac's side can run, each saved as device/probes/NAME.txt. */
export const PROBE_NAMES = [
  'sntp',
  'date-utc',
  'profiles-status',
  'okta-mtls-cert',
  'keychain-info',
  'app-sso-platform',
  'timeserver',
  'app-sso-extensions',
  'scutil-proxy',
  'systemextensions',
  'sw-vers',
  'okta-verify-version',
] as const;
export type ProbeName = (typeof PROBE_NAMES)[number];

export function isProbeName(name: string): name is ProbeName {
  return (PROBE_NAMES as readonly string[]).includes(name);
}

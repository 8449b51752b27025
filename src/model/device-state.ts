/**
 * Point-in-time state of the device as each source reports it. Events say what happened when;
 * state says what is true now (managed or not, which certificates exist), for triage facts.
 * Epoch-zero "never" values from Jamf become null.
 */

export interface JamfProfile {
  name: string;
  identifier: string | undefined;
  lastInstalledMs: number | null;
}

export interface JamfCertificate {
  commonName: string;
  expiresMs: number | null;
  /** Jamf certificateStatus: EXPIRING, EXPIRED, REVOKED, PENDING_REVOKE, ISSUED. */
  status: string | undefined;
  identity: boolean | undefined;
  /** subjectName, serialNumber, issuedDate when the inventory has them (issue time matters for Okta's 90-days-unused revocation). */
  subject?: string;
  serialNumber?: string;
  issuedMs?: number | null;
}

export interface JamfDeviceState {
  /** Inventory records matching the device (more than one means duplicates to report). */
  recordsFound: number;
  id?: string;
  udid?: string;
  serial?: string;
  name?: string;
  managementId?: string;
  managed?: boolean;
  supervised?: boolean;
  mdmCapable?: boolean;
  enrolledViaAde?: boolean;
  userApprovedMdm?: boolean;
  lastEnrolledMs?: number | null;
  lastCheckInMs?: number | null;
  lastContactMs?: number | null;
  lastInventoryMs?: number | null;
  mdmProfileExpiresMs?: number | null;
  attestationStatus?: string;
  osVersion?: string;
  username?: string;
  email?: string;
  profiles: JamfProfile[];
  certificates: JamfCertificate[];
}

export interface OktaDeviceRecord {
  id: string;
  status: string | undefined;
  displayName: string | undefined;
  serial: string | undefined;
  udid: string | undefined;
  platform: string | undefined;
  registered: boolean | undefined;
  managed: boolean | undefined;
  lastUpdatedMs: number | null;
  /** managementStatus per user from expand=userSummary (MANAGED | NOT_MANAGED). */
  users: { login: string | undefined; managementStatus: string | undefined }[];
}

export interface CertificateFacts {
  sha256: string | undefined;
  sha1: string | undefined;
  subject: string | undefined;
  issuer: string | undefined;
  notBeforeMs: number | null;
  notAfterMs: number | null;
}

/** Facts read from probe outputs on the Mac. Absent key = probe not run; see each field for "ran, found nothing". */
export interface ProbeFacts {
  /** sntp: correction in seconds (true time minus the Mac's clock), as sntp prints it. */
  sntp?: { offsetSeconds: number; errorSeconds: number | undefined; server: string | undefined };
  /** `date -u` output read as an instant (the Mac's clock). */
  dateUtcMs?: number;
  enrollment?: { dep: boolean | null; mdm: boolean | null; userApproved: boolean; server: string | undefined };
  /** Okta MTLS certificates in the keychain; an empty list means the probe ran and found none. */
  oktaCertificates?: CertificateFacts[];
  keychain?: { path: string | undefined; settings: string; missing: boolean };
  ssoPlatform?: {
    registered: boolean | null;
    extensionIdentifier: string | undefined;
    reportedAtMs: number | null;
    tokenReceivedMs: number | null;
    tokenExpiresMs: number | null;
    /** The user's registration state (`POUserState…`); absent when the output has none. */
    userState?: PssoUserState;
    /** False when `app-sso platform` is not on this Mac (macOS before 13). */
    available?: boolean;
  };
  timeServer?: { server: string | undefined; adminRequired: boolean };
  /** `app-sso -l`: the realms of the SSO extensions configured for the console user. */
  ssoExtensions?: { available: boolean; realms: string[] };
  /** `scutil --proxy`: the system proxy configuration. */
  proxy?: ProxySettings;
  /** `systemextensionsctl list`: network and endpoint-security extensions among others. */
  systemExtensions?: { available: boolean; extensions: SystemExtension[] };
  /** `sw_vers`. */
  os?: { available: boolean; name: string | undefined; version: string | undefined; build: string | undefined };
  /** Okta Verify's CFBundleShortVersionString; installed false when the app is not there. */
  oktaVerify?: { installed: boolean; version: string | undefined };
}

/** `POUserStateNormal (0)`, `POUserStateNeedsNewKeys (1)`, `POUserStateNeedsRegistration (2)`, or another state. */
export type PssoUserState = 'normal' | 'needs-new-keys' | 'needs-registration' | 'other';

export interface ProxySettings {
  available: boolean;
  /** Enabled manual proxies. */
  proxies: { type: 'HTTP' | 'HTTPS' | 'SOCKS'; host: string; port: number | undefined }[];
  /** Proxy auto-configuration URL, when enabled. */
  pacUrl: string | undefined;
  autoDiscovery: boolean;
  exceptions: string[];
}

export interface SystemExtension {
  category: string;
  teamId: string;
  bundleId: string;
  version: string | undefined;
  name: string;
  /** The bracketed state, e.g. `activated enabled`, `terminated waiting to uninstall on reboot`. */
  state: string;
  enabled: boolean;
  active: boolean;
}

export interface DeviceState {
  jamf?: JamfDeviceState;
  okta: OktaDeviceRecord[];
  probes: ProbeFacts;
}

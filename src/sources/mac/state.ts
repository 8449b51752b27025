import type { ClockReading } from '../../model/analysis.js';
import type { TimelineEvent } from '../../model/event.js';

/** What the Mac's probe outputs say now (certificates, enrollment, SSO, clock). */
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

/** The Mac's state: its probe facts and the clock reading its events were corrected with. */
export interface MacState {
  probes: ProbeFacts;
  clock: ClockReading;
  /** The probe outputs' events on the timeline (the facts cite them), so a new output need not look for them. */
  probeEvents?: readonly TimelineEvent[];
}

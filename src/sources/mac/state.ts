import type { ClockReading } from '../../model/analysis.js';

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
  };
  timeServer?: { server: string | undefined; adminRequired: boolean };
}

/** The Mac's state: its probe facts and the clock reading its events were corrected with. */
export interface MacState {
  probes: ProbeFacts;
  clock: ClockReading;
}

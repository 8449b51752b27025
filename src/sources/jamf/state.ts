/** What Jamf says is true of the Mac now (epoch-zero "never" values become null). */
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
  /** Whether the record carried a configurationProfiles array at all. */
  profilesReturned?: boolean;
  certificates: JamfCertificate[];
}

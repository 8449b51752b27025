/** Okta's device records for the Mac (Devices API, with expand=userSummary). */
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

export interface OktaState {
  /** Device records matching the Mac (more than one: a reimaged Mac left a duplicate). */
  devices: OktaDeviceRecord[];
  /** Whether the Devices API answer was read in full (so "no record" means Okta has none). */
  devicesComplete: boolean;
}

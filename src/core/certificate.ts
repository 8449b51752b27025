/**
 * The one rule for what a valid certificate is: its expiry was read and lies after "now". An expiry that
 * could not be read, or no "now" to judge it against, makes validity unknown: never expired, never valid.
 */
export type CertificateValidity = 'valid' | 'expired' | 'unknown';

export function certificateValidity(notAfterMs: number | null | undefined, nowMs: number | undefined): CertificateValidity {
  if (notAfterMs === null || notAfterMs === undefined || nowMs === undefined) return 'unknown';
  return notAfterMs > nowMs ? 'valid' : 'expired';
}

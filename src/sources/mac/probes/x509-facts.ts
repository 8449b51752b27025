/**
 * One PEM certificate → CertificateFacts, through node:crypto. Node 20 has no validToDate, so the
 * validity strings (`Dec  3 09:00:00 2026 GMT`) are read explicitly.
 */
import { X509Certificate } from 'node:crypto';
import type { CertificateFacts } from '../state.js';
import { parseOpenSslTime } from './probe-time.js';

/** Hashes as `security -Z` prints them: upper-case hex, no separators. */
function plainHex(fingerprint: string): string {
  return fingerprint.replace(/:/g, '').toUpperCase();
}

/** X509Certificate gives one RDN per line; a timeline wants one line. */
function oneLineName(name: string): string {
  return name.split('\n').filter((part) => part !== '').join(', ');
}

export interface PemReading {
  facts: CertificateFacts;
  /** Why the PEM could not be read, when it could not. */
  problem?: string;
}

/**
 * Reads a PEM block. Hashes printed by `security -Z` are kept as printed; when absent they are
 * computed from the certificate. A broken PEM keeps the printed hashes and gets null dates.
 */
export function readPemCertificate(pem: string, printed: { sha256?: string; sha1?: string }): PemReading {
  const facts: CertificateFacts = {
    sha256: printed.sha256,
    sha1: printed.sha1,
    subject: undefined,
    issuer: undefined,
    notBeforeMs: null,
    notAfterMs: null,
  };
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : 'unreadable';
    return { facts, problem: reason ?? 'unreadable' };
  }
  facts.sha256 ??= plainHex(cert.fingerprint256);
  facts.sha1 ??= plainHex(cert.fingerprint);
  facts.subject = oneLineName(cert.subject);
  facts.issuer = oneLineName(cert.issuer);
  facts.notBeforeMs = parseOpenSslTime(cert.validFrom);
  facts.notAfterMs = parseOpenSslTime(cert.validTo);
  if (facts.notBeforeMs === null || facts.notAfterMs === null) {
    return { facts, problem: `unexpected validity format: ${cert.validFrom} / ${cert.validTo}` };
  }
  return { facts };
}

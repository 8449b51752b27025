/**
 * `security find-certificate -a -c 'Okta MTLS' -Z -p`: the Okta Device Trust client certificates in
 * the keychain. No output (exit 0) means none. Validity is judged at the collection time (`nowMs`).
 */
import { daysBetween } from '../../../time/days-between.js';
import type { CertificateFacts } from '../state.js';
import type { EventFields, Severity } from '../../../model/event.js';
import { clip, probeLines } from './probe-text.js';
import { formatIsoSeconds } from './probe-time.js';
import { splitCertificateBlocks } from './security-cert-blocks.js';
import type { ProbeContext, ProbeResult } from './types.js';
import { readPemCertificate, type PemReading } from './x509-facts.js';

/** A still-valid certificate closer than this to its end is worth a warning. */
export const EXPIRY_WARNING_MS = 14 * 86_400_000;
const DAY_MS = 86_400_000;

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function readBlocks(text: string): PemReading[] {
  return splitCertificateBlocks(probeLines(text)).map((block) => {
    if (block.pem === undefined) {
      const facts: CertificateFacts = { sha256: block.sha256, sha1: block.sha1, subject: undefined, issuer: undefined, notBeforeMs: null, notAfterMs: null };
      return { facts, problem: 'no PEM printed' };
    }
    return readPemCertificate(block.pem, block);
  });
}

/** A certificate whose end of validity is known. */
type Dated = CertificateFacts & { notAfterMs: number };

function isDated(cert: CertificateFacts): cert is Dated {
  return cert.notAfterMs !== null;
}

function latest(certs: readonly Dated[]): Dated | undefined {
  let best: Dated | undefined;
  for (const cert of certs) if (best === undefined || cert.notAfterMs > best.notAfterMs) best = cert;
  return best;
}

interface Judgement {
  summary: string;
  severity: Severity;
  fields: EventFields;
}

function judgeAt(nowMs: number, readable: readonly Dated[], total: number, unreadable: number): Judgement {
  const valid = readable.filter((c) => (c.notBeforeMs ?? -Infinity) <= nowMs && nowMs < c.notAfterMs);
  const expired = readable.filter((c) => c.notAfterMs <= nowMs);
  const fields: EventFields = { valid: valid.length, expired: expired.length };
  const best = latest(valid);
  if (!best) {
    const newest = latest(readable);
    const detail = newest === undefined ? '' : ` (latest ends ${formatIsoSeconds(newest.notAfterMs)})`;
    return {
      summary: `${plural(total, 'Okta MTLS certificate')} in the keychain, none is valid now${detail}`,
      severity: unreadable > 0 ? 'warn' : 'error',
      fields,
    };
  }
  const daysLeft = Math.floor((best.notAfterMs - nowMs) / DAY_MS);
  fields.daysLeft = daysLeft;
  const soon = best.notAfterMs - nowMs <= EXPIRY_WARNING_MS;
  const others = expired.length > 0 ? `; ${expired.length} expired` : '';
  return {
    summary: `Okta MTLS certificate valid until ${formatIsoSeconds(best.notAfterMs)} (${soon ? 'expires in ' : ''}${daysBetween(nowMs, best.notAfterMs)}${soon ? '' : ' left'})${others}`,
    severity: soon || unreadable > 0 ? 'warn' : 'info',
    fields,
  };
}

function judgeUndated(readable: readonly Dated[], total: number, unreadable: number): Judgement {
  const best = latest(readable);
  const until = best === undefined ? '' : `, latest valid until ${formatIsoSeconds(best.notAfterMs)}`;
  return { summary: `${plural(total, 'Okta MTLS certificate')} in the keychain${until}`, severity: unreadable > 0 ? 'warn' : 'info', fields: {} };
}

export function parseOktaMtlsCert(text: string, ctx: ProbeContext): ProbeResult {
  const readings = readBlocks(text);
  const certificates = readings.map((r) => r.facts);
  if (certificates.length === 0) {
    return {
      facts: { oktaCertificates: [] },
      summary: 'No Okta MTLS certificate in the keychain',
      severity: 'error',
      fields: { certificates: 0, unreadable: 0, latestNotAfterMs: null },
    };
  }
  const problems = readings.filter((r) => r.problem !== undefined);
  const readable = certificates.filter(isDated);
  const why = clip(problems[0]?.problem ?? '', 80);
  let judgement: Judgement;
  if (readable.length === 0) {
    judgement = { summary: `${plural(certificates.length, 'Okta MTLS certificate')} in the keychain, none readable (${why})`, severity: 'warn', fields: {} };
  } else {
    judgement = ctx.nowMs === undefined ? judgeUndated(readable, certificates.length, problems.length) : judgeAt(ctx.nowMs, readable, certificates.length, problems.length);
    if (problems.length > 0) judgement.summary += `; ${plural(problems.length, 'certificate')} could not be read (${why})`;
  }
  return {
    facts: { oktaCertificates: certificates },
    summary: judgement.summary,
    severity: judgement.severity,
    fields: {
      certificates: certificates.length,
      unreadable: problems.length,
      latestNotAfterMs: latest(readable)?.notAfterMs ?? null,
      ...judgement.fields,
    },
  };
}

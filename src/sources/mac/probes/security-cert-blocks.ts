/**
 * Splits `security find-certificate -a -Z -p` output into one block per certificate:
 *   SHA-256 hash: <64 hex>
 *   SHA-1 hash: <40 hex>
 *   -----BEGIN CERTIFICATE----- … -----END CERTIFICATE-----
 * A hash line that repeats, or a PEM after a PEM, starts the next certificate; other lines are ignored.
 */

export interface CertificateBlock {
  sha256?: string;
  sha1?: string;
  /** The PEM text; an unterminated block (truncated output) is kept as it is, to fail on reading. */
  pem?: string;
}

const SHA256_LINE = /^SHA-256 hash:\s*([0-9A-Fa-f]{64})$/;
const SHA1_LINE = /^SHA-1 hash:\s*([0-9A-Fa-f]{40})$/;
const PEM_BEGIN = '-----BEGIN CERTIFICATE-----';
const PEM_END = '-----END CERTIFICATE-----';

export function splitCertificateBlocks(lines: readonly string[]): CertificateBlock[] {
  const blocks: CertificateBlock[] = [];
  let current: CertificateBlock = {};
  let pemLines: string[] | undefined;

  const startNext = (): void => {
    if (current.sha256 !== undefined || current.sha1 !== undefined || current.pem !== undefined) blocks.push(current);
    current = {};
  };

  for (const raw of lines) {
    const line = raw.trim();
    if (pemLines) {
      pemLines.push(line);
      if (line === PEM_END) {
        current.pem = pemLines.join('\n') + '\n';
        pemLines = undefined;
      }
      continue;
    }
    const sha256 = SHA256_LINE.exec(line);
    if (sha256) {
      startNext();
      current.sha256 = sha256[1]!.toUpperCase();
      continue;
    }
    const sha1 = SHA1_LINE.exec(line);
    if (sha1) {
      if (current.sha1 !== undefined || current.pem !== undefined) startNext();
      current.sha1 = sha1[1]!.toUpperCase();
      continue;
    }
    if (line === PEM_BEGIN) {
      if (current.pem !== undefined) startNext();
      pemLines = [line];
    }
  }
  if (pemLines) current.pem = pemLines.join('\n') + '\n';
  startNext();
  return blocks;
}

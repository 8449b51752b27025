import { createHash } from 'node:crypto';

/** Hex SHA-256 of a text (UTF-8): what the journal records for each captured output. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

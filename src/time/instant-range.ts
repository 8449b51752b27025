/**
 * Instants the contract's time form (`YYYY-MM-DDTHH:MM:SS.sssZ`, four-digit years) can carry. Evidence
 * about a Mac sign-in is never before 1970 nor after 9999; a time outside is a broken record.
 */
const FIRST_MS = Date.UTC(1970, 0, 1);
const LAST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export function isRepresentableInstant(epochMs: number): boolean {
  return epochMs >= FIRST_MS && epochMs <= LAST_MS;
}

export const OUT_OF_RANGE = 'time outside the years 1970 to 9999';

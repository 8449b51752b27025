/**
 * Secret values loaded from the environment or config are registered here and masked in every line
 * trustline writes (errors, notes, reports). Masking is by value, so a secret echoed back inside a
 * server's error body is caught too.
 */
const MIN_SECRET_LENGTH = 4;
const MASK = '[redacted]';

const secrets = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (value === undefined) return;
  const trimmed = value.trim();
  if (trimmed.length >= MIN_SECRET_LENGTH) secrets.add(trimmed);
  // A PEM key is also masked line by line: a message may quote one line of it.
  if (trimmed.includes('\n')) for (const line of trimmed.split('\n')) if (line.trim().length >= 16) secrets.add(line.trim());
}

export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return out;
}

import { MASK, maskSecretPatterns } from './patterns.js';

/**
 * Secret values loaded from the environment, the config or a tokenCommand are registered here and
 * masked in every line trustline writes (errors, notes, reports, the console, the journal). Masking is
 * by value, so a secret echoed back inside a server's error body is caught too, and then by shape
 * (patterns.ts) for secrets nobody registered.
 */
const MIN_SECRET_LENGTH = 4;

const secrets = new Set<string>();
/** Longest first, so a secret that contains another is masked whole. */
let ordered: string[] = [];

function add(value: string): void {
  if (secrets.has(value)) return;
  secrets.add(value);
  ordered = [...secrets].sort((a, b) => b.length - a.length);
}

export function registerSecret(value: string | undefined): void {
  if (value === undefined) return;
  const trimmed = value.trim();
  if (trimmed.length >= MIN_SECRET_LENGTH) add(trimmed);
  // A PEM key is also masked line by line: a message may quote one line of it.
  if (trimmed.includes('\n')) for (const line of trimmed.split('\n')) if (line.trim().length >= 16) add(line.trim());
}

/** Registered values first (exact), then shapes. */
export function redactSecrets(text: string): string {
  let out = text;
  for (const secret of ordered) if (out.includes(secret)) out = out.split(secret).join(MASK);
  return maskSecretPatterns(out);
}

/** Forgets every registered value: for a process that runs several independent sessions (the tests' shared workers). */
export function forgetSecrets(): void {
  secrets.clear();
  ordered = [];
}

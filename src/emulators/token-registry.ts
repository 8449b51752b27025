// Tokens an emulator issued: JWT-shaped (signed with a per-server key) and looked up by value.
import { randomBytes } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';

/** Expired grants are kept this long, so a late request hears "expired" rather than "unknown". */
const KEEP_EXPIRED_MS = 3_600_000;

export class TokenRegistry<G extends { expiresAtMs: number }> {
  private readonly secret = randomBytes(32);
  private readonly grants = new Map<string, G>();

  constructor(private readonly kid?: string) {}

  /** Signs the claims (plus sub, iat, exp from the grant) and remembers the grant behind the token. */
  async issue(claims: JWTPayload, subject: string, grant: G): Promise<string> {
    const now = Date.now();
    for (const [token, old] of this.grants) if (old.expiresAtMs + KEEP_EXPIRED_MS <= now) this.grants.delete(token);
    const token = await new SignJWT(claims)
      .setProtectedHeader(this.kid === undefined ? { alg: 'HS256' } : { alg: 'HS256', kid: this.kid })
      .setSubject(subject)
      .setIssuedAt(Math.floor(now / 1000))
      .setExpirationTime(Math.ceil(grant.expiresAtMs / 1000))
      .sign(this.secret);
    this.grants.set(token, grant);
    return token;
  }

  find(token: string): G | undefined {
    return this.grants.get(token);
  }

  revoke(token: string): void {
    this.grants.delete(token);
  }
}

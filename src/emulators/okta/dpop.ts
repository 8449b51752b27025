// DPoP proof checks (RFC 9449) for the token endpoint and for resource requests.
import { calculateJwkThumbprint, EmbeddedJWK, jwtVerify, type JWK } from 'jose';
import { sha256Base64url } from '../http-util.js';

export const DPOP_ALGS = ['RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512'] as const;

const MAX_PROOF_AGE_SECONDS = 300;

export interface DpopExpectation {
  method: string;
  /** The request URL without query or fragment. */
  url: string;
  /** Resource requests: the access token the proof must be bound to (`ath`). */
  accessToken?: string;
}

export type DpopResult = { ok: true; jkt: string; jti: string; nonce: string | undefined } | { ok: false; description: string };

function sameResource(htu: unknown, expected: string): boolean {
  if (typeof htu !== 'string') return false;
  try {
    const a = new URL(htu);
    const b = new URL(expected);
    return a.origin === b.origin && a.pathname === b.pathname;
  } catch {
    return false;
  }
}

/** Verifies a DPoP proof JWT's signature (with its embedded public key), type and claims. */
export async function verifyDpopProof(proof: string, expect: DpopExpectation): Promise<DpopResult> {
  let payload: Record<string, unknown>;
  let jwk: JWK | undefined;
  try {
    const verified = await jwtVerify(proof, EmbeddedJWK, {
      typ: 'dpop+jwt',
      algorithms: [...DPOP_ALGS],
      maxTokenAge: MAX_PROOF_AGE_SECONDS,
      clockTolerance: 60,
      requiredClaims: ['iat', 'jti', 'htm', 'htu'],
    });
    payload = verified.payload;
    jwk = verified.protectedHeader.jwk;
  } catch (error) {
    return { ok: false, description: `The DPoP proof JWT is invalid: ${(error as Error).message}` };
  }
  if (!jwk) return { ok: false, description: "The DPoP proof JWT header has no 'jwk'." };
  if (payload.htm !== expect.method) return { ok: false, description: "'htm' claim in the DPoP proof JWT is invalid." };
  if (!sameResource(payload.htu, expect.url)) return { ok: false, description: "'htu' claim in the DPoP proof JWT is invalid." };
  if (expect.accessToken !== undefined && payload.ath !== sha256Base64url(expect.accessToken)) {
    return { ok: false, description: "'ath' claim in the DPoP proof JWT is invalid." };
  }
  const jti = payload.jti as string;
  const nonce = typeof payload.nonce === 'string' ? payload.nonce : undefined;
  return { ok: true, jkt: await calculateJwkThumbprint(jwk, 'sha256'), jti, nonce };
}

/** Remembers single-use identifiers (assertion and proof `jti`) until they could no longer be accepted. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly keepMs: number) {}

  /** False when the id was already used. */
  use(id: string, now = Date.now()): boolean {
    for (const [key, until] of this.seen) if (until <= now) this.seen.delete(key);
    if (this.seen.has(id)) return false;
    this.seen.set(id, now + this.keepMs);
    return true;
  }
}

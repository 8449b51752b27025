// Access tokens the emulated org authorization server has issued.
import { randomId } from '../http-util.js';
import { TokenRegistry } from '../token-registry.js';

export interface AccessTokenGrant {
  clientId: string;
  scopes: string[];
  /** DPoP-bound tokens: the thumbprint of the proof key (`cnf.jkt`). */
  jkt: string | undefined;
  expiresAtMs: number;
}

export class OktaTokenStore {
  private readonly registry = new TokenRegistry<AccessTokenGrant>(randomId(12));

  constructor(readonly ttlSeconds: number) {}

  issue(issuer: string, grant: Omit<AccessTokenGrant, 'expiresAtMs'>): Promise<string> {
    const claims: Record<string, unknown> = { ver: 1, jti: `AT.${randomId(24)}`, iss: issuer, aud: issuer, cid: grant.clientId, scp: grant.scopes };
    if (grant.jkt !== undefined) claims.cnf = { jkt: grant.jkt };
    return this.registry.issue(claims, grant.clientId, { ...grant, expiresAtMs: Date.now() + this.ttlSeconds * 1000 });
  }

  /** The grant behind a token this server issued (expired ones included for a while). */
  find(token: string): AccessTokenGrant | undefined {
    return this.registry.find(token);
  }
}

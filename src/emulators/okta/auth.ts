// Who is calling /api/v1/*: an SSWS API token, a Bearer access token, or a DPoP-bound one with its proof.
import { credentialFor, header, sameSecret, sha256Base64url, type Exchange, type Reply } from '../http-util.js';
import { DPOP_ALGS, ReplayGuard, verifyDpopProof } from './dpop.js';
import { invalidToken } from './errors.js';
import type { OktaTokenStore } from './tokens.js';

export interface Principal {
  /** Rate-limit bucket key: one per API token or OAuth client (never the secret itself). */
  key: string;
  /** OAuth scopes of the token; API tokens carry their admin's rights, which the emulator treats as all. */
  scopes: readonly string[] | 'all';
  scheme: 'SSWS' | 'Bearer' | 'DPoP';
}

type Challenge = { scheme: 'Bearer' | 'DPoP'; error: string; description: string; scope?: string };

/** The WWW-Authenticate value Okta sends with OAuth failures on resource requests. */
function challenge(ex: Exchange, c: Challenge): string {
  const algs = c.scheme === 'DPoP' ? `algs="${DPOP_ALGS.join(' ')}", ` : '';
  const scope = c.scope === undefined ? '' : `scope="${c.scope}", `;
  const description = c.description.replace(/["\\]/g, "'");
  return (
    `${c.scheme} ${algs}authorization_uri="${ex.base}/oauth2/v1/authorize", realm="${ex.base}", ${scope}` +
    `error="${c.error}", error_description="${description}", resource="${ex.url.pathname}"`
  );
}

export class OktaResourceAuth {
  private readonly proofIds = new ReplayGuard(600_000);

  constructor(
    private readonly apiTokens: readonly string[],
    private readonly tokens: OktaTokenStore,
  ) {}

  async authenticate(ex: Exchange): Promise<{ principal: Principal } | { reply: Reply }> {
    const ssws = credentialFor(ex.headers, 'SSWS');
    if (ssws !== undefined) {
      if (!this.apiTokens.some((t) => sameSecret(t, ssws))) return { reply: invalidToken() };
      return { principal: { key: `ssws:${sha256Base64url(ssws).slice(0, 16)}`, scopes: 'all', scheme: 'SSWS' } };
    }
    const bearer = credentialFor(ex.headers, 'Bearer');
    if (bearer !== undefined) return this.oauth(ex, bearer, 'Bearer');
    const dpop = credentialFor(ex.headers, 'DPoP');
    if (dpop !== undefined) return this.oauth(ex, dpop, 'DPoP');
    return { reply: invalidToken() };
  }

  /** 403 insufficient_scope (no body, as Okta sends it) when an OAuth token lacks the endpoint's scope. */
  authorize(principal: Principal, scope: string | undefined, ex: Exchange): Reply | undefined {
    if (scope === undefined || principal.scopes === 'all' || principal.scopes.includes(scope)) return undefined;
    const scheme = principal.scheme === 'DPoP' ? 'DPoP' : 'Bearer';
    const value = challenge(ex, { scheme, scope, error: 'insufficient_scope', description: 'The access token provided does not contain the required scopes.' });
    return { status: 403, headers: { 'content-type': 'application/json', 'www-authenticate': value }, body: '' };
  }

  private async oauth(ex: Exchange, token: string, scheme: 'Bearer' | 'DPoP'): Promise<{ principal: Principal } | { reply: Reply }> {
    const fail = (error: string, description: string): { reply: Reply } => ({
      reply: invalidToken({ 'www-authenticate': challenge(ex, { scheme, error, description }) }),
    });
    const grant = this.tokens.find(token);
    if (!grant) return fail('invalid_token', 'The access token is invalid.');
    if (grant.expiresAtMs <= Date.now()) return fail('invalid_token', 'The token has expired.');
    if (scheme === 'Bearer' && grant.jkt !== undefined) return fail('invalid_token', 'The access token is DPoP-bound; send it with the DPoP scheme and a proof.');
    if (scheme === 'DPoP') {
      if (grant.jkt === undefined) return fail('invalid_token', 'The access token is not DPoP-bound.');
      const proof = header(ex.headers, 'dpop');
      if (proof === undefined) return fail('invalid_dpop_proof', 'The DPoP proof JWT header is missing.');
      const checked = await verifyDpopProof(proof, { method: ex.method, url: `${ex.base}${ex.url.pathname}`, accessToken: token });
      if (!checked.ok) return fail('invalid_dpop_proof', checked.description);
      if (checked.jkt !== grant.jkt) return fail('invalid_dpop_proof', "The DPoP proof JWT key does not match the access token's 'cnf.jkt'.");
      if (!this.proofIds.use(checked.jti)) return fail('invalid_dpop_proof', "The DPoP proof JWT 'jti' has already been used.");
    }
    return { principal: { key: `client:${grant.clientId}`, scopes: grant.scopes, scheme } };
  }
}

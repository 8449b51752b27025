// POST /oauth2/v1/token: client credentials with a private_key_jwt assertion, optionally DPoP-bound.
import { decodeJwt, importJWK, jwtVerify, type JWK } from 'jose';
import { formFields, header, jsonReply, oauthError, randomId, type Exchange, type Reply } from '../http-util.js';
import type { OktaOAuthClient } from '../types.js';
import { DPOP_ALGS, ReplayGuard, verifyDpopProof } from './dpop.js';
import { methodNotAllowed } from './errors.js';
import type { OktaTokenStore } from './tokens.js';

export const TOKEN_PATH = '/oauth2/v1/token';
const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const MAX_ASSERTION_LIFETIME_SECONDS = 3600;
const CLOCK_TOLERANCE_SECONDS = 60;

const invalidClient = (description: string): Reply => oauthError(401, 'invalid_client', description);
const invalidDpop = (description: string): Reply => oauthError(400, 'invalid_dpop_proof', description);

export class OktaTokenEndpoint {
  /** The nonce the server asks DPoP proofs to carry (`use_dpop_nonce`). */
  private readonly nonce = randomId(24);
  private readonly assertionIds = new ReplayGuard((MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) * 1000);
  private readonly proofIds = new ReplayGuard(600_000);

  constructor(
    private readonly clients: readonly OktaOAuthClient[],
    private readonly tokens: OktaTokenStore,
  ) {}

  async handle(ex: Exchange): Promise<Reply> {
    if (ex.method !== 'POST') return methodNotAllowed();
    const form = formFields(ex);
    if (!form) return oauthError(400, 'invalid_request', 'The request must be application/x-www-form-urlencoded.');
    const grantType = form.get('grant_type');
    if (!grantType) return oauthError(400, 'invalid_request', 'The grant_type parameter is required.');
    if (grantType !== 'client_credentials') {
      return oauthError(400, 'unsupported_grant_type', `The authorization grant type is not supported by the authorization server. Configured grant types: [client_credentials].`);
    }
    const assertion = form.get('client_assertion');
    if (!assertion) return invalidClient('Client authentication failed. Either the client or the client credentials are invalid.');
    if (form.get('client_assertion_type') !== JWT_BEARER) return oauthError(400, 'invalid_request', 'The `client_assertion_type` is invalid.');
    const client = this.clientOf(assertion, form.get('client_id'));
    if (!client) return invalidClient('The client_assertion token is invalid: no such client.');
    const scopes = (form.get('scope') ?? '').split(' ').filter((s) => s !== '');
    if (scopes.length === 0) return oauthError(400, 'invalid_scope', 'No scopes were requested.');

    const tokenUrl = `${ex.base}${TOKEN_PATH}`;
    const proof = header(ex.headers, 'dpop');
    let jkt: string | undefined;
    if (proof === undefined) {
      if (client.requireDpop) return invalidDpop('The DPoP proof JWT header is missing.');
    } else {
      const checked = await verifyDpopProof(proof, { method: 'POST', url: tokenUrl });
      if (!checked.ok) return invalidDpop(checked.description);
      if (checked.nonce !== this.nonce) {
        return oauthError(400, 'use_dpop_nonce', 'Authorization server requires nonce in DPoP proof.', { 'dpop-nonce': this.nonce });
      }
      if (!this.proofIds.use(checked.jti)) return invalidDpop("The DPoP proof JWT 'jti' has already been used.");
      jkt = checked.jkt;
    }

    const problem = await this.checkAssertion(assertion, client, tokenUrl);
    if (problem) return invalidClient(problem);
    const notGranted = scopes.filter((s) => !client.scopes.includes(s));
    if (notGranted.length > 0) {
      return oauthError(400, 'invalid_scope', `The following scopes are not granted to the client: ${notGranted.join(' ')}.`);
    }
    const accessToken = await this.tokens.issue(ex.base, { clientId: client.clientId, scopes, jkt });
    return jsonReply(
      200,
      { token_type: jkt === undefined ? 'Bearer' : 'DPoP', expires_in: this.tokens.ttlSeconds, access_token: accessToken, scope: scopes.join(' ') },
      { 'cache-control': 'no-store', pragma: 'no-cache' },
    );
  }

  /** The client the (not yet verified) assertion names; client_id, when sent, must agree. */
  private clientOf(assertion: string, clientId: string | null): OktaOAuthClient | undefined {
    let issuer: unknown;
    try {
      issuer = decodeJwt(assertion).iss;
    } catch {
      return undefined;
    }
    if (clientId !== null && clientId !== issuer) return undefined;
    return this.clients.find((c) => c.clientId === issuer);
  }

  /** Signature and claims of the client assertion; a description of the first problem, or undefined. */
  private async checkAssertion(assertion: string, client: OktaOAuthClient, tokenUrl: string): Promise<string | undefined> {
    let payload: Record<string, unknown>;
    try {
      const verified = await jwtVerify(assertion, (header) => importJWK(client.publicJwk as JWK, header.alg), {
        algorithms: [...DPOP_ALGS],
        issuer: client.clientId,
        subject: client.clientId,
        audience: tokenUrl,
        requiredClaims: ['exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
      });
      payload = verified.payload;
    } catch (error) {
      return `The client_assertion token is invalid: ${(error as Error).message}`;
    }
    const now = Date.now() / 1000;
    if ((payload.exp as number) > now + MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) {
      return 'The client_assertion token has an expiration too far in the future.';
    }
    if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_TOLERANCE_SECONDS) return 'The client_assertion token was issued in the future.';
    if (typeof payload.jti === 'string' && !this.assertionIds.use(`${client.clientId} ${payload.jti}`)) {
      return "The client_assertion token's 'jti' has already been used.";
    }
    return undefined;
  }
}

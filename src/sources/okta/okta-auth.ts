import { createHash, createPrivateKey, randomUUID, type KeyObject } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { OktaAuth } from './config.js';
import { isJsonObject, type JsonValue } from '../../io/json-file.js';
import { stringAt, numberAt } from '../../io/json-access.js';
import { endpoint } from '../../net/endpoint.js';
import { HttpError } from '../../net/errors.js';
import { headerValue, type HttpClient } from '../../net/http-client.js';
import { jsonBody } from '../../net/json-body.js';
import { registerSecret } from '../../secrets/registry.js';

export const OKTA_SCOPES = 'okta.logs.read okta.devices.read';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Renew an access token this long before it expires. */
const RENEW_MARGIN_MS = 60_000;

interface AccessToken {
  value: string;
  type: 'Bearer' | 'DPoP';
  expiresAtMs: number;
}

interface DpopKey {
  privateKey: CryptoKey | KeyObject;
  jwk: JWK;
}

function signingAlgorithm(key: KeyObject): string {
  if (key.asymmetricKeyType === 'rsa') return 'RS256';
  if (key.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1' || curve === 'P-256') return 'ES256';
    if (curve === 'secp384r1' || curve === 'P-384') return 'ES384';
    if (curve === 'secp521r1' || curve === 'P-521') return 'ES512';
  }
  throw new HttpError('config', `TRUSTLINE_OKTA_PRIVATE_KEY: unsupported key type ${key.asymmetricKeyType ?? 'unknown'} (use RSA or EC P-256)`);
}

/** The RFC 6749 error of the token endpoint as one line. */
function tokenError(status: number, body: JsonValue | undefined): HttpError {
  const object = isJsonObject(body) ? body : undefined;
  const error = stringAt(object, 'error');
  const description = stringAt(object, 'error_description');
  const hint =
    error === 'invalid_client'
      ? ': check TRUSTLINE_OKTA_CLIENT_ID and that the public key registered on the service app matches TRUSTLINE_OKTA_PRIVATE_KEY'
      : error === 'invalid_scope'
        ? `: grant ${OKTA_SCOPES.split(' ').join(' and ')} on the service app's Okta API Scopes tab`
        : '';
  const what = error ? `${error}${description ? ` (${description})` : ''}` : `HTTP ${status}`;
  return new HttpError('status', `Okta token request refused: ${what}${hint}`, status);
}

/**
 * Authorization for Okta's management APIs: an SSWS API token, or an OAuth service app signing a
 * private_key_jwt client assertion for a 1-hour access token, bound to an ephemeral DPoP key when the
 * authorization server demands proof of possession.
 */
export class OktaAuthorizer {
  private token: AccessToken | undefined;
  private pending: Promise<AccessToken> | undefined;
  private dpop: DpopKey | undefined;
  private dpopNonce: string | undefined;

  constructor(
    private readonly http: HttpClient,
    private readonly base: URL,
    private readonly auth: OktaAuth,
  ) {}

  get mode(): 'ssws' | 'oauth' {
    return this.auth.kind;
  }

  /** Headers authorising one request; `url` is the request URL (DPoP proofs name it without its query). */
  async headers(method: string, url: URL, signal: AbortSignal): Promise<Record<string, string>> {
    if (this.auth.kind === 'ssws') return { authorization: `SSWS ${this.auth.token}` };
    const token = await this.accessToken(signal);
    if (token.type === 'Bearer') return { authorization: `Bearer ${token.value}` };
    const ath = createHash('sha256').update(token.value).digest('base64url');
    return { authorization: `DPoP ${token.value}`, dpop: await this.proof(method, url, { ath }) };
  }

  /** Forget the access token (the API said it is invalid or expired). */
  invalidate(): void {
    this.token = undefined;
  }

  private async accessToken(signal: AbortSignal): Promise<AccessToken> {
    if (this.token && this.token.expiresAtMs - RENEW_MARGIN_MS > Date.now()) return this.token;
    this.pending ??= this.requestToken(signal).finally(() => {
      this.pending = undefined;
    });
    this.token = await this.pending;
    return this.token;
  }

  private async requestToken(signal: AbortSignal): Promise<AccessToken> {
    if (this.auth.kind !== 'oauth') throw new Error('not an OAuth configuration');
    const url = endpoint(this.base, '/oauth2/v1/token');
    // At most: plain → DPoP demanded → nonce demanded → granted.
    for (let attempt = 0; attempt < 3; attempt++) {
      const headers: Record<string, string> = { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' };
      if (this.dpop) headers['dpop'] = await this.proof('POST', url, this.dpopNonce ? { nonce: this.dpopNonce } : {});
      const body = new URLSearchParams({
        grant_type: 'client_credentials',
        scope: OKTA_SCOPES,
        client_assertion_type: ASSERTION_TYPE,
        client_assertion: await this.clientAssertion(url),
      }).toString();
      const res = await this.http.send({ method: 'POST', url, headers, body, signal, idempotent: true });
      let doc: JsonValue;
      try {
        doc = jsonBody(res);
      } catch (error) {
        if (res.status === 200) throw error;
        throw tokenError(res.status, undefined);
      }
      const object = isJsonObject(doc) ? doc : undefined;
      const error = stringAt(object, 'error');
      if (res.status === 400 && error === 'invalid_dpop_proof' && !this.dpop) {
        this.dpop = await this.newDpopKey();
        continue;
      }
      if (res.status === 400 && error === 'use_dpop_nonce' && this.dpop) {
        this.dpopNonce = headerValue(res.headers, 'dpop-nonce');
        if (this.dpopNonce) continue;
      }
      if (res.status !== 200 || !object) throw tokenError(res.status, doc);
      const value = stringAt(object, 'access_token');
      const type = stringAt(object, 'token_type');
      if (!value || (type !== 'Bearer' && type !== 'DPoP')) throw new HttpError('bad-json', 'Okta token response has no access_token');
      registerSecret(value);
      const lifetime = numberAt(object, 'expires_in') ?? 3600;
      return { value, type, expiresAtMs: Date.now() + lifetime * 1000 };
    }
    throw new HttpError('status', 'Okta token request refused: the DPoP exchange did not settle');
  }

  private async clientAssertion(audience: URL): Promise<string> {
    if (this.auth.kind !== 'oauth') throw new Error('not an OAuth configuration');
    let key: KeyObject;
    try {
      key = createPrivateKey(this.auth.privateKeyPem);
    } catch {
      throw new HttpError('config', 'TRUSTLINE_OKTA_PRIVATE_KEY is not a readable PEM private key');
    }
    const header: { alg: string; kid?: string } = { alg: signingAlgorithm(key) };
    if (this.auth.keyId) header.kid = this.auth.keyId;
    return new SignJWT({})
      .setProtectedHeader(header)
      .setIssuer(this.auth.clientId)
      .setSubject(this.auth.clientId)
      .setAudience(audience.href)
      .setIssuedAt()
      .setExpirationTime('5m')
      .setJti(randomUUID())
      .sign(key);
  }

  private async newDpopKey(): Promise<DpopKey> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    return { privateKey, jwk: await exportJWK(publicKey) };
  }

  private async proof(method: string, url: URL, claims: { ath?: string; nonce?: string }): Promise<string> {
    if (!this.dpop) throw new Error('no DPoP key');
    const htu = `${url.origin}${url.pathname}`;
    return new SignJWT({ htm: method, htu, ...claims })
      .setProtectedHeader({ typ: 'dpop+jwt', alg: 'ES256', jwk: this.dpop.jwk })
      .setIssuedAt()
      .setJti(randomUUID())
      .sign(this.dpop.privateKey);
  }
}

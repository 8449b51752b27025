import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulators/index.js';
import { API_TOKEN, call, clientAssertion, dpopProof, form, headerOf, json, keyPair, sleep, startOkta, type KeyPairJwk } from './helpers.js';

const CLIENT_ID = '0oaTriageService26d8';
const LOGS = '/api/v1/logs?since=2026-11-20T00:00:00Z&until=2026-11-21T00:00:00Z&limit=1';
const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

async function oauthOkta(opts: { scopes?: string[]; requireDpop?: boolean; tokenTtlSeconds?: number } = {}): Promise<{ okta: RunningEmulator; key: KeyPairJwk }> {
  const key = await keyPair('RS256');
  const okta = await startOkta({
    credentials: {
      apiTokens: [API_TOKEN],
      oauthClients: [{ clientId: CLIENT_ID, publicJwk: key.publicJwk, scopes: opts.scopes ?? ['okta.logs.read', 'okta.devices.read'], requireDpop: opts.requireDpop ?? false }],
    },
    ...(opts.tokenTtlSeconds === undefined ? {} : { tokenTtlSeconds: opts.tokenTtlSeconds }),
  });
  return { okta, key };
}

async function tokenRequest(okta: RunningEmulator, assertion: string, scope = 'okta.logs.read', headers: Record<string, string> = {}) {
  const req = form({ grant_type: 'client_credentials', scope, client_assertion_type: ASSERTION_TYPE, client_assertion: assertion });
  return call(`${okta.url}/oauth2/v1/token`, { ...req, headers: { ...req.headers, ...headers } });
}

describe('Okta SSWS API tokens', () => {
  it('accepts the configured token and answers 401 E0000011 for a wrong, missing or mis-schemed one', async () => {
    const okta = await startOkta();
    expect((await call(`${okta.url}${LOGS}`, { headers: { authorization: `SSWS ${API_TOKEN}` } })).status).toBe(200);
    for (const authorization of [`SSWS ${API_TOKEN}x`, `Bearer ${API_TOKEN}`, undefined]) {
      const res = await call(`${okta.url}${LOGS}`, { headers: authorization === undefined ? {} : { authorization } });
      expect(res.status).toBe(401);
      expect(json(res)).toMatchObject({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorCauses: [] });
      expect(json(res).errorId).toMatch(/^oae\w{22}$/);
      expect(headerOf(res, 'content-type')).toBe('application/json');
    }
    expect(okta.requests.map((r) => r.authorization)).toEqual(['ssws', 'ssws', 'bearer', 'none']);
    expect(JSON.stringify(okta.requests)).not.toContain(API_TOKEN);
  });
});

describe('Okta OAuth client credentials with private_key_jwt', () => {
  it('issues a Bearer token for a valid assertion that then reads the System Log', async () => {
    const { okta, key } = await oauthOkta();
    const res = await tokenRequest(okta, await clientAssertion(key, CLIENT_ID, `${okta.url}/oauth2/v1/token`));
    expect(res.status).toBe(200);
    const token = json<{ token_type: string; expires_in: number; access_token: string; scope: string }>(res);
    expect(token).toMatchObject({ token_type: 'Bearer', expires_in: 3600, scope: 'okta.logs.read' });
    expect(token.access_token.split('.')).toHaveLength(3);
    const logs = await call(`${okta.url}${LOGS}`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(logs.status).toBe(200);
    expect(okta.requests.at(-1)?.authorization).toBe('bearer');
  });

  it('rejects a replayed jti, a wrong audience, a lifetime over an hour and a foreign signature as invalid_client', async () => {
    const { okta, key } = await oauthOkta();
    const aud = `${okta.url}/oauth2/v1/token`;
    const once = await clientAssertion(key, CLIENT_ID, aud);
    expect((await tokenRequest(okta, once)).status).toBe(200);
    const other = await keyPair('RS256');
    const bad = [
      once,
      await clientAssertion(key, CLIENT_ID, 'https://example.okta.com/oauth2/v1/token'),
      await clientAssertion(key, CLIENT_ID, aud, { exp: Math.floor(Date.now() / 1000) + 7200 }),
      await clientAssertion(other, CLIENT_ID, aud),
      await clientAssertion(key, CLIENT_ID, aud, { sub: 'someone-else' }),
    ];
    for (const assertion of bad) {
      const res = await tokenRequest(okta, assertion);
      expect(res.status, res.text).toBe(401);
      expect(json(res).error).toBe('invalid_client');
      expect(typeof json(res).error_description).toBe('string');
    }
  });

  it('answers invalid_scope for scopes the client was not granted or none, and unsupported_grant_type', async () => {
    const { okta, key } = await oauthOkta({ scopes: ['okta.logs.read'] });
    const aud = `${okta.url}/oauth2/v1/token`;
    const notGranted = await tokenRequest(okta, await clientAssertion(key, CLIENT_ID, aud), 'okta.logs.read okta.devices.read');
    expect([notGranted.status, json(notGranted).error]).toEqual([400, 'invalid_scope']);
    const none = await tokenRequest(okta, await clientAssertion(key, CLIENT_ID, aud), '');
    expect([none.status, json(none)]).toEqual([400, { error: 'invalid_scope', error_description: 'No scopes were requested.' }]);
    const grant = await call(`${okta.url}/oauth2/v1/token`, form({ grant_type: 'password', scope: 'okta.logs.read' }));
    expect([grant.status, json(grant).error]).toEqual([400, 'unsupported_grant_type']);
  });

  it('answers 403 insufficient_scope, without a body, when the token lacks the endpoint scope', async () => {
    const { okta, key } = await oauthOkta({ scopes: ['okta.logs.read'] });
    const token = json(await tokenRequest(okta, await clientAssertion(key, CLIENT_ID, `${okta.url}/oauth2/v1/token`))).access_token as string;
    const res = await call(`${okta.url}/api/v1/devices`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(403);
    expect(res.text).toBe('');
    const challenge = headerOf(res, 'www-authenticate') ?? '';
    expect(challenge).toMatch(/^Bearer authorization_uri="http:\/\/127\.0\.0\.1:\d+\/oauth2\/v1\/authorize", realm="http:\/\/127\.0\.0\.1:\d+", /);
    expect(challenge).toContain('scope="okta.devices.read"');
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain('resource="/api/v1/devices"');
  });

  it('answers 401 once the access token has expired', async () => {
    const { okta, key } = await oauthOkta({ tokenTtlSeconds: 1 });
    const res = await tokenRequest(okta, await clientAssertion(key, CLIENT_ID, `${okta.url}/oauth2/v1/token`));
    expect(json(res).expires_in).toBe(1);
    const token = json(res).access_token as string;
    expect((await call(`${okta.url}${LOGS}`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
    await sleep(1100);
    const expired = await call(`${okta.url}${LOGS}`, { headers: { authorization: `Bearer ${token}` } });
    expect(expired.status).toBe(401);
    expect(json(expired).errorCode).toBe('E0000011');
    expect(headerOf(expired, 'www-authenticate')).toContain('error="invalid_token", error_description="The token has expired."');
  });
});

describe('Okta DPoP', () => {
  async function dpopToken(okta: RunningEmulator, key: KeyPairJwk, proofKey: KeyPairJwk): Promise<string> {
    const url = `${okta.url}/oauth2/v1/token`;
    const first = await tokenRequest(okta, await clientAssertion(key, CLIENT_ID, url), 'okta.logs.read', { dpop: await dpopProof(proofKey, 'POST', url) });
    const nonce = headerOf(first, 'dpop-nonce')!;
    const second = await tokenRequest(okta, await clientAssertion(key, CLIENT_ID, url), 'okta.logs.read', { dpop: await dpopProof(proofKey, 'POST', url, { nonce }) });
    expect(second.status, second.text).toBe(200);
    expect(json(second).token_type).toBe('DPoP');
    return json(second).access_token as string;
  }

  it('walks the nonce dance: missing proof, use_dpop_nonce with a dpop-nonce header, then a DPoP token', async () => {
    const { okta, key } = await oauthOkta({ requireDpop: true });
    const proofKey = await keyPair('ES256');
    const url = `${okta.url}/oauth2/v1/token`;
    const missing = await tokenRequest(okta, await clientAssertion(key, CLIENT_ID, url));
    expect([missing.status, json(missing)]).toEqual([400, { error: 'invalid_dpop_proof', error_description: 'The DPoP proof JWT header is missing.' }]);
    const assertion = await clientAssertion(key, CLIENT_ID, url);
    const noNonce = await tokenRequest(okta, assertion, 'okta.logs.read', { dpop: await dpopProof(proofKey, 'POST', url) });
    expect([noNonce.status, json(noNonce).error]).toEqual([400, 'use_dpop_nonce']);
    const nonce = headerOf(noNonce, 'dpop-nonce');
    expect(nonce).toMatch(/^[\w-]{16,}$/);
    const wrongHtu = await tokenRequest(okta, assertion, 'okta.logs.read', { dpop: await dpopProof(proofKey, 'POST', `${okta.url}/oauth2/v1/authorize`, { nonce }) });
    expect([wrongHtu.status, json(wrongHtu).error]).toEqual([400, 'invalid_dpop_proof']);
    // The assertion refused for want of a nonce is still unused and may be sent again.
    const ok = await tokenRequest(okta, assertion, 'okta.logs.read', { dpop: await dpopProof(proofKey, 'POST', url, { nonce }) });
    expect(ok.status).toBe(200);
    expect(json(ok)).toMatchObject({ token_type: 'DPoP', expires_in: 3600, scope: 'okta.logs.read' });
  });

  it('accepts a DPoP-bound token only with a fresh proof of the same key for this method, URL and token', async () => {
    const { okta, key } = await oauthOkta({ requireDpop: true });
    const proofKey = await keyPair('ES256');
    const token = await dpopToken(okta, key, proofKey);
    const ath = createHash('sha256').update(token).digest('base64url');
    const htu = `${okta.url}/api/v1/logs`;
    const get = (authorization: string, proof?: string) => call(`${okta.url}${LOGS}`, { headers: { authorization, ...(proof ? { dpop: proof } : {}) } });

    const proof = await dpopProof(proofKey, 'GET', htu, { ath });
    expect((await get(`DPoP ${token}`, proof)).status).toBe(200);
    expect(okta.requests.at(-1)?.authorization).toBe('dpop');
    const failures = [
      await get(`DPoP ${token}`, proof), // replayed proof
      await get(`DPoP ${token}`), // no proof
      await get(`Bearer ${token}`), // DPoP-bound token without its scheme
      await get(`DPoP ${token}`, await dpopProof(proofKey, 'POST', htu, { ath })),
      await get(`DPoP ${token}`, await dpopProof(proofKey, 'GET', `${okta.url}/api/v1/devices`, { ath })),
      await get(`DPoP ${token}`, await dpopProof(proofKey, 'GET', htu, { ath: 'x'.repeat(43) })),
      await get(`DPoP ${token}`, await dpopProof(await keyPair('ES256'), 'GET', htu, { ath })),
    ];
    for (const res of failures) {
      expect(res.status).toBe(401);
      expect(json(res).errorCode).toBe('E0000011');
      expect(headerOf(res, 'www-authenticate')).toMatch(/^(DPoP algs="RS256 RS384 RS512 ES256 ES384 ES512", |Bearer )/);
    }
    const reasons = failures.map((res) => /error_description="([^"]*)"/.exec(headerOf(res, 'www-authenticate') ?? '')?.[1]);
    expect(reasons).toEqual([
      "The DPoP proof JWT 'jti' has already been used.",
      'The DPoP proof JWT header is missing.',
      'The access token is DPoP-bound; send it with the DPoP scheme and a proof.',
      "'htm' claim in the DPoP proof JWT is invalid.",
      "'htu' claim in the DPoP proof JWT is invalid.",
      "'ath' claim in the DPoP proof JWT is invalid.",
      "The DPoP proof JWT key does not match the access token's 'cnf.jkt'.",
    ]);
  });
});

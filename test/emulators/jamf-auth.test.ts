import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulators/index.js';
import { call, form, headerOf, jamfToken, json, JAMF_CLIENT, JAMF_USER, sleep, startJamf, type Response } from './helpers.js';

const HISTORY = '/JSSResource/computerhistory/serialnumber/C02FX1TLQ6L4/subset/General';
const INVENTORY = '/api/v1/jamf-pro-version';

const basic = (user: string, password: string): string => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function withToken(jamf: RunningEmulator, path: string, token: string | undefined): Promise<Response> {
  return call(`${jamf.url}${path}`, { headers: { accept: 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) } });
}

async function userToken(jamf: RunningEmulator): Promise<{ token: string; expires: string }> {
  const res = await call(`${jamf.url}/api/v1/auth/token`, { method: 'POST', headers: { authorization: basic(JAMF_USER.username, JAMF_USER.password) } });
  expect(res.status).toBe(200);
  return json(res);
}

function expectApiUnauthorized(res: Response): void {
  expect(res.status).toBe(401);
  expect(headerOf(res, 'content-type')).toBe('application/json');
  expect(json(res)).toMatchObject({ httpStatus: 401, errors: [{ code: 'INVALID_TOKEN' }] });
}

function expectClassicUnauthorized(res: Response): void {
  expect(res.status).toBe(401);
  expect(headerOf(res, 'content-type')).toMatch(/^text\/html/);
  expect(res.text).toContain('<title>Status page</title>');
  expect(res.text).toContain('<p>The request requires user authentication</p>');
}

describe('Jamf API client credentials', () => {
  it.each(['/api/v1/oauth/token', '/api/oauth/token'])('issues a Bearer token on %s', async (path) => {
    const jamf = await startJamf();
    const res = await call(`${jamf.url}${path}`, form({ grant_type: 'client_credentials', client_id: JAMF_CLIENT.clientId, client_secret: JAMF_CLIENT.clientSecret }));
    expect(res.status).toBe(200);
    expect(json(res)).toMatchObject({ token_type: 'Bearer', scope: 'api-role:1', expires_in: 1200 });
    const token = json(res).access_token as string;
    expect(token.split('.')).toHaveLength(3);
    expect((await withToken(jamf, INVENTORY, token)).status).toBe(200);
    expect(headerOf(res, 'set-cookie')).toMatch(/^jpro-ingress=[0-9a-f]{32}; Path=\//);
  });

  it('answers RFC 6749 400 invalid_client for bad credentials and unsupported_grant_type', async () => {
    const jamf = await startJamf();
    const bad = await call(`${jamf.url}/api/v1/oauth/token`, form({ grant_type: 'client_credentials', client_id: JAMF_CLIENT.clientId, client_secret: 'nope' }));
    expect(bad.status).toBe(400);
    expect(json(bad)).toMatchObject({ error: 'invalid_client', error_uri: 'https://datatracker.ietf.org/doc/html/rfc6749#section-5.2' });
    const unknown = await call(`${jamf.url}/api/oauth/token`, form({ grant_type: 'client_credentials', client_id: 'nobody', client_secret: JAMF_CLIENT.clientSecret }));
    expect(json(unknown).error).toBe('invalid_client');
    const grant = await call(`${jamf.url}/api/v1/oauth/token`, form({ grant_type: 'password', client_id: JAMF_CLIENT.clientId }));
    expect([grant.status, json(grant).error]).toEqual([400, 'unsupported_grant_type']);
    expect(JSON.stringify(jamf.requests)).not.toContain(JAMF_CLIENT.clientSecret);
  });
});

describe('Jamf user tokens', () => {
  it('trades Basic credentials for {token, expires}; a wrong password is a 401 ApiError', async () => {
    const jamf = await startJamf();
    const before = Date.now();
    const { token, expires } = await userToken(jamf);
    expect(expires).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(expires) - before).toBeGreaterThanOrEqual(1200_000 - 1000);
    expect((await withToken(jamf, INVENTORY, token)).status).toBe(200);
    const wrong = await call(`${jamf.url}/api/v1/auth/token`, { method: 'POST', headers: { authorization: basic(JAMF_USER.username, 'guess') } });
    expect([wrong.status, json(wrong).httpStatus]).toEqual([401, 401]);
    expect(jamf.requests.map((r) => r.authorization)).toEqual(['basic', 'bearer', 'basic']);
  });

  it('keep-alive issues a new token and retires the old one', async () => {
    const jamf = await startJamf();
    const { token } = await userToken(jamf);
    const res = await call(`${jamf.url}/api/v1/auth/keep-alive`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const renewed = json(res).token as string;
    expect(renewed).not.toBe(token);
    expect((await withToken(jamf, INVENTORY, renewed)).status).toBe(200);
    expectApiUnauthorized(await withToken(jamf, INVENTORY, token));
    const clientKeepAlive = await call(`${jamf.url}/api/v1/auth/keep-alive`, { method: 'POST', headers: { authorization: `Bearer ${await jamfToken(jamf)}` } });
    expect(clientKeepAlive.status).toBe(401);
  });

  it('invalidate-token answers 204 and the token stops working on both APIs', async () => {
    const jamf = await startJamf();
    const token = await jamfToken(jamf, '/api/oauth/token');
    const res = await call(`${jamf.url}/api/v1/auth/invalidate-token`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect([res.status, res.text]).toEqual([204, '']);
    expectApiUnauthorized(await withToken(jamf, INVENTORY, token));
    expectClassicUnauthorized(await withToken(jamf, HISTORY, token));
  });
});

describe('Jamf token checks', () => {
  it('answers 401 JSON on /api and 401 HTML on /JSSResource for missing, unknown and expired tokens', async () => {
    const jamf = await startJamf({ credentials: { apiClients: [JAMF_CLIENT], users: [JAMF_USER], tokenTtlSeconds: 1 } });
    const token = await jamfToken(jamf);
    expect((await withToken(jamf, HISTORY, token)).status).toBe(200);
    for (const bad of [undefined, 'not-a-token']) {
      expectApiUnauthorized(await withToken(jamf, INVENTORY, bad));
      expectClassicUnauthorized(await withToken(jamf, HISTORY, bad));
    }
    await sleep(1100);
    expectApiUnauthorized(await withToken(jamf, INVENTORY, token));
    expectClassicUnauthorized(await withToken(jamf, HISTORY, token));
    // Basic is only for /api/v1/auth/token.
    expectClassicUnauthorized(await call(`${jamf.url}${HISTORY}`, { headers: { authorization: basic(JAMF_USER.username, JAMF_USER.password) } }));
  });
});

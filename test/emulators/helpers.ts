import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { request } from 'undici';
import { afterEach } from 'vitest';
import {
  loadScenario,
  scenarioDir,
  startJamfEmulator,
  startOktaEmulator,
  type JamfEmulatorOptions,
  type OktaEmulatorOptions,
  type RunningEmulator,
  type Scenario,
} from '../../src/emulators/index.js';

const running: RunningEmulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

const scenarios = new Map<string, Promise<Scenario>>();

/** A built-in demo scenario, loaded once per test file. */
export function demoScenario(name = 'okta-policy-regression'): Promise<Scenario> {
  let loaded = scenarios.get(name);
  if (!loaded) {
    loaded = loadScenario(scenarioDir(name));
    scenarios.set(name, loaded);
  }
  return loaded;
}

export const API_TOKEN = '00emulatorTestTokenAaaaaaaaaaaaaaaaaaaaaa1';
export const JAMF_CLIENT = { clientId: 'triage-client', clientSecret: 'triage-secret-value' };
export const JAMF_USER = { username: 'oncall', password: 'correct horse battery' };

/** An Okta emulator (closed after the test) with one API token unless credentials are given. */
export async function startOkta(opts: Partial<OktaEmulatorOptions> = {}): Promise<RunningEmulator> {
  const emulator = await startOktaEmulator({
    scenario: opts.scenario ?? (await demoScenario()),
    credentials: { apiTokens: [API_TOKEN], oauthClients: [] },
    ...opts,
  });
  running.push(emulator);
  return emulator;
}

/** A Jamf emulator (closed after the test) with one API client and one user unless credentials are given. */
export async function startJamf(opts: Partial<JamfEmulatorOptions> = {}): Promise<RunningEmulator> {
  const emulator = await startJamfEmulator({
    scenario: opts.scenario ?? (await demoScenario()),
    credentials: { apiClients: [JAMF_CLIENT], users: [JAMF_USER] },
    ...opts,
  });
  running.push(emulator);
  return emulator;
}

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export async function call(url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}): Promise<Response> {
  const res = await request(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, body: init.body ?? null });
  return { status: res.statusCode, headers: res.headers, text: await res.body.text() };
}

export function json<T = Record<string, unknown>>(res: Response): T {
  return JSON.parse(res.text) as T;
}

/** A header's single value (first line when it was sent several times). */
export function headerOf(res: Response, name: string): string | undefined {
  const value = res.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function form(fields: Record<string, string>): { method: 'POST'; headers: Record<string, string>; body: string } {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

/** The `link` header lines as {rel: url}. */
export function links(res: Response): Record<string, string> {
  const raw = res.headers.link;
  const lines = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const out: Record<string, string> = {};
  for (const line of lines) {
    const match = /^<([^>]+)>;\s*rel="([^"]+)"$/.exec(line);
    if (!match) throw new Error(`odd link header line: ${line}`);
    out[match[2]!] = match[1]!;
  }
  return out;
}

export interface KeyPairJwk {
  privateKey: CryptoKey;
  publicJwk: JWK;
  alg: string;
}

export async function keyPair(alg: 'RS256' | 'ES256'): Promise<KeyPairJwk> {
  const { privateKey, publicKey } = await generateKeyPair(alg);
  return { privateKey, publicJwk: await exportJWK(publicKey), alg };
}

/** A private_key_jwt client assertion; `claims` override the defaults. */
export function clientAssertion(key: KeyPairJwk, clientId: string, audience: string, claims: Record<string, unknown> = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ iss: clientId, sub: clientId, aud: audience, iat: now, exp: now + 300, jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: key.alg, kid: 'test-key' })
    .sign(key.privateKey);
}

/** A DPoP proof for a request; `claims` add nonce / ath or override htm / htu. */
export function dpopProof(key: KeyPairJwk, htm: string, htu: string, claims: Record<string, unknown> = {}): Promise<string> {
  return new SignJWT({ htm, htu, jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: key.alg, typ: 'dpop+jwt', jwk: key.publicJwk })
    .setIssuedAt()
    .sign(key.privateKey);
}

/** A Jamf API-client token from the emulator's OAuth endpoint. */
export async function jamfToken(jamf: RunningEmulator, path = '/api/v1/oauth/token'): Promise<string> {
  const res = await call(`${jamf.url}${path}`, form({ grant_type: 'client_credentials', client_id: JAMF_CLIENT.clientId, client_secret: JAMF_CLIENT.clientSecret }));
  if (res.status !== 200) throw new Error(`token request failed: ${res.status} ${res.text}`);
  return json(res).access_token as string;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

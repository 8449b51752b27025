import { isAbsolute } from 'node:path';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import { afterEach } from 'vitest';
import type { LiveSettings } from '../../src/config/credentials.js';
import type { JamfSettings } from '../../src/sources/jamf/config.js';
import type { OktaSettings } from '../../src/sources/okta/config.js';
import {
  loadScenario,
  scenarioDir,
  startJamfEmulator,
  startOktaEmulator,
  type Faults,
  type RunningEmulator,
  type Scenario,
} from '../../src/emulators/index.js';
import type { LogPaging } from '../../src/emulators/okta/logs.js';
import type { HttpSettings } from '../../src/net/http-client.js';
import type { LiveQuery } from '../../src/core/live.js';

/** Live settings with the two emulated sources typed, for tests that change them. */
export interface EmulatorSettings extends LiveSettings {
  sources: { okta?: OktaSettings; jamf?: JamfSettings };
}

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

/** Short timeouts and backoff so fault tests finish quickly. */
export const FAST_HTTP: HttpSettings = {
  connectTimeoutMs: 2000,
  headersTimeoutMs: 800,
  bodyTimeoutMs: 800,
  maxResponseBytes: 1024 * 1024,
  backoff: { retries: 2, baseMs: 10, capMs: 50 },
  rateLimitRetries: 5,
};

/** Secrets used by the live tests: none of them may ever show up in output. */
export const OKTA_TOKEN = '00canaryOktaTokenZx81QmP4kW9sLr2Tv7Yb3';
export const JAMF_CLIENT = { clientId: 'trustline-test', clientSecret: 'canary-jamf-secret-7d1f9a' };
export const JAMF_USER = { username: 'svc-trustline', password: 'canary-jamf-password-44e2' };
export const OAUTH_CLIENT_ID = '0oaTestServiceApp01';
export const DPOP_CLIENT_ID = '0oaTestDpopApp02';

export interface Emulators {
  scenario: Scenario;
  okta: RunningEmulator;
  jamf: RunningEmulator;
  /** PEM of the service apps' private key. */
  privateKeyPem: string;
  query: LiveQuery;
  settings(okta: 'ssws' | 'oauth' | 'dpop' | 'none', jamf: 'client' | 'user' | 'none'): EmulatorSettings;
}

export interface EmulatorTweaks {
  okta?: { faults?: Faults; rateLimit?: { logsPerWindow?: number; devicesPerWindow?: number; windowSeconds?: number }; logPaging?: LogPaging };
  jamf?: { faults?: Faults; tokenTtlSeconds?: number; inventoryVersions?: ('v1' | 'v3' | 'v4')[] };
}

/**
 * Both emulators on loopback serving a built-in scenario (or the scenario directory at an absolute path),
 * stopped after the test. Tests that run concurrently pass their own `onTestFinished` (from the test
 * context), so one test's end does not stop another's emulators.
 */
export async function startEmulators(name = 'okta-policy-regression', tweaks: EmulatorTweaks = {}, onTestFinished?: (stop: () => Promise<void>) => void): Promise<Emulators> {
  const track = (e: RunningEmulator) => (onTestFinished ? onTestFinished(() => e.close()) : running.push(e));
  const scenario = await loadScenario(isAbsolute(name) ? name : scenarioDir(name));
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const scopes = ['okta.logs.read', 'okta.devices.read'];
  const okta = await startOktaEmulator({
    scenario,
    credentials: {
      apiTokens: [OKTA_TOKEN],
      oauthClients: [
        { clientId: OAUTH_CLIENT_ID, publicJwk, scopes },
        { clientId: DPOP_CLIENT_ID, publicJwk, scopes, requireDpop: true },
      ],
    },
    ...(tweaks.okta?.faults ? { faults: tweaks.okta.faults } : {}),
    ...(tweaks.okta?.rateLimit ? { rateLimit: tweaks.okta.rateLimit } : {}),
    ...(tweaks.okta?.logPaging ? { logPaging: tweaks.okta.logPaging } : {}),
  });
  track(okta);
  const jamf = await startJamfEmulator({
    scenario,
    credentials: { apiClients: [JAMF_CLIENT], users: [JAMF_USER], ...(tweaks.jamf?.tokenTtlSeconds ? { tokenTtlSeconds: tweaks.jamf.tokenTtlSeconds } : {}) },
    ...(tweaks.jamf?.faults ? { faults: tweaks.jamf.faults } : {}),
    ...(tweaks.jamf?.inventoryVersions ? { inventoryVersions: tweaks.jamf.inventoryVersions } : {}),
  });
  track(jamf);
  const privateKeyPem = await exportPKCS8(privateKey);
  const untilMs = Date.parse(scenario.meta.collectedAt);
  return {
    scenario,
    okta,
    jamf,
    privateKeyPem,
    query: { serial: scenario.meta.serial, user: scenario.meta.user, sinceMs: untilMs - 6 * 3_600_000, untilMs },
    settings(oktaMode, jamfMode) {
      const settings: EmulatorSettings = { sources: {} };
      const oktaUrl = new URL(okta.url);
      if (oktaMode === 'ssws') settings.sources.okta = { url: oktaUrl, auth: { kind: 'ssws', token: OKTA_TOKEN } };
      if (oktaMode === 'oauth' || oktaMode === 'dpop') {
        const clientId = oktaMode === 'oauth' ? OAUTH_CLIENT_ID : DPOP_CLIENT_ID;
        settings.sources.okta = { url: oktaUrl, auth: { kind: 'oauth', clientId, privateKeyPem } };
      }
      const jamfUrl = new URL(jamf.url);
      if (jamfMode === 'client') settings.sources.jamf = { url: jamfUrl, auth: { kind: 'client', ...JAMF_CLIENT } };
      if (jamfMode === 'user') settings.sources.jamf = { url: jamfUrl, auth: { kind: 'user', ...JAMF_USER } };
      return settings;
    },
  };
}

import { describe, expect, it } from 'vitest';
import type { Faults } from '../../../src/emulators/index.js';
import { runLive, type LiveResult } from '../../../src/sources/live/run-live.js';
import { FAST_HTTP as SHARED_FAST_HTTP, startEmulators, type Emulators } from '../../helpers/live-emulators.js';

const FAST_HTTP = { ...SHARED_FAST_HTTP, rateLimitRetries: 1 };

async function run(emu: Emulators, deadlineMs?: number): Promise<LiveResult> {
  return runLive({
    settings: emu.settings('ssws', 'client'),
    query: emu.query,
    identity: { hostname: undefined, user: emu.scenario.meta.user, deviceTimeZone: undefined },
    http: FAST_HTTP,
    ...(deadlineMs ? { deadlineMs } : {}),
  });
}

function status(result: LiveResult, name: 'okta' | 'jamf') {
  return result.analysis.sources.find((s) => s.name === name)!;
}

const PERSISTENT = 50;
const cases: { fault: string; faults: Faults; okta: RegExp; jamf: RegExp }[] = [
  { fault: '5xx', faults: { serverErrors: PERSISTENT }, okta: /^okta: Okta answered HTTP 503 \(E\d+/, jamf: /^jamf\/computer\.json: \/api\/v4\/computers-inventory: Jamf API error 503/ },
  { fault: 'HTML body', faults: { htmlBody: PERSISTENT }, okta: /^okta: HTTP 502 with text\/html instead of JSON: "/, jamf: /HTTP 504 with text\/html instead of JSON: ".*Timeout/i },
  { fault: 'truncated body', faults: { truncatedBody: PERSISTENT }, okta: /^okta: response cut off after \d+ of \d+ bytes$/, jamf: /response cut off after \d+ of \d+ bytes/ },
  { fault: 'connection reset', faults: { connectionReset: PERSISTENT }, okta: /^okta: connection (reset|closed)/, jamf: /connection (reset|closed)/ },
  { fault: 'slow headers', faults: { slowHeaders: PERSISTENT, slowHeadersMs: 1500 }, okta: /^okta: no response headers within 0\.8 s$/, jamf: /no response headers within 0\.8 s/ },
  { fault: '429 storm', faults: { tooManyRequests: PERSISTENT, resetSeconds: 1 }, okta: /^okta: rate limited by Okta \(E0000047 API call exceeded rate limit/, jamf: /^jamf\/computer\.json: Jamf is throttling requests on \/api\/v4\/computers-inventory \(Jamf API error 429/ },
];

// Concurrent: most of each test is waiting (slow headers, rate-limit resets, deadlines); each has its own emulators.
describe.concurrent('a failing source is reported in one line and hides nothing else', () => {
  for (const c of cases) {
    it(`${c.fault} at Okta: Okta reports it, Jamf is unaffected`, async ({ onTestFinished }) => {
      const emu = await startEmulators('okta-policy-regression', { okta: { faults: c.faults } }, onTestFinished);
      const result = await run(emu);
      expect(status(result, 'okta')).toMatchObject({ status: 'error', events: 0 });
      expect(status(result, 'okta').error).toMatch(c.okta);
      expect(status(result, 'okta').error).not.toMatch(/\n/);
      expect(status(result, 'jamf')).toMatchObject({ status: 'ok' });
      expect(status(result, 'jamf').events).toBeGreaterThan(0);
    }, 20_000);

    it(`${c.fault} at Jamf's inventory: Jamf reports it (partial: the history still came), Okta is unaffected`, async ({ onTestFinished }) => {
      const emu = await startEmulators('okta-policy-regression', { jamf: { faults: { ...c.faults, pathPrefix: '/api/v4/' } } }, onTestFinished);
      const result = await run(emu);
      expect(status(result, 'jamf').status).toBe('partial');
      expect(status(result, 'jamf').events).toBeGreaterThan(0);
      expect(status(result, 'jamf').error).toMatch(c.jamf);
      expect(status(result, 'okta')).toMatchObject({ status: 'ok' });
      expect(status(result, 'okta').events).toBeGreaterThan(0);
    }, 20_000);
  }

  it('retries transient faults and gets everything', async ({ onTestFinished }) => {
    const emu = await startEmulators(
      'okta-policy-regression',
      { okta: { faults: { serverErrors: 1 } }, jamf: { faults: { connectionReset: 1, pathPrefix: '/api/v4/computers-inventory?' } } },
      onTestFinished,
    );
    const result = await run(emu);
    expect(status(result, 'okta').status).toBe('ok');
    expect(status(result, 'jamf').status).toBe('ok');
    expect(emu.okta.requests.filter((r) => r.status === 503)).toHaveLength(1);
  });

  it('gives up at the source deadline with a clear line, keeping the other source', async ({ onTestFinished }) => {
    const emu = await startEmulators('okta-policy-regression', { okta: { faults: { latencyMs: 3000 } } }, onTestFinished);
    const result = await run(emu, 1000);
    expect(status(result, 'okta').error).toBe('okta: gave up: the source deadline passed');
    expect(status(result, 'jamf').status).toBe('ok');
  });

  it('reports bad credentials as an actionable line for each source', async ({ onTestFinished }) => {
    const emu = await startEmulators(undefined, {}, onTestFinished);
    const settings = emu.settings('ssws', 'client');
    settings.sources.okta = { url: settings.sources.okta!.url, auth: { kind: 'ssws', token: '00wrong-token-for-test' } };
    settings.sources.jamf = { url: settings.sources.jamf!.url, auth: { kind: 'client', clientId: 'nobody', clientSecret: 'wrong' } };
    const result = await runLive({ settings, query: emu.query, identity: { hostname: undefined, user: undefined, deviceTimeZone: undefined }, http: FAST_HTTP });
    expect(status(result, 'okta').error).toBe(
      'okta: Okta refused the credentials (E0000011 Invalid token provided): check TRUSTLINE_OKTA_TOKEN (API tokens lapse after 30 days unused)',
    );
    expect(status(result, 'jamf').error).toMatch(/^jamf\/computer\.json: Jamf refused the credentials \(invalid_client\): check TRUSTLINE_JAMF_CLIENT_ID/);
  });
});

import { describe, expect, it } from 'vitest';
import { API_TOKEN, call, headerOf, json, sleep, startOkta } from './helpers.js';

const OTHER_TOKEN = '00otherTokenBbbbbbbbbbbbbbbbbbbbbbbbbbbbbb2';
const LOGS = '/api/v1/logs?since=2026-11-20T00:00:00Z&until=2026-11-21T00:00:00Z&limit=1';

describe('Okta rate limits', () => {
  it('counts down per principal and endpoint family, answers 429 E0000047 when empty, and refills at Reset', async () => {
    const okta = await startOkta({
      credentials: { apiTokens: [API_TOKEN, OTHER_TOKEN], oauthClients: [] },
      rateLimit: { logsPerWindow: 3, devicesPerWindow: 5, windowSeconds: 2 },
    });
    const logs = (token = API_TOKEN) => call(`${okta.url}${LOGS}`, { headers: { authorization: `SSWS ${token}` } });
    const remaining: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await logs();
      expect(res.status).toBe(200);
      expect(headerOf(res, 'x-rate-limit-limit')).toBe('3');
      remaining.push(headerOf(res, 'x-rate-limit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const limited = await logs();
    expect(limited.status).toBe(429);
    expect(json(limited)).toMatchObject({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.' });
    expect(headerOf(limited, 'x-rate-limit-remaining')).toBe('0');
    const reset = Number(headerOf(limited, 'x-rate-limit-reset'));
    const dateSeconds = Date.parse(headerOf(limited, 'date')!) / 1000;
    expect(reset - dateSeconds).toBeGreaterThan(0);
    expect(reset - dateSeconds).toBeLessThanOrEqual(3);

    // Other families and other principals have their own buckets.
    const devices = await call(`${okta.url}/api/v1/devices`, { headers: { authorization: `SSWS ${API_TOKEN}` } });
    expect([devices.status, headerOf(devices, 'x-rate-limit-limit'), headerOf(devices, 'x-rate-limit-remaining')]).toEqual([200, '5', '4']);
    expect((await logs(OTHER_TOKEN)).status).toBe(200);

    await sleep(Math.max(0, reset * 1000 - Date.now()) + 20);
    const again = await logs();
    expect([again.status, headerOf(again, 'x-rate-limit-remaining')]).toEqual([200, '2']);
  });

  it('shows the bucket without spending it on requests that fail authentication', async () => {
    const okta = await startOkta({ rateLimit: { logsPerWindow: 2 } });
    const bad = await call(`${okta.url}${LOGS}`, { headers: { authorization: 'SSWS wrong' } });
    expect([bad.status, headerOf(bad, 'x-rate-limit-limit'), headerOf(bad, 'x-rate-limit-remaining')]).toEqual([401, '2', '2']);
  });
});

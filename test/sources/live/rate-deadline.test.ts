/** Rate-limit waits and the source deadline (issue 17, item 3). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep } from '../../../src/net/retry.js';
import { runLive, type LiveResult } from '../../../src/sources/live/run-live.js';
import { FAST_HTTP, startEmulators, type EmulatorTweaks } from '../../helpers/live-emulators.js';

const warnings: Error[] = [];
const onWarning = (w: Error): void => {
  warnings.push(w);
};
beforeEach(() => {
  warnings.length = 0;
  process.on('warning', onWarning);
});
afterEach(() => {
  process.off('warning', onWarning);
});

async function run(tweaks: EmulatorTweaks, deadlineMs: number, pageLimit?: number): Promise<LiveResult> {
  const emu = await startEmulators('okta-policy-regression', tweaks);
  return runLive({
    settings: emu.settings('ssws', 'client'),
    query: emu.query,
    identity: { hostname: undefined, user: emu.scenario.meta.user, deviceTimeZone: undefined },
    http: FAST_HTTP,
    deadlineMs,
    ...(pageLimit ? { pageLimit } : {}),
  });
}

const okta = (r: LiveResult) => r.analysis.sources.find((s) => s.name === 'okta')!;

describe('rate-limit waits never outlast the deadline and lose nothing (item 3)', () => {
  it('keeps the events and the device already fetched when the next window opens after the deadline', async () => {
    const full = await run({}, 20_000, 2);
    const result = await run({ okta: { rateLimit: { logsPerWindow: 4, windowSeconds: 50 } } }, 8_000, 2);
    expect(okta(result).status).toBe('partial');
    expect(okta(result).error).toBe('okta: stopped at the deadline while waiting for the rate limit');
    expect(okta(result).events).toBeGreaterThan(0);
    expect(okta(result).events).toBeLessThan(okta(full).events);
    expect(result.analysis.device.serial).not.toBeNull();
    expect(result.documents.some((d) => d.rel === 'okta/devices.json')).toBe(true);
    expect(result.analysis.sources.find((s) => s.name === 'jamf')!.status).toBe('ok');
  }, 30_000);

  for (const resetSeconds of [1e8, 1e300]) {
    it(`a 429 asking to wait ${resetSeconds} s stops at once, without a timer overflow`, async () => {
      const result = await run({ okta: { faults: { tooManyRequests: 50, resetSeconds } } }, 8_000);
      expect(okta(result).error).toBe('okta: stopped at the deadline while waiting for the rate limit');
      expect(warnings.map((w) => w.name)).not.toContain('TimeoutOverflowWarning');
    }, 20_000);
  }

  it('a sleep longer than a timer can hold waits instead of firing at once', async () => {
    const controller = new AbortController();
    let settled = false;
    const slept = sleep(1e300, controller.signal).then(
      () => (settled = true),
      () => 'aborted',
    );
    await sleep(50);
    expect(settled).toBe(false);
    controller.abort();
    expect(await slept).toBe('aborted');
    expect(warnings.map((w) => w.name)).not.toContain('TimeoutOverflowWarning');
  });
});

describe('a next link that repeats (issue 17, item 15)', () => {
  it('is caught at the first repeat: one request per page, one line on the page that gave it, the events kept', async () => {
    const emu = await startEmulators('okta-policy-regression', { okta: { logPaging: { repeatNext: true } } });
    const result = await runLive({
      settings: emu.settings('ssws', 'none'),
      query: emu.query,
      identity: { hostname: undefined, user: emu.scenario.meta.user, deviceTimeZone: undefined },
      http: FAST_HTTP,
      pageLimit: 2,
    });
    const logRequests = emu.okta.requests.filter((r) => r.path.startsWith('/api/v1/logs'));
    expect(logRequests).toHaveLength(1);
    expect(okta(result).status).toBe('partial');
    expect(okta(result).error).toMatch(/^okta\/logs-0001\.json: its next link repeats a page already read/);
    expect(okta(result).events).toBeGreaterThan(0);
    const lines = result.analysis.notes.join('\n');
    expect(lines).not.toMatch(/duplicate events/);
    expect(lines).not.toMatch(/devices\.json.*(repeat|stopped)/);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startJamfEmulator, startOktaEmulator, type RunningEmulator } from '../../src/emulators/index.js';
import type { LiveSettings } from '../../src/config/credentials.js';
import { openSweepSources } from '../../src/sources/sweep-sources.js';
import { runSweep, type SweepResult } from '../../src/sweep/run-sweep.js';
import { sweepJson } from '../../src/sweep/sweep-json.js';
import type { SweepProgress } from '../../src/sweep/types.js';
import { generateOrg, POLICY, RULE, ADMIN, type GeneratedOrg } from '../helpers/generated-org.js';
import { FAST_HTTP, JAMF_CLIENT, OKTA_TOKEN } from '../helpers/live-emulators.js';

const H = 3_600_000;
const DAY_START = Date.parse('2026-11-20T00:00:00Z');
const WINDOW = { sinceMs: DAY_START + 12 * H, untilMs: DAY_START + 18 * H };
const CHANGE_AT = DAY_START + 12 * H + 55 * 60_000;
const LEAD_MS = 7 * 60_000;
const LOGS_PER_WINDOW = 10;

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.close()));
});

function org(): GeneratedOrg {
  return generateOrg({
    seed: 16,
    users: 3000,
    secondMacUsers: 2,
    windowStartMs: DAY_START + 6 * H,
    windowEndMs: WINDOW.untilMs,
    noisePerUser: 4,
    noiseFailures: 60,
    incident: { changeAtMs: CHANGE_AT, earlierEditMs: 20 * H, leadMs: LEAD_MS, affectedUsers: 35, denialsPerDevice: 3, intervalMs: 5 * 60_000 },
    unmanagedUsers: 1,
  });
}

/** Emulators for one test; a concurrent test passes its own `onTestFinished` to stop them. */
async function start(generated: GeneratedOrg, onTestFinished?: (stop: () => Promise<void>) => void): Promise<{ okta: RunningEmulator; jamf: RunningEmulator; settings: LiveSettings }> {
  const track = (e: RunningEmulator) => (onTestFinished ? onTestFinished(() => e.close()) : running.push(e));
  const okta = await startOktaEmulator({
    scenario: generated.scenario,
    credentials: { apiTokens: [OKTA_TOKEN], oauthClients: [] },
    rateLimit: { logsPerWindow: LOGS_PER_WINDOW, windowSeconds: 1 },
  });
  track(okta);
  const jamf = await startJamfEmulator({ scenario: generated.scenario, credentials: { apiClients: [JAMF_CLIENT], users: [] } });
  track(jamf);
  return {
    okta,
    jamf,
    settings: {
      sources: {
        okta: { url: new URL(okta.url), auth: { kind: 'ssws', token: OKTA_TOKEN } },
        jamf: { url: new URL(jamf.url), auth: { kind: 'client', ...JAMF_CLIENT } },
      },
    },
  };
}

async function sweep(settings: LiveSettings, progress: (p: SweepProgress) => void = () => undefined): Promise<SweepResult> {
  const sources = await openSweepSources(settings, { pageLimit: 20, progress, http: FAST_HTTP });
  try {
    return await runSweep({ ...WINDOW, fleet: sources.fleet!, inventory: sources.inventory, signal: AbortSignal.timeout(60_000) });
  } finally {
    await sources.close();
  }
}

/** The most System Log requests the emulator answered (429s aside) in any of its 1-second windows. */
function busiestWindow(okta: RunningEmulator): number {
  let windowStart = Number.NEGATIVE_INFINITY;
  let count = 0;
  let most = 0;
  for (const r of okta.requests.filter((q) => q.path.startsWith('/api/v1/logs') && q.status === 200)) {
    if (r.startedAt >= windowStart + 1000) {
      windowStart = r.startedAt;
      count = 0;
    }
    most = Math.max(most, ++count);
  }
  return most;
}

// Concurrent: both tests mostly wait out the emulator's rate-limit windows; each has its own emulators.
describe.concurrent('sweep against the Okta and Jamf emulators (a generated organisation)', () => {
  it('finds the denial signature with exact counts, the rule change as its lead, through a 429, within half the rate limit', async ({ onTestFinished }) => {
    const generated = org();
    const { okta, jamf, settings } = await start(generated, onTestFinished);
    let injected = false;
    const pages: number[] = [];
    const result = await sweep(settings, (p) => {
      if (p.stream !== 'failures') return;
      pages.push(p.pages);
      if (p.pages === 3 && !injected) {
        injected = true;
        okta.setFaults({ tooManyRequests: 1, pathPrefix: '/api/v1/logs', resetSeconds: 1 });
      }
    });

    // The denials: 35 users, 37 Macs (two users have two), three each, the first 7 minutes after the change.
    const top = result.signatures[0]!;
    expect(top).toMatchObject({ eventType: 'policy.evaluate_sign_on', outcome: 'DENY', policy: POLICY.name, rule: RULE.name, osVersion: '15.1' });
    expect([top.events, top.devices, top.users]).toEqual([generated.counts.denials, 37, 35]);
    expect(generated.counts.denials).toBe(111);
    expect(top.firstMs).toBe(CHANGE_AT + LEAD_MS);
    expect(top.buckets.reduce((a, b) => a + b, 0)).toBe(111);
    expect(top.examples).toHaveLength(3);

    // The noise signature: every invalid_client failure inside the window, and nothing filtered out crossed over.
    const inWindow = generated.scenario.okta.events.filter((r) => r.publishedMs >= WINDOW.sinceMs && r.publishedMs < WINDOW.untilMs);
    const noise = inWindow.filter((r) => (r.event.outcome as { reason: string }).reason === 'invalid_client').length;
    expect(result.signatures.map((s) => [s.reason, s.events])).toEqual([
      ['Sign-on policy evaluation resulted in DENY', 111],
      ['invalid_client', noise],
    ]);

    // What changed: four changes in the look-back and the window; the later edit of the rule leads, 420 s before.
    const json = sweepJson(result) as { changes: { eventType: string; actor: string; leadsSignature: number | null; secondsBefore: number | null; time: string }[] };
    expect(json.changes).toHaveLength(4);
    const leads = json.changes.filter((c) => c.leadsSignature !== null);
    expect(leads).toEqual([expect.objectContaining({ eventType: 'policy.rule.update', actor: ADMIN, leadsSignature: 0, secondsBefore: 420, time: '2026-11-20T12:55:00.000Z' })]);
    const earlier = json.changes.find((c) => c.time === '2026-11-19T16:55:00.000Z');
    expect(earlier).toMatchObject({ leadsSignature: null, secondsBefore: 20 * 3600 + 420 });

    // The Jamf state of the 37 Macs, in one batch: all on 15.1, the two of the first user not managed.
    expect(result.inventory).toMatchObject({ signature: 0, devices: 37, found: 37, managed: 35, unmanaged: 2, osVersions: [{ version: '15.1', devices: 37 }] });
    const inventory = jamf.requests.filter((r) => r.path.includes('computers-inventory'));
    expect(inventory).toHaveLength(1);
    expect(decodeURIComponent(inventory[0]!.path)).toMatch(/filter=hardware\.serialNumber=in=\("C02/);
    expect(result.sources[1]).toMatchObject({ name: 'jamf', status: 'ok', events: 37, requests: 1 });

    // Several pages, the 429 waited out, and never more than half of each window's requests.
    expect(pages.at(-1)).toBe(Math.ceil((111 + noise) / 20));
    expect(okta.requests.some((r) => r.status === 429)).toBe(true);
    expect(result.sources[0]).toMatchObject({ name: 'okta', status: 'ok' });
    expect(busiestWindow(okta)).toBeLessThanOrEqual(LOGS_PER_WINDOW / 2);
    const inventoryQueries = okta.requests.filter((r) => r.path.startsWith('/api/v1/devices'));
    expect(inventoryQueries.length).toBe(Math.ceil(37 / 20));
  }, 60_000);

  it('says what a partial result covers when Okta stops answering mid-sweep', async ({ onTestFinished }) => {
    const generated = org();
    const { okta, settings } = await start(generated, onTestFinished);
    let read = 0;
    const result = await sweep(settings, (p) => {
      if (p.stream !== 'failures') return;
      read = p.pages;
      if (p.pages === 2) okta.setFaults({ serverErrors: 20, pathPrefix: '/api/v1/logs' });
    });
    const source = result.sources[0]!;
    expect(source.status).toBe('partial');
    expect(source.error).toMatch(/^failures: Okta answered HTTP 503/);
    expect(source.covered!.changes.throughMs).toBe(WINDOW.untilMs);
    expect(source.covered!.failures.throughMs).toBeLessThan(WINDOW.untilMs);
    // Exactly the failures of the pages read (the page already asked for when the faults began included), up to the last one's time.
    expect(read).toBeGreaterThanOrEqual(2);
    const total = result.signatures.reduce((n, s) => n + s.events, 0);
    expect(total).toBe(20 * read);
    expect(source.covered!.failures.throughMs).toBe(Math.max(...result.signatures.map((s) => s.lastMs)));
  }, 60_000);
});

describe('a next link that repeats (issue 17, item 15)', () => {
  it('is not followed: each stream asks once, the source is partial with one line, nothing is counted twice', async () => {
    const generated = org();
    const okta = await startOktaEmulator({
      scenario: generated.scenario,
      credentials: { apiTokens: [OKTA_TOKEN], oauthClients: [] },
      logPaging: { repeatNext: true },
    });
    running.push(okta);
    const sources = await openSweepSources({ sources: { okta: { url: new URL(okta.url), auth: { kind: 'ssws', token: OKTA_TOKEN } } } }, { pageLimit: 20, http: FAST_HTTP });
    try {
      const result = await runSweep({ ...WINDOW, fleet: sources.fleet!, inventory: sources.inventory, signal: AbortSignal.timeout(60_000) });
      const source = result.sources.find((x) => x.role === 'idp')!;
      expect(source.status).toBe('partial');
      expect(source.error).toMatch(/a next link repeats a page already read/);
      expect(source.events).toBeLessThanOrEqual(40);
      const logRequests = okta.requests.filter((r) => r.path.startsWith('/api/v1/logs'));
      expect(logRequests.length).toBe(2);
    } finally {
      await sources.close();
    }
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../../src/model/event.js';
import { analyzeBundle } from '../../../src/sources/bundle/analyze-bundle.js';
import { writeBundle } from '../../../src/sources/bundle/write-bundle.js';
import { followLive } from '../../../src/sources/live/follow-live.js';
import { runLive } from '../../../src/sources/live/run-live.js';
import type { LiveProgress } from '../../../src/core/live.js';
import { openLiveSession } from '../../../src/sources/live/live-session.js';
import type { LiveSettings } from '../../../src/config/credentials.js';
import { analyzeJsonChunks } from '../../../src/report/json-report.js';
import { HttpClient } from '../../../src/net/http-client.js';
import { OktaApi } from '../../../src/sources/okta/okta-api.js';
import { OktaAuthorizer } from '../../../src/sources/okta/okta-auth.js';
import { followOktaLogs } from '../../../src/sources/okta/okta-follow.js';
import { logFilter } from '../../../src/sources/okta/okta-source.js';
import { FAST_HTTP, startEmulators, type Emulators } from '../../helpers/live-emulators.js';
import { tempDir } from '../../helpers/temp-files.js';


function live(emu: Emulators, settings: LiveSettings, extra: { pageLimit?: number; device?: unknown; progress?: LiveProgress } = {}): ReturnType<typeof runLive> {
  return runLive({
    settings,
    query: emu.query,
    identity: { hostname: emu.scenario.meta.hostname, user: emu.scenario.meta.user, deviceTimeZone: emu.scenario.meta.deviceTimeZone },
    http: FAST_HTTP,
    ...extra,
  });
}

function source(result: Awaited<ReturnType<typeof runLive>>, name: string) {
  return result.analysis.sources.find((s) => s.name === name)!;
}

function eventIds(result: Awaited<ReturnType<typeof runLive>>, from: string): string[] {
  return result.analysis.timeline.filter((e) => e.source === from).map((e) => e.id);
}

// Concurrent: the tests mostly wait (rate-limit windows, token expiry, latency); each has its own emulators.
describe.concurrent('live sources against the emulators', () => {
  it('fetches Jamf (API client) and Okta (SSWS) in parallel into one timeline', async ({ onTestFinished }) => {
    const emu = await startEmulators(undefined, {}, onTestFinished);
    const result = await live(emu, emu.settings('ssws', 'client'));
    expect(source(result, 'okta')).toMatchObject({ status: 'ok' });
    expect(source(result, 'jamf')).toMatchObject({ status: 'ok' });
    expect(source(result, 'device').status).toBe('missing');
    // The policy DENY and the SSO extension's failed grants for alice are there; other users' events are not.
    const kinds = result.analysis.timeline.filter((e) => e.source === 'okta').map((e) => e.summary).join('\n');
    expect(kinds).toMatch(/policy/i);
    expect(kinds).not.toMatch(/carol|bob/i);
    expect(emu.okta.requests.every((r) => r.authorization === 'ssws')).toBe(true);
    expect(emu.jamf.requests.some((r) => r.path.startsWith('/api/v4/computers-inventory-detail/'))).toBe(true);
    expect(emu.jamf.requests.some((r) => r.path.startsWith('/api/v2/mdm/commands?'))).toBe(true);
    expect(result.documents.map((d) => d.rel).sort()).toEqual(
      expect.arrayContaining(['jamf/computer.json', 'jamf/mdm-commands.json', 'okta/devices.json', 'okta/logs-0001.json']),
    );
  });

  it('authenticates to Okta as an OAuth service app with private_key_jwt, and with DPoP when the server demands it', async ({ onTestFinished }) => {
    const emu = await startEmulators(undefined, {}, onTestFinished);
    const bearer = await live(emu, emu.settings('oauth', 'none'));
    expect(source(bearer, 'okta').status).toBe('ok');
    expect(emu.okta.requests.filter((r) => r.path.startsWith('/api/')).every((r) => r.authorization === 'bearer')).toBe(true);
    const tokenRequests = emu.okta.requests.filter((r) => r.path === '/oauth2/v1/token');
    expect(tokenRequests).toHaveLength(1);

    const before = emu.okta.requests.length;
    const dpop = await live(emu, emu.settings('dpop', 'none'));
    expect(source(dpop, 'okta').status).toBe('ok');
    const later = emu.okta.requests.slice(before);
    // Plain request refused (DPoP required), proof without nonce refused (use_dpop_nonce), then granted.
    expect(later.filter((r) => r.path === '/oauth2/v1/token').map((r) => r.status)).toEqual([400, 400, 200]);
    expect(later.filter((r) => r.path.startsWith('/api/')).every((r) => r.authorization === 'dpop')).toBe(true);
    expect(eventIds(dpop, 'okta')).toEqual(eventIds(bearer, 'okta'));
  });

  it('authenticates to Jamf with a user token, renews an expired token, and falls back to an older inventory API', async ({ onTestFinished }) => {
    const emu = await startEmulators('okta-policy-regression', { jamf: { tokenTtlSeconds: 1, inventoryVersions: ['v1'], faults: { latencyMs: 400 } } }, onTestFinished);
    const result = await live(emu, emu.settings('none', 'user'));
    expect(source(result, 'jamf').status).toBe('ok');
    const paths = emu.jamf.requests.map((r) => r.path);
    expect(paths.findIndex((p) => p.startsWith('/api/v4/computers-inventory?'))).toBeLessThan(paths.findIndex((p) => p.startsWith('/api/v1/computers-inventory?')));
    expect(paths.some((p) => p.startsWith('/api/v1/computers-inventory-detail/'))).toBe(true);
    // 400 ms per response with a 1-second token: a second token is needed before the run ends, and no request is refused.
    expect(paths.filter((p) => p === '/api/v1/auth/token').length).toBeGreaterThan(1);
    expect(emu.jamf.requests.filter((r) => r.status === 401)).toEqual([]);
    expect(emu.jamf.maxConcurrent).toBeLessThanOrEqual(5);
  });

  it('follows next links across several pages, deduplicates, and the events equal one big page', async ({ onTestFinished }) => {
    const emu = await startEmulators(undefined, {}, onTestFinished);
    const onePage = await live(emu, emu.settings('ssws', 'none'));
    const paged = await live(emu, emu.settings('ssws', 'none'), { pageLimit: 2 });
    const pages = paged.documents.filter((d) => d.rel.startsWith('okta/logs-'));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(eventIds(paged, 'okta')).toEqual(eventIds(onePage, 'okta'));
  });

  it('waits out a 429 in the middle of the pages until the reset and still gets every event', async ({ onTestFinished }) => {
    const emu = await startEmulators(undefined, {}, onTestFinished);
    const reference = await live(emu, emu.settings('ssws', 'none'), { pageLimit: 2 });
    const before = emu.okta.requests.length;
    const result = await live(emu, emu.settings('ssws', 'none'), {
      pageLimit: 2,
      progress: {
        status: (_source, text) => {
          if (text === 'System Log page 1') emu.okta.setFaults({ tooManyRequests: 1, pathPrefix: '/api/v1/logs', resetSeconds: 1 });
        },
      },
    });
    expect(eventIds(result, 'okta')).toEqual(eventIds(reference, 'okta'));
    const requests = emu.okta.requests.slice(before);
    const limited = requests.findIndex((r) => r.status === 429);
    expect(limited).toBeGreaterThan(0);
    const retry = requests[limited + 1]!;
    // Reset is 1 s after the 429 (whole seconds on the server clock) plus our 1-second margin.
    expect(retry.startedAt - requests[limited]!.endedAt).toBeGreaterThanOrEqual(900);
  }, 15_000);

  it('paces requests by the rate-limit headers instead of spending the last requests of a window', async ({ onTestFinished }) => {
    const emu = await startEmulators('okta-policy-regression', { okta: { rateLimit: { logsPerWindow: 4, windowSeconds: 2 } } }, onTestFinished);
    const result = await live(emu, emu.settings('ssws', 'none'), { pageLimit: 2 });
    expect(source(result, 'okta').status).toBe('ok');
    const requests = emu.okta.requests;
    expect(requests.filter((r) => r.status === 429)).toEqual([]);
    // Five requests (devices, four log pages) against three usable per 2-second window: the run had to wait.
    expect(requests.length).toBe(5);
    expect(requests.at(-1)!.startedAt - requests[0]!.startedAt).toBeGreaterThan(1500);
  }, 15_000);

  it('writes a bundle that analyze --bundle reads back to the same timeline', async ({ onTestFinished }) => {
    const emu = await startEmulators(undefined, {}, onTestFinished);
    const result = await live(emu, emu.settings('ssws', 'client'), { pageLimit: 3 });
    const dir = join(tempDir(), 'bundle');
    await writeBundle(dir, result.ctx, result.documents, result.analysis.coverage);
    const replay = await analyzeBundle(dir);
    expect([...analyzeJsonChunks(replay)].join('')).toBe([...analyzeJsonChunks(result.analysis)].join(''));
    // The replay knows the window and filter the System Log was read for, not just its first and last event.
    expect(replay.coverage).toEqual(result.analysis.coverage);
    expect(replay.coverage.find((c) => c.stream === 'idp.system-log')).toMatchObject({ fromMs: emu.query.sinceMs, untilMs: emu.query.untilMs, complete: true });
  });
});

describe('live follow of the System Log', () => {
  it('polls the stored next link no faster than the interval and delivers each event once', async () => {
    const emu = await startEmulators();
    const http = await HttpClient.create();
    const settings = emu.settings('ssws', 'none').sources.okta!;
    const api = new OktaApi(http, settings.url, new OktaAuthorizer(http, settings.url, settings.auth));
    const seen: string[] = [];
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 1300);
    const cursor = await followOktaLogs(api, {
      filter: logFilter([], ['alice@example.com'])!,
      sinceMs: emu.query.sinceMs,
      ctx: { collectedAtMs: emu.query.untilMs, deviceTimeZone: undefined, serial: undefined, hostname: undefined, user: undefined },
      signal: controller.signal,
      onEvents: (events) => seen.push(...events.map((e) => e.id)),
      minIntervalMs: 400,
      pageLimit: 2,
    });
    clearTimeout(timer);
    await http.close();
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBeGreaterThan(2);
    const polls = emu.okta.requests.filter((r) => r.path.startsWith('/api/v1/logs'));
    // Every request after the first follows the previous answer's next link.
    expect(polls.slice(1).every((r) => r.path.includes('after='))).toBe(true);
    // Caught-up polls are at least 400 ms apart.
    const caughtUp = polls.slice(-3);
    for (let i = 1; i < caughtUp.length; i++) expect(caughtUp[i]!.startedAt - caughtUp[i - 1]!.endedAt).toBeGreaterThanOrEqual(390);
    expect(cursor?.searchParams.get('after')).toBeTruthy();
  });
});

describe('followLive', () => {
  it('continues from the end of the fetched window with the same device and users, new events only', async () => {
    const emu = await startEmulators();
    const untilMs = Date.parse('2026-11-20T14:03:00Z');
    const fetched = await runLive({
      settings: emu.settings('ssws', 'none'),
      query: { ...emu.query, untilMs },
      identity: { hostname: undefined, user: emu.scenario.meta.user, deviceTimeZone: undefined },
      http: FAST_HTTP,
    });
    const controller = new AbortController();
    const arrived: TimelineEvent[] = [];
    const session = await openLiveSession(emu.settings('ssws', 'none'), { http: FAST_HTTP });
    await followLive(session, fetched.analysis, { untilMs, user: emu.scenario.meta.user }, fetched.ctx, controller.signal, (events) => {
      arrived.push(...events);
      controller.abort();
    });
    await session.close();
    expect(arrived.map((e) => e.kind)).toContain('okta.app.oauth2.token.grant.access_token');
    expect(arrived.every((e) => e.epochMs > untilMs)).toBe(true);
    const fetchedIds = new Set(fetched.analysis.timeline.map((e) => e.id));
    expect(arrived.filter((e) => fetchedIds.has(e.id))).toEqual([]);
  });
});

import { request } from 'undici';
import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulators/index.js';
import { API_TOKEN, call, headerOf, jamfToken, json, startJamf, startOkta, type Response } from './helpers.js';

const LOGS = '/api/v1/logs?since=2026-11-20T00:00:00Z&until=2026-11-21T00:00:00Z';
const DEVICES = '/api/v1/devices';

const okta = (emulator: RunningEmulator, path = LOGS): Promise<Response> => call(`${emulator.url}${path}`, { headers: { authorization: `SSWS ${API_TOKEN}` } });

async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await work();
  return [result, performance.now() - start];
}

describe('fault switches', () => {
  it('adds latencyMs before every response and waits slowHeadersMs before the headers of the next N', async () => {
    const emulator = await startOkta({ faults: { latencyMs: 120 } });
    const [, latency] = await timed(() => okta(emulator));
    expect(latency).toBeGreaterThanOrEqual(115);
    emulator.setFaults({ slowHeaders: 1, slowHeadersMs: 300 });
    const [slow, slowMs] = await timed(() => okta(emulator));
    expect(slow.status).toBe(200);
    expect(slowMs).toBeGreaterThanOrEqual(295);
    const [, fastMs] = await timed(() => okta(emulator));
    expect(fastMs).toBeLessThan(250);
  });

  it('tooManyRequests: Okta E0000047 with Remaining 0 and Reset, Jamf 429 with Retry-After; then normal again', async () => {
    const o = await startOkta({ faults: { tooManyRequests: 2, resetSeconds: 3 } });
    for (let i = 0; i < 2; i++) {
      const res = await okta(o);
      expect(res.status).toBe(429);
      expect(json(res).errorCode).toBe('E0000047');
      expect(headerOf(res, 'x-rate-limit-remaining')).toBe('0');
      const wait = Number(headerOf(res, 'x-rate-limit-reset')) - Date.parse(headerOf(res, 'date')!) / 1000;
      expect(wait).toBeGreaterThanOrEqual(3);
      expect(wait).toBeLessThanOrEqual(5);
    }
    expect((await okta(o)).status).toBe(200);

    const j = await startJamf();
    const token = await jamfToken(j);
    j.setFaults({ tooManyRequests: 1, resetSeconds: 2 });
    const res = await call(`${j.url}/api/v1/jamf-pro-version`, { headers: { authorization: `Bearer ${token}` } });
    expect([res.status, headerOf(res, 'retry-after'), json(res).httpStatus]).toEqual([429, '2', 429]);
  });

  it('serverErrors: 503 by default, or serverErrorStatus, with a JSON body in each API’s shape', async () => {
    const o = await startOkta({ faults: { serverErrors: 1 } });
    const oktaError = await okta(o);
    expect([oktaError.status, headerOf(oktaError, 'content-type'), json(oktaError).errorCode]).toEqual([503, 'application/json', 'E0000009']);
    const j = await startJamf({ faults: { serverErrors: 1, serverErrorStatus: 500 } });
    const res = await call(`${j.url}/api/v1/oauth/token`, { method: 'POST' });
    expect(res.status).toBe(500);
    expect(json(res)).toMatchObject({ httpStatus: 500, errors: [{ description: 'Internal Server Error' }] });
  });

  it('htmlBody: an HTML error page (Okta 502, Jamf Cloud 504 Timeout)', async () => {
    const o = await startOkta({ faults: { htmlBody: 1 } });
    const page = await okta(o);
    expect([page.status, headerOf(page, 'content-type')]).toEqual([502, 'text/html;charset=utf-8']);
    expect(page.text).toMatch(/^<!DOCTYPE html>/);
    const j = await startJamf({ faults: { htmlBody: 1 } });
    const timeout = await call(`${j.url}/api/v1/jamf-pro-version`);
    expect(timeout.status).toBe(504);
    expect(timeout.text).toContain('<title>Jamf Cloud - Timeout</title>');
  });

  it('truncatedBody: the body ends before Content-Length', async () => {
    const o = await startOkta({ faults: { truncatedBody: 1 } });
    const res = await request(`${o.url}${LOGS}`, { headers: { authorization: `SSWS ${API_TOKEN}` } });
    expect(res.statusCode).toBe(200);
    const declared = Number(res.headers['content-length']);
    expect(declared).toBeGreaterThan(1000);
    await expect(res.body.text()).rejects.toThrow();
    expect((await okta(o)).text.length).toBe(declared);
  });

  it('connectionReset: the socket dies before any byte and the request is logged with status 0', async () => {
    const o = await startOkta({ faults: { connectionReset: 1 } });
    await expect(okta(o)).rejects.toThrow();
    expect((await okta(o)).status).toBe(200);
    expect(o.requests.map((r) => r.status)).toEqual([0, 200]);
  });

  it('pathPrefix: count-based faults only hit matching requests, which alone use up the count', async () => {
    const o = await startOkta({ faults: { serverErrors: 1, pathPrefix: '/api/v1/devices' } });
    expect((await okta(o)).status).toBe(200);
    expect((await okta(o, DEVICES)).status).toBe(503);
    expect((await okta(o, DEVICES)).status).toBe(200);
    o.setFaults({ htmlBody: 5, pathPrefix: '/api/v1/logs?since=2026-11-20' });
    expect((await okta(o)).status).toBe(502);
    o.setFaults({});
    expect((await okta(o)).status).toBe(200);
  });
});

describe('request log', () => {
  it('records every request in arrival order with timings and tracks the highest concurrency', async () => {
    const j = await startJamf({ faults: { latencyMs: 150 } });
    const token = await jamfToken(j);
    const paths = ['/api/v4/computers-inventory', '/api/v2/mdm/commands?filter=uuid==x', '/api/v1/jamf-pro-version', '/api/v1/auth'];
    await Promise.all(paths.map((p) => call(`${j.url}${p}`, { headers: { authorization: `Bearer ${token}` } })));
    expect(j.maxConcurrent).toBe(4);
    expect(j.requests).toHaveLength(5);
    expect(j.requests[0]).toMatchObject({ method: 'POST', path: '/api/v1/oauth/token', status: 200, authorization: 'none' });
    expect(new Set(j.requests.slice(1).map((r) => r.path))).toEqual(new Set(paths));
    for (const r of j.requests) {
      expect(r.endedAt - r.startedAt).toBeGreaterThanOrEqual(145);
      expect(r.authorization).toBe(r.path.includes('oauth') ? 'none' : 'bearer');
    }
    await call(`${j.url}/api/v1/auth`, { headers: { authorization: `Bearer ${token}` } });
    expect(j.maxConcurrent).toBe(4);
    expect(JSON.stringify(j.requests)).not.toContain(token);
  });
});

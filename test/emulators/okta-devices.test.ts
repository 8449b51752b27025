import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulators/index.js';
import { API_TOKEN, call, demoScenario, json, links, startOkta, type Response } from './helpers.js';

interface Device {
  id: string;
  status: string;
  profile: { serialNumber: string; displayName: string };
  _links: { self: { href: string } };
  _embedded?: { users: { managementStatus: string; screenLockType: string; user: { id: string; profile: Record<string, unknown> } }[] };
}

const auth = { authorization: `SSWS ${API_TOKEN}` };
const get = (okta: RunningEmulator, path: string): Promise<Response> => call(`${okta.url}${path}`, { headers: auth });
const search = (expr: string): string => `search=${encodeURIComponent(expr)}`;

/** The demo scenario's device plus two more, so pages and searches have something to choose from. */
async function threeDevices() {
  const scenario = await demoScenario();
  const base = scenario.okta.devices[0]!;
  const extra = (id: string, serial: string, status: string) => ({
    ...base,
    id,
    status,
    profile: { ...(base.profile as object), serialNumber: serial, displayName: `Mac ${serial}` },
  });
  return { ...scenario, okta: { ...scenario.okta, devices: [base, extra('guo2bobMac', 'C02BOB000001', 'ACTIVE'), extra('guo3carolMac', 'C02CAROL0002', 'SUSPENDED')] } };
}

describe('Okta /api/v1/devices', () => {
  it('finds the Mac by serial and embeds its users with expand=userSummary', async () => {
    const okta = await startOkta();
    const plain = json<Device[]>(await get(okta, `/api/v1/devices?${search('profile.serialNumber eq "C02FX1TLQ6L4"')}`));
    expect(plain).toHaveLength(1);
    expect(plain[0]!.id).toBe('guo7tlMbpAlice26x7d8');
    expect(plain[0]!._embedded).toBeUndefined();
    expect(plain[0]!._links.self.href).toBe(`${okta.url}/api/v1/devices/guo7tlMbpAlice26x7d8`);
    const expanded = json<Device[]>(await get(okta, `/api/v1/devices?${search('profile.serialNumber eq "C02FX1TLQ6L4"')}&expand=userSummary`));
    expect(expanded[0]!._embedded!.users).toEqual([
      {
        created: '2026-03-02T09:15:10.000Z',
        managementStatus: 'MANAGED',
        screenLockType: 'BIOMETRIC',
        user: {
          id: '00u7tlAlice2026x7d8',
          status: 'ACTIVE',
          created: '2025-01-06T10:00:00.000Z',
          profile: { firstName: 'Alice', lastName: 'Example', login: 'alice@example.com', email: 'alice@example.com' },
          _links: { self: { href: `${okta.url}/api/v1/users/00u7tlAlice2026x7d8` } },
        },
      },
    ]);
    expect(json(await get(okta, `/api/v1/devices?${search('profile.serialNumber eq "C02NOPE"')}`))).toEqual([]);
  });

  it('supports co, id eq and status eq searches, and refuses co where Okta does', async () => {
    const okta = await startOkta({ scenario: await threeDevices() });
    const ids = async (expr: string) => json<Device[]>(await get(okta, `/api/v1/devices?${search(expr)}`)).map((d) => d.id);
    expect(await ids('profile.serialNumber co "BOB"')).toEqual(['guo2bobMac']);
    expect(await ids('id eq "guo3carolMac"')).toEqual(['guo3carolMac']);
    expect(await ids('status eq "ACTIVE"')).toEqual(['guo7tlMbpAlice26x7d8', 'guo2bobMac']);
    expect(await ids('status eq "SUSPENDED" or profile.serialNumber sw "C02FX"')).toEqual(['guo7tlMbpAlice26x7d8', 'guo3carolMac']);
    const co = await get(okta, `/api/v1/devices?${search('profile.model co "Mac"')}`);
    expect([co.status, json(co).errorCode]).toEqual([400, 'E0000031']);
    const field = await get(okta, `/api/v1/devices?${search('owner eq "alice"')}`);
    expect([field.status, json(field).errorCode]).toEqual([400, 'E0000053']);
  });

  it('pages with limit and an after cursor, ending without a next link', async () => {
    const okta = await startOkta({ scenario: await threeDevices() });
    const first = await get(okta, '/api/v1/devices?limit=2');
    expect(json<Device[]>(first).map((d) => d.id)).toEqual(['guo7tlMbpAlice26x7d8', 'guo2bobMac']);
    const next = links(first).next!;
    expect(next).toBe(`${okta.url}/api/v1/devices?limit=2&after=guo2bobMac`);
    const second = await call(next, { headers: auth });
    expect(json<Device[]>(second).map((d) => d.id)).toEqual(['guo3carolMac']);
    expect(links(second)).toEqual({ self: next });
    for (const limit of ['0', '201', 'x']) expect(json(await get(okta, `/api/v1/devices?limit=${limit}`)).errorCode).toBe('E0000001');
    expect(json<Device[]>(await get(okta, '/api/v1/devices'))).toHaveLength(3);
  });

  it('gets one device, its users, and 404 E0000007 for an unknown id', async () => {
    const okta = await startOkta();
    const one = await get(okta, '/api/v1/devices/guo7tlMbpAlice26x7d8');
    expect(json<Device>(one).profile.serialNumber).toBe('C02FX1TLQ6L4');
    const users = json<{ user: { profile: { login: string } } }[]>(await get(okta, '/api/v1/devices/guo7tlMbpAlice26x7d8/users'));
    expect(users.map((u) => u.user.profile.login)).toEqual(['alice@example.com']);
    const missing = await get(okta, '/api/v1/devices/guoNOPE');
    expect(missing.status).toBe(404);
    expect(json(missing)).toMatchObject({ errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: guoNOPE (Device)' });
    const method = await call(`${okta.url}/api/v1/devices`, { method: 'POST', headers: auth, body: '{}' });
    expect([method.status, json(method).errorCode]).toEqual([405, 'E0000022']);
  });
});

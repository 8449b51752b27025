import { describe, expect, it } from 'vitest';
import type { RunningEmulator } from '../../src/emulators/index.js';
import { call, demoScenario, jamfToken, json, startJamf, type Response } from './helpers.js';

interface Computer {
  id: string;
  udid: string;
  general: Record<string, unknown> | null;
  hardware: { serialNumber: string } | null;
  configurationProfiles: unknown[] | null;
  certificates: unknown[] | null;
  [key: string]: unknown;
}
interface Page<T> {
  totalCount: number;
  results: T[];
}

async function session(opts: Parameters<typeof startJamf>[0] = {}): Promise<(path: string) => Promise<Response>> {
  const jamf: RunningEmulator = await startJamf(opts);
  const token = await jamfToken(jamf);
  return (path) => call(`${jamf.url}${path}`, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
}

const SERIAL_FILTER = `filter=${encodeURIComponent('hardware.serialNumber=="C02FX1TLQ6L4"')}`;

describe('Jamf computers-inventory', () => {
  it('finds the Mac by serial with only the requested sections, repeated or comma-joined', async () => {
    const get = await session();
    const general = json<Page<Computer>>(await get(`/api/v4/computers-inventory?${SERIAL_FILTER}&page=0&page-size=1`));
    expect(general.totalCount).toBe(1);
    const mac = general.results[0]!;
    expect([mac.id, mac.udid]).toEqual(['42', '8E2B4F7A-1C3D-5A6B-9E0F-2D4C6B8A0E1F']);
    expect(mac.general?.managementId).toBe('3b9e6a52-7c1d-4f08-a2e5-91d4c0b7f6e3');
    expect([mac.hardware, mac.configurationProfiles]).toEqual([null, null]);
    for (const query of ['section=GENERAL&section=HARDWARE&section=CONFIGURATION_PROFILES', 'section=GENERAL,HARDWARE,CONFIGURATION_PROFILES']) {
      const both = json<Page<Computer>>(await get(`/api/v4/computers-inventory?${SERIAL_FILTER}&${query}`)).results[0]!;
      expect(both.hardware?.serialNumber).toBe('C02FX1TLQ6L4');
      expect(both.configurationProfiles).toHaveLength(4);
      expect(both.certificates).toBeNull();
    }
    const unknownSection = await get('/api/v4/computers-inventory?section=NOPE');
    expect([unknownSection.status, json(unknownSection).httpStatus]).toEqual([400, 400]);
  });

  it('filters on udid, id, general.name and general.managementId, and 400s on fields it does not filter on', async () => {
    const get = await session();
    const count = async (filter: string) => json<Page<Computer>>(await get(`/api/v4/computers-inventory?filter=${encodeURIComponent(filter)}`)).totalCount;
    expect(await count('udid=="8E2B4F7A-1C3D-5A6B-9E0F-2D4C6B8A0E1F"')).toBe(1);
    expect(await count('id==42')).toBe(1);
    expect(await count('general.name=="alice-mbp";general.managementId=="3b9e6a52-7c1d-4f08-a2e5-91d4c0b7f6e3"')).toBe(1);
    expect(await count('general.name=="alice*"')).toBe(1);
    expect(await count('hardware.serialNumber=="C02NOPE",id==7')).toBe(0);
    expect(await count('hardware.serialNumber=="C02NOPE",id==42')).toBe(1);
    const bad = await get(`/api/v4/computers-inventory?filter=${encodeURIComponent('general.colour=="red"')}`);
    expect([bad.status, json(bad).httpStatus]).toEqual([400, 400]);
    const syntax = await get(`/api/v4/computers-inventory?filter=${encodeURIComponent('id==')}`);
    expect(syntax.status).toBe(400);
  });

  it('pages zero-based with totalCount across pages', async () => {
    const get = await session();
    expect(json(await get('/api/v1/computers-inventory?page=1&page-size=1'))).toEqual({ totalCount: 1, results: [] });
    expect(json<Page<Computer>>(await get('/api/v1/computers-inventory')).results).toHaveLength(1);
    expect((await get('/api/v1/computers-inventory?page-size=0')).status).toBe(400);
  });

  it('uses each version’s field names: v4 lastContact/lastCheckIn, v1–v3 lastContactTime, v1 plugins and fonts', async () => {
    const get = await session();
    const v4 = json<Computer>(await get('/api/v4/computers-inventory-detail/42'));
    const v3 = json<Computer>(await get('/api/v3/computers-inventory-detail/42'));
    const v1 = json<Computer>(await get('/api/v1/computers-inventory-detail/42'));
    expect(v4.general).toMatchObject({ lastContact: '2026-11-20T14:12:31.118Z', lastCheckIn: '2026-11-20T14:12:30Z' });
    expect(v4.general).not.toHaveProperty('lastContactTime');
    expect(v3.general).toMatchObject({ lastContactTime: '2026-11-20T14:12:31.118Z' });
    expect(v3.general).not.toHaveProperty('lastCheckIn');
    expect([v1.plugins, v1.fonts]).toEqual([[], []]);
    expect(v4).not.toHaveProperty('plugins');
    const v4List = await get(`/api/v4/computers-inventory?filter=${encodeURIComponent('general.lastCheckIn=ge="2026-11-20T00:00:00Z"')}`);
    expect(json<Page<Computer>>(v4List).totalCount).toBe(1);
  });

  it('serves one computer (GENERAL by default, all sections in -detail) and 404 ApiError for an unknown id', async () => {
    const get = await session();
    const one = json<Computer>(await get('/api/v4/computers-inventory/42'));
    expect(one.general?.name).toBe('alice-mbp');
    expect(one.hardware).toBeNull();
    expect(json<Computer>(await get('/api/v4/computers-inventory/42?section=HARDWARE')).general).toBeNull();
    const detail = json<Computer>(await get('/api/v4/computers-inventory-detail/42'));
    expect(detail.certificates).toHaveLength(1);
    expect(detail.applications).toEqual([]);
    for (const path of ['/api/v4/computers-inventory/7', '/api/v4/computers-inventory-detail/7']) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(json(res)).toMatchObject({ httpStatus: 404, errors: [{ description: 'Specified computer object does not exist.' }] });
    }
  });

  it('answers 404 for inventory versions the server does not have', async () => {
    const get = await session({ inventoryVersions: ['v3'] });
    expect((await get('/api/v4/computers-inventory')).status).toBe(404);
    expect((await get('/api/v1/computers-inventory-detail/42')).status).toBe(404);
    expect((await get('/api/v2/computers-inventory')).status).toBe(404);
    expect((await get('/api/v3/computers-inventory')).status).toBe(200);
  });
});

describe('Jamf /api/v2/mdm/commands', () => {
  const CLIENT = 'clientManagementId==3b9e6a52-7c1d-4f08-a2e5-91d4c0b7f6e3';

  it('requires a filter', async () => {
    const get = await session();
    for (const query of ['', '?filter=', '?page=0&page-size=10']) {
      const res = await get(`/api/v2/mdm/commands${query}`);
      expect(res.status).toBe(400);
      expect(json(res)).toMatchObject({ httpStatus: 400, errors: [{ description: 'All url must contain minimum one filter field.' }] });
    }
  });

  it('filters by clientManagementId, sorts by dateSent and pages', async () => {
    const get = await session();
    const desc = json<Page<{ dateSent: string; commandType: string }>>(await get(`/api/v2/mdm/commands?filter=${encodeURIComponent(CLIENT)}&sort=dateSent:desc`));
    expect(desc.totalCount).toBe(5);
    const sent = desc.results.map((c) => c.dateSent);
    expect(sent).toEqual([...sent].sort().reverse());
    const asc = json<Page<{ dateSent: string }>>(await get(`/api/v2/mdm/commands?filter=${encodeURIComponent(CLIENT)}`));
    expect(asc.results.map((c) => c.dateSent)).toEqual([...sent].reverse());
    const page = json<Page<{ dateSent: string }>>(await get(`/api/v2/mdm/commands?filter=${encodeURIComponent(CLIENT)}&sort=dateSent:desc&page=1&page-size=2`));
    expect(page).toEqual({ totalCount: 5, results: desc.results.slice(2, 4) });
    const other = json<Page<unknown>>(await get(`/api/v2/mdm/commands?filter=${encodeURIComponent('clientManagementId==d41f07a9-2b6e-4c3a-8f15-7e90b2c4a6d8')}`));
    expect(other.totalCount).toBe(0);
    const recent = json<Page<unknown>>(await get(`/api/v2/mdm/commands?filter=${encodeURIComponent(`${CLIENT};dateSent=ge=2026-11-20T13:00:00Z;command==PROFILE_LIST`)}`));
    expect(recent.totalCount).toBe(1);
    const dateEq = await get(`/api/v2/mdm/commands?filter=${encodeURIComponent('dateSent==2026-11-20T13:00:00Z')}`);
    expect(dateEq.status).toBe(400);
  });

  it('serves an empty history for a scenario without MDM commands', async () => {
    const get = await session({ scenario: await demoScenario('cert-chain-break') });
    expect(json(await get(`/api/v2/mdm/commands?filter=${encodeURIComponent(CLIENT)}`))).toEqual({ totalCount: 0, results: [] });
  });
});

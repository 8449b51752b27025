import { describe, expect, it } from 'vitest';
import { call, demoScenario, headerOf, jamfToken, json, startJamf, type Response } from './helpers.js';

interface History {
  computer_history: Record<string, unknown> & {
    general?: { serial_number: string; id: number };
    commands?: { completed: { name: string; completed_epoch: number }[]; pending: unknown[]; failed: { status: string }[] };
  };
}

async function session(opts: Parameters<typeof startJamf>[0] = {}): Promise<(path: string, accept?: string) => Promise<Response>> {
  const jamf = await startJamf(opts);
  const token = await jamfToken(jamf);
  return (path, accept) => call(`${jamf.url}/JSSResource/computerhistory/${path}`, { headers: { authorization: `Bearer ${token}`, ...(accept ? { accept } : {}) } });
}

describe('Jamf Classic computerhistory', () => {
  it('answers JSON with Accept: application/json, flat command arrays and failure text in status', async () => {
    const get = await session({ scenario: await demoScenario('cert-chain-break') });
    const res = await get('serialnumber/C02FX1TLQ6L4', 'application/json');
    expect(res.status).toBe(200);
    expect(headerOf(res, 'content-type')).toMatch(/^application\/json/);
    const history = json<History>(res).computer_history;
    expect(history.general).toMatchObject({ id: 42, serial_number: 'C02FX1TLQ6L4' });
    expect(history.commands?.completed.map((c) => c.name)).toEqual(['Update Inventory', 'DeviceInformation']);
    expect(history.commands?.failed[0]?.status).toBe('Failed');
    expect(Object.keys(history)).toEqual(
      expect.arrayContaining(['general', 'computer_usage_logs', 'audits', 'policy_logs', 'commands', 'user_location', 'mac_app_store_applications']),
    );
  });

  it('answers XML without an Accept header, items named in the singular', async () => {
    const get = await session({ scenario: await demoScenario('not-managed-in-jamf') });
    for (const accept of [undefined, 'application/xml', 'application/xml, application/json']) {
      const res = await get('serialnumber/C02FX1TLQ6L4/subset/General&Commands&PolicyLogs', accept);
      expect(res.status).toBe(200);
      expect(headerOf(res, 'content-type')).toMatch(/^application\/xml/);
      expect(res.text).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?><computer_history><general><id>42<\/id>/);
      expect(res.text).toContain('<pending><command><name>DeviceInformation</name><status>Pending</status>');
      expect(res.text).toContain('<policy_logs><policy_log><policy_id>8</policy_id>');
      expect(res.text).not.toContain('<audits>');
    }
  });

  it('returns only the requested subsets, by CamelCase or snake_case name, by any lookup key', async () => {
    const get = await session({ scenario: await demoScenario('not-managed-in-jamf') });
    const keys = async (path: string) => Object.keys(json<History>(await get(path, 'application/json')).computer_history);
    expect(await keys('serialnumber/C02FX1TLQ6L4/subset/Commands')).toEqual(['commands']);
    expect(await keys('serialnumber/c02fx1tlq6l4/subset/general&policy_logs')).toEqual(['general', 'policy_logs']);
    expect(await keys('id/42/subset/General')).toEqual(['general']);
    expect(await keys('udid/8E2B4F7A-1C3D-5A6B-9E0F-2D4C6B8A0E1F/subset/Audits')).toEqual(['audits']);
    const unknown = await get('serialnumber/C02FX1TLQ6L4/subset/Nonsense', 'application/json');
    expect(unknown.status).toBe(400);
  });

  it('answers the Restlet 404 page for an unknown serial, even when JSON was asked for', async () => {
    const get = await session();
    for (const path of ['serialnumber/C02NOPE', 'serialnumber/C02NOPE/subset/Commands', 'colour/blue']) {
      const res = await get(path, 'application/json');
      expect(res.status).toBe(404);
      expect(headerOf(res, 'content-type')).toMatch(/^text\/html/);
      expect(res.text).toContain('The server has not found anything matching the request URI');
    }
  });

  it('builds an empty history from the inventory record when the scenario has no history.json', async () => {
    const scenario = await demoScenario();
    const get = await session({ scenario: { ...scenario, jamf: { ...scenario.jamf, history: undefined } } });
    const history = json<History>(await get('serialnumber/C02FX1TLQ6L4', 'application/json')).computer_history;
    expect(history.general).toEqual({ id: 42, name: 'alice-mbp', udid: '8E2B4F7A-1C3D-5A6B-9E0F-2D4C6B8A0E1F', serial_number: 'C02FX1TLQ6L4', mac_address: '' });
    expect(history.commands).toEqual({ completed: [], pending: [], failed: [] });
  });
});

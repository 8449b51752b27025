import { describe, expect, it } from 'vitest';
import { loadScenario } from '../../src/emulators/index.js';
import { fleetScenario } from '../helpers/fleet-scenario.js';
import { API_TOKEN, call, json, links, startOkta } from './helpers.js';

interface User {
  id: string;
  profile: { login: string; email: string };
}
interface UserDevice {
  created: string;
  deviceUserId: string;
  device: { id: string; profile: { serialNumber: string }; _embedded?: unknown };
}

const auth = { authorization: `SSWS ${API_TOKEN}` };
const search = (expr: string): string => `search=${encodeURIComponent(expr)}`;

describe('Okta /api/v1/users and /api/v1/users/{id}/devices', () => {
  it('searches users by login or e-mail without case; a short name matches with sw', async () => {
    const okta = await startOkta({ scenario: await loadScenario(fleetScenario()) });
    const byLogin = json<User[]>(await call(`${okta.url}/api/v1/users?${search('profile.login eq "CAROL@example.com"')}`, { headers: auth }));
    expect(byLogin.map((u) => u.profile.login)).toEqual(['carol@example.com']);
    const short = json<User[]>(await call(`${okta.url}/api/v1/users?${search('profile.login sw "alice@"')}`, { headers: auth }));
    expect(short.map((u) => u.id)).toEqual(['00u7tlAlice2026x7d8']);
    const bad = await call(`${okta.url}/api/v1/users?${search('credentials.password eq "x"')}`, { headers: auth });
    expect(bad.status).toBe(400);
  });

  it("pages a user's devices with Link headers; an unknown user is 404 E0000007", async () => {
    const okta = await startOkta({ scenario: await loadScenario(fleetScenario()) });
    const [carol] = json<User[]>(await call(`${okta.url}/api/v1/users?${search('profile.email eq "carol@example.com"')}`, { headers: auth }));
    const seen: string[] = [];
    let url: string | undefined = `${okta.url}/api/v1/users/${carol!.id}/devices?limit=5`;
    while (url) {
      const res = await call(url, { headers: auth });
      const page = json<UserDevice[]>(res);
      expect(page.length).toBeLessThanOrEqual(5);
      expect(page.every((d) => d.deviceUserId === carol!.id && d.device._embedded === undefined)).toBe(true);
      seen.push(...page.map((d) => d.device.profile.serialNumber));
      url = links(res)['next'];
    }
    expect(seen).toHaveLength(12);
    expect(new Set(seen).size).toBe(12);
    const unknown = await call(`${okta.url}/api/v1/users/00uNobody/devices`, { headers: auth });
    expect(unknown.status).toBe(404);
    expect(json(unknown)['errorCode']).toBe('E0000007');
  });
});

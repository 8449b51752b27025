import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarioDir } from '../../src/emulators/index.js';
import { tempDir } from './temp-files.js';

type Json = Record<string, unknown>;

/** One Mac of the fleet: which systems know it, under which user and name. */
export interface FleetMac {
  serial: string;
  name: string;
  /** Jamf's assigned user (e-mail; the short name is its local part); absent: not in Jamf. */
  jamfUser?: string;
  /** Okta's device user (login); absent: not in Okta. */
  oktaUser?: string;
  jamfId: string;
  lastCheckIn?: string;
}

/** Carol has twelve Macs (a lab), Dave's Mac is not in Okta, Erin's not in Jamf, and Jamf and Okta disagree on Frank's. */
export const FLEET: FleetMac[] = [
  ...Array.from({ length: 12 }, (_, i) => ({
    serial: `C02LAB${String(i).padStart(2, '0')}Q6L4`,
    name: `carol-mac-${String(i).padStart(2, '0')}`,
    jamfUser: 'carol@example.com',
    oktaUser: 'carol@example.com',
    jamfId: String(500 + i),
    lastCheckIn: `2026-11-${String(8 + i).padStart(2, '0')}T10:00:00Z`,
  })),
  { serial: 'C02DAVE01Q6L', name: 'dave-mbp', jamfUser: 'dave@example.com', jamfId: '601' },
  { serial: 'C02ERIN01Q6L', name: 'erin-mbp', oktaUser: 'erin@example.com', jamfId: '-' },
  { serial: 'C02FRNK01Q6L', name: 'frank-mbp', jamfUser: 'frank@example.com', oktaUser: 'bob@example.com', jamfId: '602' },
];

const read = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;

/** The ids the scenario's System Log already gives these users. */
const USER_IDS: Record<string, string> = { 'carol@example.com': '00u7tlCarol2026x9q2', 'bob@example.com': '00u7tlBob2026x1k4' };

function oktaUser(login: string): Json {
  const [first] = login.split('@');
  return {
    created: '2026-03-02T09:15:10.000Z',
    managementStatus: 'MANAGED',
    screenLockType: 'BIOMETRIC',
    user: { id: USER_IDS[login] ?? `00u${first}2026x7d8`, status: 'ACTIVE', created: '2025-01-06T10:00:00.000Z', profile: { firstName: first, lastName: 'Example', login, email: login } },
  };
}

/**
 * The okta-policy-regression scenario (Alice's Mac, C02FX1TLQ6L4 / alice-mbp) plus the FLEET, as a
 * scenario directory for the emulators: Jamf's computer.json becomes a list, Okta's devices.json grows.
 */
export function fleetScenario(): string {
  const dir = join(tempDir(), 'fleet');
  cpSync(scenarioDir('okta-policy-regression'), dir, { recursive: true });
  const alice = read(join(dir, 'jamf', 'computer.json')) as Json;
  const aliceDevice = (read(join(dir, 'okta', 'devices.json')) as Json[])[0]!;
  const computers: Json[] = [alice];
  const devices: Json[] = [aliceDevice];
  FLEET.forEach((mac, n) => {
    if (mac.jamfUser) {
      const c = structuredClone(alice);
      const general = c['general'] as Json;
      Object.assign(c, { id: mac.jamfId, udid: `UDID-${mac.serial}` });
      Object.assign(general, { name: mac.name, managementId: `mgmt-${mac.serial}`, lastReportedIpV4: `10.20.5.${n + 1}`, ...(mac.lastCheckIn ? { lastCheckIn: mac.lastCheckIn } : {}) });
      (c['hardware'] as Json)['serialNumber'] = mac.serial;
      c['userAndLocation'] = { username: mac.jamfUser.split('@')[0], email: mac.jamfUser, realname: mac.jamfUser };
      computers.push(c);
    }
    if (mac.oktaUser) {
      const d = structuredClone(aliceDevice);
      const id = `guo${mac.serial.toLowerCase()}`;
      Object.assign(d, { id, resourceId: id, lastUpdated: mac.lastCheckIn ?? '2026-11-20T12:00:00.000Z' });
      Object.assign(d['profile'] as Json, { displayName: `${mac.name} (Okta)`, serialNumber: mac.serial, udid: `UDID-${mac.serial}` });
      d['_embedded'] = { users: [oktaUser(mac.oktaUser)] };
      devices.push(d);
    }
  });
  writeFileSync(join(dir, 'jamf', 'computer.json'), JSON.stringify({ totalCount: computers.length, results: computers }));
  writeFileSync(join(dir, 'okta', 'devices.json'), JSON.stringify(devices));
  return dir;
}

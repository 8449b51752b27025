import { describe, expect, it } from 'vitest';
import { listScenarios, loadScenario, scenarioDir } from '../../src/emulators/index.js';
import { writeTree } from '../helpers/temp-files.js';

const DEMOS = ['cert-chain-break', 'clock-skew', 'device-trust-cert-expired', 'not-managed-in-jamf', 'okta-policy-regression'];

const meta = JSON.stringify({ serial: 'C02TEST', hostname: 'test-mbp', user: 'dana@example.com', collectedAt: '2026-11-20T14:30:00Z', deviceTimeZone: 'UTC' });
const event = (uuid: string, published: string, who = 'dana@example.com') => ({ uuid, published, eventType: 'user.session.start', version: '0', severity: 'INFO', actor: { id: '00u1', type: 'User', alternateId: who } });

describe('demo scenarios', () => {
  it('lists the built-in scenarios with their titles from the source tree', async () => {
    const list = await listScenarios();
    expect(list.map((s) => s.name)).toEqual(expect.arrayContaining(DEMOS));
    for (const s of list) {
      expect(s.title.length).toBeGreaterThan(10);
      expect(s.dir).toBe(scenarioDir(s.name));
      expect(s.dir).toMatch(/src\/emulators\/scenarios\/[a-z-]+$/);
    }
  });

  it.each(DEMOS)('%s serves an Okta device for its serial with the meta user embedded, and a Jamf record', async (name) => {
    const scenario = await loadScenario(scenarioDir(name));
    expect(scenario.story.length).toBeGreaterThan(40);
    const device = scenario.okta.devices.find((d) => (d.profile as { serialNumber?: string }).serialNumber === scenario.meta.serial);
    expect(device).toBeDefined();
    const users = (device!._embedded as { users: { user: { id: string; profile: { login: string; email: string } } }[] }).users;
    expect(users.map((u) => u.user.profile.login)).toEqual([scenario.meta.user]);
    expect(users[0]!.user.id).toMatch(/^00u/);
    expect(scenario.okta.events.length).toBeGreaterThan(3);
    expect(scenario.jamf.computers).toHaveLength(1);
    expect(scenario.jamf.history?.general).toMatchObject({ serial_number: scenario.meta.serial });
  });

  it('refuses names that are not plain scenario names', () => {
    for (const name of ['../x', 'a/b', '', '.hidden']) expect(() => scenarioDir(name)).toThrow(/not a scenario name/);
  });
});

describe('loadScenario', () => {
  it('merges okta/*.json in file order, first file wins on a duplicate uuid, persistence never before published', async () => {
    const dir = writeTree({
      'meta.json': meta,
      'scenario.json': JSON.stringify({ title: 'Test', story: 'A test.' }),
      'okta/logs-1.json': JSON.stringify([event('a', '2026-11-20T14:00:00.000Z'), event('b', '2026-11-20T14:05:00.000Z')]),
      'okta/logs-2.json': `\uFEFF${JSON.stringify([event('a', '2026-11-20T14:00:00.000Z', 'other@example.com'), event('c', '2026-11-20T14:01:00.000Z')])}`,
      'okta/devices.json': '[]',
      'jamf/computer.json': JSON.stringify({ totalCount: 2, results: [{ id: '1' }, { id: '2' }] }),
      'jamf/mdm-commands.json': JSON.stringify({ totalCount: 1, results: [{ uuid: 'u' }] }),
    });
    const s = await loadScenario(dir);
    expect([s.title, s.story, s.meta.serial]).toEqual(['Test', 'A test.', 'C02TEST']);
    expect(s.okta.events.map((e) => e.uuid)).toEqual(['a', 'b', 'c']);
    expect((s.okta.events[0]!.event.actor as { alternateId: string }).alternateId).toBe('dana@example.com');
    // c was published at 14:01 but only persisted after b (14:05).
    expect(s.okta.events.map((e) => e.persistedMs - e.publishedMs)).toEqual([0, 0, 240_001]);
    expect(s.jamf.computers.map((c) => c.id)).toEqual(['1', '2']);
    expect(s.jamf.mdmCommands).toHaveLength(1);
    expect(s.jamf.history).toBeUndefined();
  });

  it('takes the directory name as the title of a bundle without scenario.json, and says what is wrong with meta.json', async () => {
    const bundle = writeTree({ 'meta.json': meta });
    expect((await loadScenario(bundle)).title).toBe(bundle.split('/').at(-1));
    const broken = writeTree({ 'meta.json': JSON.stringify({ serial: 'x' }) });
    await expect(loadScenario(broken)).rejects.toThrow(/meta\.json: hostname/);
  });
});

import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_CONTEXT, type ParseContext } from '../../../src/model/context.js';
import { parseOktaDevicesFile } from '../../../src/sources/okta/devices.js';

const FIXTURES = fileURLToPath(new URL('../../fixtures/okta/', import.meta.url));
const DEVICES = FIXTURES + 'devices.json';
const REL = 'okta/devices.json';

const ALICE_CONTEXT: ParseContext = { ...EMPTY_CONTEXT, user: 'Alice@Example.com' };

const scratch = mkdtempSync(join(tmpdir(), 'trustline-okta-devices-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function writeScratch(name: string, devices: unknown): string {
  const path = join(scratch, name);
  writeFileSync(path, JSON.stringify(devices));
  return path;
}

describe('parseOktaDevicesFile: records', () => {
  it('reads one record per distinct device id, trimming the serial', async () => {
    const { records } = await parseOktaDevicesFile(DEVICES, REL, ALICE_CONTEXT);
    expect(records.map((record) => record.id)).toEqual([
      'guo7tlMbpAlice26x7d8',
      'guo5tlOldAliceMbpd8',
      'guo9tlNoTimestampd8',
    ]);
    expect(records[0]).toEqual({
      id: 'guo7tlMbpAlice26x7d8',
      status: 'ACTIVE',
      displayName: "Alice's MacBook Pro",
      serial: 'C02FX1TLQ6L4',
      udid: '5E1A9C3B-7D2F-4B8E-9A61-C0FFEE2026AB',
      platform: 'MACOS',
      registered: true,
      managed: true,
      lastUpdatedMs: Date.UTC(2026, 10, 20, 14, 0, 3, 870),
      users: [{ login: 'alice@example.com', managementStatus: 'MANAGED' }],
    });
    expect(records[2]).toEqual({
      id: 'guo9tlNoTimestampd8',
      status: 'CREATED',
      displayName: 'Loaner iPhone',
      serial: undefined,
      udid: undefined,
      platform: 'IOS',
      registered: true,
      managed: undefined,
      lastUpdatedMs: null,
      users: [],
    });
  });

  it('reports duplicates, skipped elements and devices without a time', async () => {
    const { report } = await parseOktaDevicesFile(DEVICES, REL, ALICE_CONTEXT);
    expect(report.fatal).toBeUndefined();
    expect(report.skipped).toBe(1);
    expect(report.messages()).toEqual([
      'okta/devices.json: 1 malformed record skipped, first at okta/devices.json#/3 (no device id)',
      'okta/devices.json: 1 duplicate device (same id) merged',
      'okta/devices.json: 1 device has no usable lastUpdated time: state kept, no timeline event',
    ]);
  });
});

describe('parseOktaDevicesFile: state events', () => {
  it('places one state event per timed device at lastUpdated', async () => {
    const { events } = await parseOktaDevicesFile(DEVICES, REL, ALICE_CONTEXT);
    expect(events).toHaveLength(2);
    const [current, old] = events;
    expect(current).toEqual({
      id: 'okta-device:guo7tlMbpAlice26x7d8',
      epochMs: Date.UTC(2026, 10, 20, 14, 0, 3, 870),
      originalTime: '2026-11-20T14:00:03.870Z',
      source: 'okta',
      kind: 'okta.device.state',
      generic: 'idp.device.state',
      severity: 'info',
      summary: `Okta device "Alice's MacBook Pro" ACTIVE, registered, managed (MANAGED for alice@example.com)`,
      keys: {
        oktaDeviceId: 'guo7tlMbpAlice26x7d8',
        serial: 'C02FX1TLQ6L4',
        udid: '5E1A9C3B-7D2F-4B8E-9A61-C0FFEE2026AB',
        hostname: "Alice's MacBook Pro",
        user: 'alice@example.com',
      },
      raw: { file: REL, pointer: '/0' },
      fields: { status: 'ACTIVE', registered: true, managed: true, managementStatus: 'MANAGED', platform: 'MACOS' },
    });
    expect(old!.id).toBe('okta-device:guo5tlOldAliceMbpd8');
    expect(old!.severity).toBe('warn');
    expect(old!.summary).toBe(
      `Okta device "Alice's MacBook Pro" DEACTIVATED, not registered, not managed (NOT_MANAGED for alice@example.com)`,
    );
    expect(old!.fields).toEqual({
      status: 'DEACTIVATED',
      registered: false,
      managed: false,
      managementStatus: 'NOT_MANAGED',
      platform: 'MACOS',
    });
  });

  it('warns for an active device that is not managed, or whose management is unknown', async () => {
    const path = writeScratch('unmanaged.json', [
      { id: 'guoA', status: 'ACTIVE', lastUpdated: '2026-11-20T13:00:00.000Z', profile: { displayName: 'A', managed: false } },
      { id: 'guoB', status: 'ACTIVE', lastUpdated: '2026-11-20T13:00:00.000Z', profile: { displayName: 'B' } },
      {
        id: 'guoC',
        status: 'ACTIVE',
        lastUpdated: '2026-11-20T13:00:00.000Z',
        profile: { displayName: 'C' },
        _embedded: { users: [{ managementStatus: 'MANAGED', user: { profile: { login: 'carol@example.com' } } }] },
      },
      {
        id: 'guoD',
        status: 'ACTIVE',
        lastUpdated: '2026-11-20T13:00:00.000Z',
        profile: { displayName: 'D', managed: true },
        _embedded: { users: [{ managementStatus: 'NOT_MANAGED', user: { profile: { login: 'dan@example.com' } } }] },
      },
    ]);
    const { events } = await parseOktaDevicesFile(path, 'okta/devices.json', EMPTY_CONTEXT);
    expect(events.map((event) => [event.id, event.severity])).toEqual([
      ['okta-device:guoA', 'warn'],
      ['okta-device:guoB', 'warn'],
      ['okta-device:guoC', 'info'],
      ['okta-device:guoD', 'warn'],
    ]);
    expect(events[1]!.summary).toBe('Okta device "B" ACTIVE');
  });

  it("prefers the incident user's management link and lists at most three users", async () => {
    const users = ['ann', 'bob', 'cy', 'dee'].map((name, index) => ({
      managementStatus: index === 3 ? 'MANAGED' : 'NOT_MANAGED',
      user: { profile: { login: `${name}@example.com` } },
    }));
    const path = writeScratch('shared.json', [
      { id: 'guoS', status: 'ACTIVE', lastUpdated: '2026-11-20T13:00:00.000Z', profile: { displayName: 'Shared Mac', managed: true }, _embedded: { users } },
    ]);
    const { events } = await parseOktaDevicesFile(path, 'okta/devices.json', { ...EMPTY_CONTEXT, user: 'dee@example.com' });
    expect(events[0]!.keys.user).toBe('dee@example.com');
    expect(events[0]!.fields['managementStatus']).toBe('MANAGED');
    expect(events[0]!.severity).toBe('info');
    expect(events[0]!.summary).toBe(
      'Okta device "Shared Mac" ACTIVE, managed (NOT_MANAGED for ann@example.com, NOT_MANAGED for bob@example.com, ' +
        'NOT_MANAGED for cy@example.com, +1 more)',
    );
  });
});

describe('parseOktaDevicesFile: unusable files', () => {
  it('explains an error body', async () => {
    const result = await parseOktaDevicesFile(FIXTURES + 'logs-error-invalid-token.json', REL, EMPTY_CONTEXT);
    expect(result.records).toEqual([]);
    expect(result.events).toEqual([]);
    expect(result.report.fatal).toBe('okta/devices.json: an Okta error body, not devices: E0000011 Invalid token provided');
  });

  it('rejects a single device object and HTML', async () => {
    const single = writeScratch('single.json', { id: 'guoX', status: 'ACTIVE', profile: {} });
    expect((await parseOktaDevicesFile(single, REL, EMPTY_CONTEXT)).report.fatal).toBe(
      'okta/devices.json: expected a JSON array of Okta devices',
    );
    expect((await parseOktaDevicesFile(FIXTURES + 'logs-html-page.json', REL, EMPTY_CONTEXT)).report.fatal).toBe(
      'okta/devices.json: not JSON: looks like an HTML page (an error or login page?)',
    );
  });
});

/**
 * Parsers against public real-world samples (test/fixtures/real-world/README.md names each source).
 * The expected values are read off the samples themselves, not off the parsers' output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { SourceIdentity } from '../../src/core/adapter.js';
import type { ParseContext } from '../../src/model/context.js';
import type { TimelineEvent } from '../../src/model/event.js';
import { parseJamfComputerFile } from '../../src/sources/jamf/computer.js';
import { parseJamfHistoryFile } from '../../src/sources/jamf/history.js';
import { parseJamfMdmCommandsFile } from '../../src/sources/jamf/mdm-commands.js';
import { parseDeviceLogFile } from '../../src/sources/mac/log/log-file.js';
import { oktaAdapter } from '../../src/sources/okta/adapter.js';
import { parseOktaLogFiles } from '../../src/sources/okta/log-files.js';
import { parseProbeFile, type ProbeName } from '../../src/sources/mac/probes/index.js';
import { writeTree } from '../helpers/temp-files.js';

function sample(rel: string): string {
  return fileURLToPath(new URL(`../fixtures/real-world/${rel}`, import.meta.url));
}

const CTX: ParseContext = {
  collectedAtMs: Date.UTC(2026, 10, 20, 14, 30),
  deviceTimeZone: 'Europe/Berlin',
  serial: 'C02ABC123DEF',
  hostname: undefined,
  user: undefined,
};

function byId(events: TimelineEvent[], id: string): TimelineEvent {
  const event = events.find((candidate) => candidate.id === id);
  if (!event) throw new Error(`no event ${id} among ${events.map((e) => e.id).join(', ')}`);
  return event;
}

describe('Okta System Log: elastic/integrations pipeline test events', () => {
  async function parse() {
    return parseOktaLogFiles(
      [
        { path: sample('okta/elastic-system-events.json'), rel: 'okta/elastic-system-events.json' },
        { path: sample('okta/elastic-sso-registered-unmanaged-mac.json'), rel: 'okta/elastic-sso.json' },
      ],
      CTX,
    );
  }

  it('merges the repeated logout event of the source file by uuid and reads the rest', async () => {
    const { events, reports } = await parse();
    expect(events.map((e) => e.id).sort()).toEqual([
      'okta:2D6FC3CC-3BFB-4AC1-8259-016CF6A5976C',
      'okta:3aeede38-4f67-11ea-abd3-1f5d113f2546',
      'okta:3af594f9-4f67-11ea-abd3-1f5d113f2546',
      'okta:faf7398a-4f77-11ea-97fb-5925e98228bd',
    ]);
    expect(reports[0]!.messages()).toEqual(['okta/elastic-system-events.json: 1 duplicate event (same uuid) merged']);
    expect(reports[1]!.messages()).toEqual([]);
  });

  it('places each event at its published instant and keeps the text', async () => {
    const { events } = await parse();
    const logout = byId(events, 'okta:faf7398a-4f77-11ea-97fb-5925e98228bd');
    expect(logout.epochMs).toBe(Date.UTC(2020, 1, 14, 22, 18, 51, 843));
    expect(logout.originalTime).toBe('2020-02-14T22:18:51.843Z');
    expect(logout.kind).toBe('okta.user.session.end');
    expect(logout.severity).toBe('info');
    expect(logout.keys.user).toBe('username@elastic.co');
    expect(byId(events, 'okta:3aeede38-4f67-11ea-abd3-1f5d113f2546').kind).toBe('okta.user.session.start');
  });

  it('reads the policy decision with its policy and rule names', async () => {
    const policy = byId((await parse()).events, 'okta:3af594f9-4f67-11ea-abd3-1f5d113f2546');
    expect(policy.kind).toBe('okta.policy.evaluate_sign_on');
    expect(policy.epochMs).toBe(Date.UTC(2020, 1, 14, 20, 18, 57, 762));
    expect(policy.severity).toBe('info');
    expect(policy.fields).toMatchObject({
      outcome: 'ALLOW',
      reason: 'Sign-on policy evaluation resulted in ALLOW',
      policyName: 'Default Policy',
      policyRule: 'Default Rule',
    });
  });

  it("reads Okta's own view of the Mac on a sign-in: registered, not managed", async () => {
    const sso = byId((await parse()).events, 'okta:2D6FC3CC-3BFB-4AC1-8259-016CF6A5976C');
    expect(sso.kind).toBe('okta.user.authentication.sso');
    expect(sso.epochMs).toBe(Date.UTC(2023, 4, 23, 19, 39, 49, 513));
    expect(sso.keys).toMatchObject({ user: 'test.user@test.com', oktaDeviceId: 'V9YPwc5tnhWcaLs3' });
    expect(sso.fields).toMatchObject({
      outcome: 'SUCCESS',
      deviceManaged: false,
      deviceRegistered: true,
      devicePlatform: 'OSX',
      deviceOsVersion: '13.3.1',
      app: 'An App Server',
    });
  });
});

describe('Okta System Log: an export pipeline that reuses and blanks uuids', () => {
  it('merges only the true duplicate; keeps the events that reuse a uuid and the one with a blank uuid, and says so', async () => {
    const rel = 'okta/pipeline-reused-uuids.json';
    const { events, reports } = await parseOktaLogFiles([{ path: sample(rel), rel }], CTX);
    const start = 'okta:3aeede38-4f67-11ea-abd3-1f5d113f2546';
    expect(events.map((e) => [e.id, e.kind, e.originalTime])).toEqual([
      [start, 'okta.user.session.start', '2020-02-14T20:18:57.718Z'],
      [`${start}~2`, 'okta.policy.evaluate_sign_on', '2020-02-14T20:18:57.762Z'],
      [`okta:${rel}#/2`, 'okta.user.session.end', '2020-02-14T22:18:51.843Z'],
      [`${start}~3`, 'okta.user.session.start', '2020-02-14T21:18:57.718Z'],
    ]);
    expect(reports[0]!.messages()).toEqual([
      `${rel}: 1 duplicate event (same uuid) merged`,
      `${rel}: 2 event(s) reuse the uuid of a different event (another time, type or content): kept apart, ids suffixed ~2, ~3…`,
      `${rel}: 1 event(s) with a blank uuid kept, named by their place in the file`,
    ]);
  });
});

describe("Okta Devices API: a saved answer whose first device is not the Mac", () => {
  const rel = 'okta/devices.json';
  const read = (ctx: ParseContext, otherIdentities: SourceIdentity[] = []) =>
    oktaAdapter.readBundle([{ path: sample('okta/devices-windows-first.json'), rel }], { ctx, recorded: undefined, otherIdentities });

  it("picks the record with the Mac's serial, not the first (a Windows machine), and says what it left out", async () => {
    const result = await read({ ...CTX, serial: 'C02VW333HTDF' });
    expect(result.state?.devices.map((d) => [d.id, d.platform, d.serial])).toEqual([['guo4a5u7YAHhjXrMN0g4', 'MACOS', 'C02VW333HTDF']]);
    expect(result.events.map((e) => e.keys.oktaDeviceId)).toEqual(['guo4a5u7YAHhjXrMN0g4']);
    expect(result.reports.flatMap((r) => r.messages())).toEqual([
      `${rel}: 1 of 2 device record(s) is not this Mac (serial C02VW333HTDF): not used (Example Device name (WINDOWS))`,
    ]);
    expect(oktaAdapter.identities(result.state).map((i) => i.serial)).toEqual(['C02VW333HTDF']);
  });

  it('matches by hostname when the bundle knows no serial', async () => {
    const result = await read({ ...CTX, serial: undefined, hostname: 'example mac' });
    expect(result.state?.devices.map((d) => d.id)).toEqual(['guo4a5u7YAHhjXrMN0g4']);
  });

  it("matches by what Jamf's record says the Mac is when meta.json names no serial or hostname", async () => {
    const jamf: SourceIdentity = { origin: 'jamf', serial: 'c02vw333htdf', udid: '12345678-1234-1234-1234-123456789012', hostname: 'Test-Mac-001', users: [], emails: [], vendorIds: {} };
    const result = await read({ ...CTX, serial: undefined }, [jamf]);
    expect(result.state?.devices.map((d) => d.id)).toEqual(['guo4a5u7YAHhjXrMN0g4']);
    expect(result.reports.flatMap((r) => r.messages())).toEqual([
      `${rel}: 1 of 2 device record(s) is not this Mac (serial c02vw333htdf, UDID 12345678-1234-1234-1234-123456789012, hostname Test-Mac-001): not used (Example Device name (WINDOWS))`,
    ]);
  });

  it('keeps only the records that are not another platform when nothing names the Mac', async () => {
    const result = await read({ ...CTX, serial: undefined });
    expect(result.state?.devices.map((d) => d.platform)).toEqual(['MACOS']);
    expect(result.reports.flatMap((r) => r.messages())).toEqual([`${rel}: 1 of 2 device record(s) is not a Mac: not used (Example Device name (WINDOWS))`]);
  });

  it('uses no record when none is this Mac, and does not claim Okta has none', async () => {
    const result = await read({ ...CTX, serial: 'C02ABC123DEF' });
    expect(result.state).toEqual({ devices: [], devicesComplete: false });
    expect(result.events).toEqual([]);
    expect(result.reports.flatMap((r) => r.messages())).toEqual([
      `${rel}: none of the 2 device record(s) is this Mac (serial C02ABC123DEF): no Okta device record used (Example Device name (WINDOWS), Example Mac (MACOS))`,
    ]);
  });
});

describe('Jamf Pro API: go-sdk-jamfpro-v2 mocks', () => {
  it('picks the record for the serial out of a v4 inventory list and reads the v4 time fields', async () => {
    const { state, report } = await parseJamfComputerFile(sample('jamf/go-sdk-computers-inventory-list-v4.json'), 'jamf/computer.json', CTX);
    expect(report.messages()).toEqual([]);
    expect(state).toMatchObject({ recordsFound: 1, id: '1', serial: 'C02ABC123DEF', name: 'Test-Mac-001' });
    expect(state?.udid).toBe('12345678-1234-1234-1234-123456789012');
    expect(state?.lastContactMs).toBe(Date.UTC(2018, 9, 31, 18, 4, 13));
    expect(state?.lastCheckInMs).toBe(Date.UTC(2018, 9, 31, 19, 12, 44));
    // The mock has no remoteManagement section: management state is unknown, not "unmanaged".
    expect(state?.managed).toBeUndefined();
  });

  it('reads acknowledged and failed MDM commands at the instants they ended', async () => {
    const { events, report } = await parseJamfMdmCommandsFile(sample('jamf/go-sdk-mdm-commands-v1-in-v2-envelope.json'), 'jamf/mdm-commands.json', CTX);
    expect(report.messages()).toEqual([]);
    const acknowledged = byId(events, 'jamf:cmd:aaaaaaaa-3f1e-4b3a-a5b3-ca0cd7430937');
    expect(acknowledged.kind).toBe('jamf.mdm.command');
    expect(acknowledged.severity).toBe('info');
    expect(acknowledged.epochMs).toBe(Date.UTC(2019, 4, 16, 20, 44, 1, 112));
    expect(acknowledged.fields).toMatchObject({ commandType: 'DEVICE_INFORMATION', commandState: 'ACKNOWLEDGED' });
    const failed = byId(events, 'jamf:cmd:cccccccc-3f1e-4b3a-a5b3-ca0cd7430937');
    expect(failed.severity).toBe('error');
    expect(failed.epochMs).toBe(Date.UTC(2019, 4, 16, 20, 43, 43, 945));
    expect(failed.fields).toMatchObject({ commandState: 'COMMAND_FORMAT_ERROR', errorCode: 1234, errorDomain: 'MDMErrorDomain' });
  });
});

describe('Jamf Classic computerhistory: the documented wrapped shape', () => {
  it('reads wrapped commands and policy logs from the *_epoch fields', async () => {
    const { events, report } = await parseJamfHistoryFile(
      sample('jamf/sumo-docs-computerhistory-wrapped.json'),
      'jamf/history.json',
      { ...CTX, serial: 'C02Q7KHTGFWF' },
    );
    expect(report.messages()).toEqual([]);
    const byState = (state: string) => events.find((e) => e.kind === 'jamf.history.command' && e.fields.state === state);
    // 1499470624555 = 2017-07-07T23:37:04.555Z, the same instant as "6:37 PM" at -0500.
    expect(byState('completed')?.epochMs).toBe(1_499_470_624_555);
    expect(byState('completed')?.severity).toBe('info');
    expect(byState('pending')?.severity).toBe('warn');
    expect(byState('failed')).toMatchObject({ epochMs: 1_499_470_735_555, severity: 'error' });
    expect(byState('failed')?.fields.status).toBe('The Directory Binding Account payload could not be installed');
    // The sample's policy log says "18:37:04.000Z" in date_time but its epoch is 23:37:04.555Z: the epoch is canonical.
    const policy = events.find((e) => e.kind === 'jamf.policy.run');
    expect(policy?.epochMs).toBe(1_499_470_624_555);
    expect(policy?.fields).toMatchObject({ policyName: 'Update Inventory', status: 'Completed' });
  });
});

describe('macOS `log show` lines quoted in public issues and docs', () => {
  it('default style: per-line offsets, microseconds, message types', async () => {
    const { events, report, style } = await parseDeviceLogFile(sample('device/default-style.log'), 'device/default-style.log', CTX);
    expect(style).toBe('default');
    expect(report.messages()).toEqual([]);
    expect(events.map((e) => [e.epochMs, e.micros, e.severity, e.fields.process])).toEqual([
      [Date.UTC(2026, 0, 25, 21, 3, 22, 41), 859, 'info', 'logger'],
      [Date.UTC(2017, 6, 12, 15, 28, 25, 253), 378, 'error', 'Twitter'],
      [Date.UTC(2026, 1, 19, 8, 33, 18, 769), 609, 'info', 'RansomWhere'],
    ]);
    expect(events[0]!.fields).toMatchObject({ messageType: 'Info', pid: 6103 });
    expect(events[2]!.fields).toMatchObject({ subsystem: 'com.objective-see.ransomwhere', category: 'daemon', messageType: 'Debug' });
    expect(events.every((e) => e.deviceClock === true)).toBe(true);
  });

  it('compact style: no offset in the line, so the zone comes from meta.json and is said on the event', async () => {
    const { events, report, style } = await parseDeviceLogFile(sample('device/compact-style.log'), 'device/compact-style.log', CTX);
    expect(style).toBe('compact');
    expect(report.messages()).toEqual([]);
    expect(events.map((e) => e.epochMs)).toEqual([
      Date.UTC(2023, 7, 23, 20, 9, 38, 323), // Berlin summer time, +02:00
      Date.UTC(2026, 9, 1, 5, 51, 45, 87),
      Date.UTC(2026, 8, 22, 0, 28, 8, 335),
    ]);
    expect(events.every((e) => e.timeNote?.includes('Europe/Berlin'))).toBe(true);
    const trustOk = events[1]!;
    expect(trustOk.kind).toBe('device.tls.ok');
    expect(trustOk.fields).toMatchObject({ process: 'Stethoscore Personal', pid: 29995, subsystem: 'com.apple.CFNetwork' });
    const clockMove = events[2]!;
    expect(clockMove.kind).toBe('device.clock.adjust');
    expect(clockMove.fields.adjustSeconds).toBe(-0.007764578);
  });

  it('syslog style: offsets kept, no message type', async () => {
    const { events, report, style } = await parseDeviceLogFile(sample('device/syslog-style.log'), 'device/syslog-style.log', CTX);
    expect(style).toBe('syslog');
    expect(report.messages()).toEqual([]);
    expect(events.map((e) => [e.epochMs, e.micros, e.fields.process, e.fields.pid])).toEqual([
      [Date.UTC(2023, 8, 27, 20, 55, 39, 622), 369, 'legacyScreenSaver', 41737],
      [Date.UTC(2023, 4, 26, 11, 42, 44, 136), 82, 'kernel', 0],
    ]);
  });

  it('ndjson: escaped slashes, an Error record and the count trailer', async () => {
    const { events, report, style } = await parseDeviceLogFile(sample('device/sentinel-ndjson.ndjson'), 'device/sentinel-ndjson.ndjson', CTX);
    expect(style).toBe('ndjson');
    expect(report.messages()).toEqual([]);
    expect(events).toHaveLength(2);
    const [query, sqlite] = events;
    expect(query!.epochMs).toBe(Date.UTC(2021, 1, 5, 19, 43, 22, 859));
    expect(query!.micros).toBe(569);
    expect(query!.severity).toBe('info');
    expect(query!.summary).toContain('via en12/14');
    expect(query!.fields).toMatchObject({ process: 'mDNSResponder', subsystem: 'com.apple.mdns', category: 'resolver', pid: 231 });
    expect(sqlite!.epochMs).toBe(Date.UTC(2021, 1, 5, 20, 22, 17, 349));
    expect(sqlite!.severity).toBe('error');
    expect(sqlite!.fields).toMatchObject({ process: 'taskgated', subsystem: 'com.apple.libsqlite3', messageType: 'Error' });
  });
  it('an excerpt pasted indented (four spaces as published, two spaces, a tab) reads as if it were not', async () => {
    const published = readFileSync(sample('device/indented-default-style.log'), 'utf8');
    const reindented = (indent: string) => published.replace(/^ {4}/gm, indent);
    const dir = writeTree({ 'two.log': reindented('  '), 'tab.log': reindented('\t') });
    for (const [path, rel] of [[sample('device/indented-default-style.log'), 'device/four.log'], [join(dir, 'two.log'), 'device/two.log'], [join(dir, 'tab.log'), 'device/tab.log']] as const) {
      const { events, report, style } = await parseDeviceLogFile(path, rel, CTX);
      expect(style, rel).toBe('default');
      // The shell prompt and `Password:` above the output are not log records.
      expect(report.messages(), rel).toEqual([`${rel}: 2 malformed records skipped, first at ${rel}:1 (not a log record in this style)`]);
      expect(events.map((e) => [e.epochMs, e.severity, e.summary]), rel).toEqual([
        [Date.UTC(2023, 9, 14, 9, 53, 54, 688), 'error', 'ImagePreview: An error occurred!'],
        [Date.UTC(2023, 9, 14, 9, 57, 18, 964), 'error', 'ImagePreview: An error occurred!'],
      ]);
      expect(events[1]!.fields).toMatchObject({ subsystem: 'com.simon', category: 'launch', pid: 4021 });
    }
  });

  it('json style (one pretty-printed array, as admins save it): banner skipped, nested backtrace, each record at its lines', async () => {
    const { events, report, style } = await parseDeviceLogFile(sample('device/json-style.json'), 'device/json-style.json', CTX);
    expect(style).toBe('json');
    expect(report.messages()).toEqual([]);
    expect(events.map((e) => [e.epochMs, e.micros, e.fields.process, e.fields.pid, e.raw])).toEqual([
      [Date.UTC(2023, 1, 23, 9, 44, 2, 761), 747, 'wifid', 50, { file: 'device/json-style.json', line: 2, endLine: 32 }],
      [Date.UTC(2018, 1, 14, 20, 33, 12, 356), 682, 'trustd', 288, { file: 'device/json-style.json', line: 32, endLine: 50 }],
    ]);
    expect(events[0]!.summary).toBe('wifid: EAP: eapState=2');
    expect(events[1]!.fields).toMatchObject({ subsystem: 'com.apple.securityd', category: 'policy', messageType: 'Default' });
  });
});

describe('probe outputs quoted in public tests', () => {
  async function probe(file: string, name: ProbeName) {
    return parseProbeFile(sample(`probes/${file}`), `device/probes/${name}.txt`, name, CTX);
  }

  it('sntp, macOS short form: offset, error bound and server', async () => {
    const { facts, event, report } = await probe('sntp.txt', 'sntp');
    expect(report.messages()).toEqual([]);
    expect(facts.sntp).toEqual({ offsetSeconds: 0.007475, errorSeconds: 0.021068, server: 'time.apple.com' });
    expect(event?.kind).toBe('device.probe.sntp');
    expect(event?.severity).toBe('info');
  });

  it('sntp, upstream long form with date and stratum', async () => {
    const { facts } = await probe('sntp-long-form.txt', 'sntp');
    expect(facts.sntp?.offsetSeconds).toBe(0.006611);
    expect(facts.sntp?.errorSeconds).toBe(0.041061);
  });

  it('profiles status -type enrollment: user-approved MDM, not via ADE', async () => {
    const { facts, report } = await probe('profiles-status.txt', 'profiles-status');
    expect(report.messages()).toEqual([]);
    expect(facts.enrollment).toEqual({ dep: false, mdm: true, userApproved: true, server: 'https://test.example.com/mdm/apple/mdm' });
  });
});

import { describe, expect, it } from 'vitest';
import { EMPTY_CONTEXT, type ParseContext } from '../../../../src/model/context.js';
import { MAX_PROBE_BYTES, PROBE_NAMES, parseProbe, parseProbeFile } from '../../../../src/sources/mac/probes/index.js';
import { writeTree } from '../../../helpers/temp-files.js';
import { COLLECTED_AT_MS, probeFixture } from './fixture.js';

const CTX: ParseContext = {
  ...EMPTY_CONTEXT,
  collectedAtMs: COLLECTED_AT_MS,
  serial: 'C02FX1TLQ6L4',
  user: 'alice@example.com',
};

async function fromBundle(name: (typeof PROBE_NAMES)[number], content: string | Buffer, ctx: ParseContext = CTX) {
  const rel = `device/probes/${name}.txt`;
  const root = writeTree({ [rel]: content });
  return parseProbeFile(`${root}/${rel}`, rel, name, ctx);
}

describe('PROBE_NAMES and parseProbe', () => {
  it('names the bundle probes', () => {
    expect(PROBE_NAMES).toEqual([
      'sntp', 'date-utc', 'profiles-status', 'okta-mtls-cert', 'keychain-info', 'app-sso-platform', 'timeserver',
      'app-sso-extensions', 'scutil-proxy', 'systemextensions', 'sw-vers', 'okta-verify-version',
    ]);
  });

  it('dispatches by name', () => {
    expect(parseProbe('timeserver', 'Network Time Server: time.apple.com', { nowMs: undefined })).toMatchObject({
      facts: { timeServer: { server: 'time.apple.com', adminRequired: false } },
    });
  });
});

describe('parseProbeFile', () => {
  it('places the event at the collection time, off the device clock', async () => {
    const { facts, event, report } = await fromBundle('sntp', probeFixture('sntp', 'ahead-94s'));
    expect(facts).toEqual({ sntp: { offsetSeconds: -94.218342, errorSeconds: 0.05, server: 'time.apple.com' } });
    expect(event).toEqual({
      id: 'device:probe:sntp',
      epochMs: COLLECTED_AT_MS,
      originalTime: '2026-11-20T14:31:34.000Z',
      source: 'device',
      kind: 'device.probe.sntp',
      generic: 'endpoint.probe',
      severity: 'error',
      summary: 'Mac clock 94.218 s ahead of time.apple.com (sntp -94.218342 +/- 0.050000 s)',
      keys: { serial: 'C02FX1TLQ6L4', user: 'alice@example.com' },
      raw: { file: 'device/probes/sntp.txt', line: 1 },
      fields: {
        offsetSeconds: -94.218342,
        errorSeconds: 0.05,
        deviceOffsetMs: 94218,
        server: 'time.apple.com',
        serverAddress: '17.253.6.253',
        probe: 'sntp',
      },
      timeNote: 'probe output has no time of its own; placed at the collection time',
      deviceClock: false,
    });
    expect(report.messages()).toEqual([]);
  });

  it("falls back to the Mac's own time in the output, marked as device clock", async () => {
    const { event } = await fromBundle('app-sso-platform', probeFixture('app-sso-platform', 'registered'), EMPTY_CONTEXT);
    expect(event).toMatchObject({
      epochMs: Date.UTC(2026, 10, 20, 14, 33, 7),
      originalTime: '2026-11-20 14:33:07 +0000',
      deviceClock: true,
      severity: 'info',
    });
    const date = await fromBundle('date-utc', '2026-11-20T14:33:34Z\n', EMPTY_CONTEXT);
    expect(date.event).toMatchObject({ epochMs: Date.UTC(2026, 10, 20, 14, 33, 34), originalTime: '2026-11-20T14:33:34Z', deviceClock: true });
  });

  it('keeps facts but makes no event when there is no time at all', async () => {
    const { facts, event, report } = await fromBundle('keychain-info', probeFixture('keychain-info', 'okta-missing'), EMPTY_CONTEXT);
    expect(facts.keychain?.missing).toBe(true);
    expect(event).toBeUndefined();
    expect(report.notes).toHaveLength(1);
    expect(report.fatal).toBeUndefined();
  });

  it('turns a failed probe into a warning event and a note, with no facts', async () => {
    const { facts, event, report } = await fromBundle('sntp', probeFixture('sntp', 'no-servers'));
    expect(facts).toEqual({});
    expect(event).toMatchObject({
      id: 'device:probe:sntp',
      severity: 'warn',
      summary: 'sntp probe: no sntp result: sntp: no servers can be used, exiting',
      fields: { probe: 'sntp', error: 'no sntp result: sntp: no servers can be used, exiting' },
    });
    expect(report.messages()).toEqual(['device/probes/sntp.txt: no sntp result: sntp: no servers can be used, exiting']);
    expect(report.fatal).toBeUndefined();
  });

  it('reads an empty certificate probe as "no certificate"', async () => {
    const { facts, event } = await fromBundle('okta-mtls-cert', '');
    expect(facts).toEqual({ oktaCertificates: [] });
    expect(event?.severity).toBe('error');
  });

  it('judges certificate expiry at the collection time', async () => {
    const { event } = await fromBundle('okta-mtls-cert', probeFixture('okta-mtls-cert', 'expiring'));
    expect(event?.severity).toBe('warn');
  });

  it('refuses output larger than 1 MiB', async () => {
    const { facts, event, report } = await fromBundle('sntp', Buffer.alloc(MAX_PROBE_BYTES + 1, 0x61));
    expect(facts).toEqual({});
    expect(event).toBeUndefined();
    expect(report.fatal).toBe('device/probes/sntp.txt: probe output larger than 1 MiB; not read');
  });

  it('accepts output of exactly 1 MiB', async () => {
    const line = '+0.007475 +/- 0.021068 time.apple.com 17.253.6.253\n';
    const padded = ' '.repeat(MAX_PROBE_BYTES - line.length - 1) + '\n' + line;
    const { facts, report } = await fromBundle('sntp', padded);
    expect(report.fatal).toBeUndefined();
    expect(facts.sntp?.offsetSeconds).toBe(0.007475);
  });

  it('reports an unreadable file', async () => {
    const { report } = await parseProbeFile('/nonexistent/sntp.txt', 'device/probes/sntp.txt', 'sntp', CTX);
    expect(report.fatal).toBe('device/probes/sntp.txt: cannot read probe output (ENOENT)');
  });
});

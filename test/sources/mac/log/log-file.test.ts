import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMPTY_CONTEXT, type ParseContext } from '../../../../src/model/context.js';
import { parseDeviceLogFile } from '../../../../src/sources/mac/log/log-file.js';
import { SeenRecords } from '../../../../src/sources/mac/log/seen-records.js';
import { readDeviceCapture } from '../../../../src/sources/mac/read-capture.js';
import { writeTree } from '../../../helpers/temp-files.js';

const LA: ParseContext = { ...EMPTY_CONTEXT, deviceTimeZone: 'America/Los_Angeles', collectedAtMs: Date.UTC(2026, 10, 20, 14, 30) };

async function parse(content: string | Buffer, ctx: ParseContext = LA, name = 'device/x.log') {
  const dir = writeTree({ [name]: content });
  return parseDeviceLogFile(join(dir, name), name, ctx);
}

const NDJSON_TRUST =
  '{"timezoneName":"","messageType":"Default","eventType":"logEvent","source":null,"formatString":"Trust evaluate failure:%{public}@","userID":0,"activityIdentifier":0,"subsystem":"com.apple.securityd","category":"SecError","threadID":812345,"processImagePath":"\\/usr\\/libexec\\/trustd","timestamp":"2026-11-20 06:02:01.123456-0800","machTimestamp":5335783484167,"eventMessage":"Trust evaluate failure: [leaf MissingIntermediate]","traceID":3169743378388877828,"processID":412}';

/** The same record with another trace id: a different record. */
const trustRecord = (traceID: string) => NDJSON_TRUST.replace('3169743378388877828', traceID);

describe('ndjson style', () => {
  it('skips the banner and the count trailer, keeps microseconds and survives 64-bit trace ids', async () => {
    const { events, report, style } = await parse(
      ['Filtering the log data using "subsystem == \\"com.apple.securityd\\""', NDJSON_TRUST, '{"count":1,"finished":1}', ''].join('\n'),
      LA,
      'device/trust.ndjson',
    );
    expect(style).toBe('ndjson');
    expect(report.messages()).toEqual([]);
    expect(events).toHaveLength(1);
    const e = events[0]!;
    expect(e.id).toBe('device:device/trust.ndjson:2');
    expect(e.epochMs).toBe(Date.UTC(2026, 10, 20, 14, 2, 1, 123));
    expect(e.micros).toBe(456);
    expect(e.originalTime).toBe('2026-11-20 06:02:01.123456-0800');
    expect(e.kind).toBe('device.trust.failure');
    expect(e.severity).toBe('error');
    expect(e.summary).toBe('trustd: Trust evaluate failure: [leaf MissingIntermediate]');
    expect(e.fields).toMatchObject({ process: 'trustd', subsystem: 'com.apple.securityd', category: 'SecError', pid: 412 });
    expect(e.raw).toEqual({ file: 'device/trust.ndjson', line: 2 });
    expect(e.deviceClock).toBe(true);
  });

  it('counts broken lines and reports the first one, keeping the good ones', async () => {
    const bad = NDJSON_TRUST.replace('2026-11-20 06:02:01', '2026-02-30 06:02:01');
    const { events, report } = await parse([NDJSON_TRUST, '{"timestamp": oops', bad, 'garbage', NDJSON_TRUST.slice(0, 80)].join('\n'));
    expect(events).toHaveLength(1);
    expect(report.skipped).toBe(4);
    expect(report.messages()).toEqual(['device/x.log: 4 malformed records skipped, first at device/x.log:2 (not valid JSON)']);
  });

  it('reads CRLF line endings and a UTF-8 byte-order mark', async () => {
    const { events, report } = await parse(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${NDJSON_TRUST}\r\n${trustRecord('17')}\r\n`)]));
    expect(report.messages()).toEqual([]);
    expect(events.map((e) => e.epochMs)).toEqual([Date.UTC(2026, 10, 20, 14, 2, 1, 123), Date.UTC(2026, 10, 20, 14, 2, 1, 123)]);
  });

  it('skips a line longer than the cap without losing its neighbours', async () => {
    const huge = NDJSON_TRUST.replace('[leaf MissingIntermediate]', 'x'.repeat(5 * 1024 * 1024));
    const { events, report } = await parse([NDJSON_TRUST, huge, trustRecord('17')].join('\n'));
    expect(events.map((e) => e.raw.line)).toEqual([1, 3]);
    expect(report.messages()[0]).toContain('first at device/x.log:2 (line longer than the line cap)');
  });

  it('keeps a 2 MB single line whole', async () => {
    const big = NDJSON_TRUST.replace('[leaf MissingIntermediate]', 'y'.repeat(2 * 1024 * 1024));
    const { events, report } = await parse(big);
    expect(report.messages()).toEqual([]);
    expect(events).toHaveLength(1);
    expect(events[0]!.summary.length).toBeLessThanOrEqual(500);
  });
});

const DEFAULT_HEADER = 'Timestamp                       Thread     Type        Activity             PID    TTL  ';
const FOOTER = [
  '-'.repeat(116),
  'Log      - Default:          3, Info:                0, Debug:             0, Error:          1, Fault:          0',
  'Activity - Create:           0, Transition:          0, Actions:           0',
];

describe('the same record in two reads (same machTimestamp and traceID)', () => {
  it('is shown once across an ndjson and a json capture, and ids that differ only past 2^53 stay apart', async () => {
    const dir = writeTree({
      'device/a.ndjson': [NDJSON_TRUST, trustRecord('99')].join('\n'),
      // The same record pretty-printed, then one whose trace id rounds to the same JavaScript number.
      'device/b.json': [
        '[{',
        ...Object.entries(JSON.parse(NDJSON_TRUST) as Record<string, unknown>).map(([k, v]) => `  "${k}" : ${k === 'traceID' ? '3169743378388877828' : JSON.stringify(v)},`),
        '  "end" : 0',
        '},{',
        ...Object.entries(JSON.parse(NDJSON_TRUST) as Record<string, unknown>).map(([k, v]) => `  "${k}" : ${k === 'traceID' ? '3169743378388877829' : JSON.stringify(v)},`),
        '  "end" : 0',
        '}]',
      ].join('\n'),
    });
    const seen = new SeenRecords();
    const a = await parseDeviceLogFile(join(dir, 'device/a.ndjson'), 'device/a.ndjson', LA, seen);
    const b = await parseDeviceLogFile(join(dir, 'device/b.json'), 'device/b.json', LA, seen);
    expect(a.events).toHaveLength(2);
    expect(a.report.messages()).toEqual([]);
    expect(b.events.map((e) => e.raw.line)).toEqual([19]);
    expect(b.report.messages()).toEqual(['device/b.json: 1 record(s) already read (same machTimestamp and traceID, from an overlapping capture) shown once']);
  });

  it('is shown once when one capture was appended to another in the same file, and in a live capture of two reads', async () => {
    const { events } = await parse([NDJSON_TRUST, '{"count":1,"finished":1}', NDJSON_TRUST, trustRecord('5'), '{"count":2,"finished":1}'].join('\n'));
    expect(events.map((e) => e.raw.line)).toEqual([1, 4]);
    const live = await readDeviceCapture({ logs: [{ rel: 'device/log-trust.ndjson', text: NDJSON_TRUST }, { rel: 'device/log-sso.ndjson', text: `${NDJSON_TRUST}\n` }], probes: [] }, LA);
    expect(live.events).toHaveLength(1);
  });
});

describe('json style (`log show --style json`: one array)', () => {
  const record = (time: string, message: string) =>
    ['{', `  "timestamp" : "${time}",`, '  "processImagePath" : "\\/usr\\/libexec\\/trustd",', '  "backtrace" : { "frames" : [ { "imageOffset" : 1 } ] },', `  "eventMessage" : "${message}",`, '  "traceID" : 3169743378388877828,', '  "processID" : 412', '}'];
  const array = (...records: string[][]) => ['[', ...records.map((r, i) => (i < records.length - 1 ? [...r.slice(0, -1), '},'] : r)).flat(), ']'];

  it('streams the records of an array and of a second array appended after it', async () => {
    const first = array(record('2026-11-20 06:02:01.123456-0800', 'Trust evaluate failure: [leaf MissingIntermediate]'), record('2026-11-20 06:02:02.000000-0800', 'two'));
    const second = array(record('2026-11-20 06:03:00.000000-0800', 'three'));
    const { events, report, style } = await parse(['Filtering the log data using "process == \\"trustd\\""', ...first, ...second, ''].join('\n'), LA, 'device/trust.json');
    expect(style).toBe('json');
    expect(report.messages()).toEqual([]);
    expect(events.map((e) => [e.summary, e.raw.line, e.raw.endLine])).toEqual([
      ['trustd: Trust evaluate failure: [leaf MissingIntermediate]', 3, 10],
      ['trustd: two', 11, 18],
      ['trustd: three', 21, 28],
    ]);
    expect(events[0]!.kind).toBe('device.trust.failure');
    expect(events[0]!.epochMs).toBe(Date.UTC(2026, 10, 20, 14, 2, 1, 123));
  });

  it('keeps the records before a break and says where the JSON broke or ended early', async () => {
    const good = array(record('2026-11-20 06:02:01.123456-0800', 'one'), record('2026-11-20 06:02:02.000000-0800', 'two'));
    const broken = await parse([...good.slice(0, 12), '  "eventMessage" : oops', ...good.slice(12)].join('\n'));
    expect(broken.events.map((e) => e.summary)).toEqual(['trustd: one']);
    expect(broken.report.fatal).toMatch(/^device\/x\.log: not valid JSON at line 13 .*; reading stopped, 1 record\(s\) of that array kept$/);
    const cut = await parse(good.slice(0, 12).join('\n'));
    expect(cut.events).toHaveLength(1);
    expect(cut.report.fatal).toBe('device/x.log: the JSON array ends early, after 1 record(s)');
  });

  it('counts elements that are not records and records without a timestamp, and stops at an oversized record', async () => {
    const odd = await parse(['[', '  42,', '  { "eventMessage" : "no time" },', ...record('2026-11-20 06:02:01.123456-0800', 'ok'), ']'].join('\n'));
    expect(odd.events.map((e) => e.summary)).toEqual(['trustd: ok']);
    expect(odd.report.messages()).toEqual(['device/x.log: 2 malformed records skipped, first at device/x.log:2 (array element is not a JSON object)']);
    const huge = await parse(['[{', ...Array.from({ length: 20_000 }, (_, i) => `  "k${i}" : "${'x'.repeat(60)}",`), '  "n" : 1', '}]'].join('\n'));
    expect(huge.events).toHaveLength(0);
    expect(huge.report.fatal).toMatch(/the record starting at line 1 is longer than 1 MiB; reading stopped/);
  });
});

describe('default style', () => {
  it('parses columns, sender and subsystem, multi-line messages, and skips header and footer', async () => {
    const { events, report, style } = await parse(
      [
        DEFAULT_HEADER,
        '2026-11-20 06:02:01.123456-0800 0x1a2f3    Default     0x0                  412    0    trustd: (Security) [com.apple.securityd:SecError] Trust evaluate failure: [leaf MissingIntermediate]',
        '2026-11-20 06:02:02.004117-0800 0x2b0c1    Error       0x0                  1022   0    AppSSOAgent: (AppSSOCore) [com.apple.AppSSO:SOAuthorizationCore] Error Domain=com.apple.AuthenticationServices.AuthorizationError Code=-1000',
        '    UserInfo={NSLocalizedDescription=The operation could not be completed.}',
        '',
        '2026-11-20 06:02:03.551200-0800 0x2b0c9    Default     0x0                  1022   0    Google Chrome Helper: [com.apple.network:boringssl] Task <1> HTTP load failed, 0/0 bytes (error code: -1202 [3:-9807])',
        ...FOOTER,
      ].join('\n'),
    );
    expect(style).toBe('default');
    expect(report.messages()).toEqual([]);
    expect(events.map((e) => e.kind)).toEqual(['device.trust.failure', 'device.sso.error', 'device.tls.error']);
    expect(events[1]!.summary).toBe(
      'AppSSOAgent: Error Domain=com.apple.AuthenticationServices.AuthorizationError Code=-1000 ⏎     UserInfo={NSLocalizedDescription=The operation could not be completed.}',
    );
    expect(events[1]!.raw).toEqual({ file: 'device/x.log', line: 3, endLine: 4 });
    expect(events[2]!.fields).toMatchObject({ process: 'Google Chrome Helper', subsystem: 'com.apple.network', category: 'boringssl', tlsCodes: '-1202 -9807' });
  });

  it('honours each line’s own offset across a DST change: 01:45-0700 and 01:45-0800 are an hour apart', async () => {
    const line = (ts: string) => `${ts} 0x1a2f3    Default     0x0                  412    0    timed: tick`;
    const { events } = await parse([DEFAULT_HEADER, line('2026-11-01 01:45:00.000000-0700'), line('2026-11-01 01:45:00.000000-0800')].join('\n'));
    expect(events.map((e) => e.epochMs)).toEqual([Date.UTC(2026, 10, 1, 8, 45), Date.UTC(2026, 10, 1, 9, 45)]);
  });

  it('counts a record whose date does not exist and swallows its continuation lines', async () => {
    const { events, report } = await parse(
      [
        DEFAULT_HEADER,
        '2026-02-30 06:02:01.123456-0800 0x1    Default     0x0     1    0    kernel: bad date',
        '    continuation of the bad record',
        '2026-11-20 06:02:01.123456-0800 0x1    Default     0x0     1    0    kernel: good',
      ].join('\n'),
    );
    expect(events.map((e) => e.summary)).toEqual(['kernel: good']);
    expect(report.messages()).toEqual(['device/x.log: 1 malformed record skipped, first at device/x.log:2 (timestamp is not a real date or time)']);
  });

  it('survives NUL bytes and a truncated last line', async () => {
    const { events, report } = await parse(
      [
        DEFAULT_HEADER,
        '2026-11-20 06:02:01.123456-0800 0x1    Default     0x0     1    0    kernel: has \u0000 a NUL',
        '\u0000\u0000\u0000\u0000',
        '2026-11-20 06:02:02.1',
      ].join('\n'),
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toContain('\u0000');
    expect(events[0]!.raw).toEqual({ file: 'device/x.log', line: 2, endLine: 3 });
    expect(report.skipped).toBe(1);
  });
});

describe('compact style (no offset: placed with the device zone)', () => {
  const HEADER = 'Timestamp               Ty Process[PID:TID]';

  it('reads local time in the device zone and keeps the type', async () => {
    const { events, style } = await parse(
      [HEADER, '2026-11-20 06:02:01.207 E  Okta Verify[2210:5a8b53a] [com.okta.mobile.auth-service-extension:SSOExtension] Authorization request failed: device not registered'].join('\n'),
    );
    expect(style).toBe('compact');
    expect(events[0]!.epochMs).toBe(Date.UTC(2026, 10, 20, 14, 2, 1, 207));
    expect(events[0]!.micros).toBeUndefined();
    expect(events[0]!.fields).toMatchObject({ process: 'Okta Verify', messageType: 'Error', subsystem: 'com.okta.mobile.auth-service-extension' });
    expect(events[0]!.kind).toBe('device.sso.error');
    expect(events[0]!.timeNote).toContain('America/Los_Angeles');
  });

  it('resolves the repeated hour after the DST fall-back from line order', async () => {
    const line = (t: string) => `2026-11-01 ${t} Df timed[381:2788754] [com.apple.timed:text] tick`;
    const { events } = await parse([HEADER, line('01:30:00.000'), line('01:59:00.000'), line('01:10:00.000'), line('01:40:00.000'), line('02:05:00.000')].join('\n'));
    expect(events.map((e) => new Date(e.epochMs).toISOString())).toEqual([
      '2026-11-01T08:30:00.000Z',
      '2026-11-01T08:59:00.000Z',
      '2026-11-01T09:10:00.000Z',
      '2026-11-01T09:40:00.000Z',
      '2026-11-01T10:05:00.000Z',
    ]);
    expect(events[2]!.timeNote).toContain('second occurrence');
  });

  it('keeps a time in the spring-forward gap, reads it with the earlier offset and reports it', async () => {
    const { events, report } = await parse([HEADER, '2026-03-08 02:30:00.000 Df timed[381:1] [com.apple.timed:text] tick'].join('\n'));
    expect(new Date(events[0]!.epochMs).toISOString()).toBe('2026-03-08T10:30:00.000Z');
    expect(report.messages()).toEqual([
      'device/x.log: 1 timestamp(s) fall in a DST gap, first at device/x.log:2; read with the offset before the change',
    ]);
  });

  it('says so when no device zone is known and reads UTC', async () => {
    const { events, report } = await parse([HEADER, '2026-11-20 06:02:01.207 Df timed[1:1] tick'].join('\n'), EMPTY_CONTEXT);
    expect(events[0]!.epochMs).toBe(Date.UTC(2026, 10, 20, 6, 2, 1, 207));
    expect(report.messages()[0]).toContain('meta.json gives no deviceTimeZone');
  });
});

describe('syslog style', () => {
  it('parses host, process with pid, sender and subsystem, and continuation lines', async () => {
    const { events, style } = await parse(
      [
        'Timestamp                       (process)[PID]    ',
        '2026-11-20 06:02:05.453918-0800  localhost mdmclient[2611]: [com.apple.ManagedClient:MDMDaemon] [ERROR] Profile installation failed. HTTP 404 from https://example.okta.com/device-trust',
        '    <dict>',
        '2023-09-27 22:55:39.622369+0200  localhost legacyScreenSaver[41737]: (ScreenSaverExample) hello',
      ].join('\n'),
    );
    expect(style).toBe('syslog');
    expect(events[0]!.kind).toBe('device.mdm.error');
    expect(events[0]!.fields).toMatchObject({ process: 'mdmclient', pid: 2611, subsystem: 'com.apple.ManagedClient', httpStatus: 404 });
    expect(events[0]!.raw.endLine).toBe(3);
    expect(events[1]!.epochMs).toBe(Date.UTC(2023, 8, 27, 20, 55, 39, 622));
    expect(events[1]!.micros).toBe(369);
  });

  it('reads install.log lines with a two-digit offset', async () => {
    const { events } = await parse('2024-04-16 18:27:14-07 MacBook-Pro installd[547]: Installed "Setup macOS Recovery Dependencies" ()\n');
    expect(events[0]!.epochMs).toBe(Date.UTC(2024, 3, 17, 1, 27, 14));
    expect(events[0]!.fields.process).toBe('installd');
  });
});

describe('BSD syslog (no year, no zone)', () => {
  it('takes year and zone from the collection, rolling back a year across New Year', async () => {
    const ctx: ParseContext = { ...EMPTY_CONTEXT, deviceTimeZone: 'Europe/Berlin', collectedAtMs: Date.UTC(2026, 0, 1, 0, 30) };
    const { events, style, report } = await parse(
      ['Dec 31 23:59:58 alice-mbp syslogd[54]: ASL Sender Statistics', 'Jan  1 01:00:03 alice-mbp kernel[0]: tick', 'Jan  1 01:20:00 alice-mbp secd[1] <Error> [user{} ]: oops'].join('\n'),
      ctx,
    );
    expect(style).toBe('bsd');
    expect(events.map((e) => new Date(e.epochMs).toISOString())).toEqual([
      '2025-12-31T22:59:58.000Z',
      '2026-01-01T00:00:03.000Z',
      '2026-01-01T00:20:00.000Z',
    ]);
    expect(events[0]!.timeNote).toContain('2025');
    // The year is trustline's choice, not the line's: the reading notes say which.
    expect(report.notes).toEqual(["device/x.log: BSD syslog lines carry no year: read as the collection's year 2026 (2 in 2026, 1 in 2025); a date after the collection is read as the year before"]);
    expect(events[2]!.fields).toMatchObject({ process: 'secd', pid: 1, messageType: 'Error' });
    expect(events[2]!.severity).toBe('error');
  });

  it('rejects Feb 30 and accepts the last-message-repeated marker as a record', async () => {
    const { events, report } = await parse(['Feb 30 10:00:00 host kernel[0]: nope', 'Nov 20 05:00:00 host kernel[0]: x', 'Nov 20 05:00:00 --- last message repeated 3 times ---'].join('\n'));
    expect(events.map((e) => e.summary)).toEqual(['kernel: x', '--- last message repeated 3 times ---']);
    expect(report.skipped).toBe(1);
  });
});

describe('style detection', () => {
  it('fails a file in no known style with one clear line', async () => {
    const { events, report } = await parse('hello world\nthis is not a log\n');
    expect(events).toEqual([]);
    expect(report.fatal).toBe('device/x.log: no known log style (expected log show ndjson, json, default, compact or syslog style, or BSD syslog)');
  });

  it('notes an empty file without failing', async () => {
    const { report } = await parse('');
    expect(report.fatal).toBeUndefined();
    expect(report.notes).toEqual(['device/x.log: empty log file']);
  });
});

describe('classification details', () => {
  it('reads trust results written by name and the certificate-validity TLS codes', async () => {
    const { events } = await parse(
      [
        'Timestamp                       (process)[PID]    ',
        '2026-11-20 06:02:05.000000-0800  localhost trustd[412]: trust result: kSecTrustResultRecoverableTrustFailure',
        '2026-11-20 06:02:06.000000-0800  localhost trustd[412]: trust result: kSecTrustResultProceed',
        '2026-11-20 06:02:07.000000-0800  localhost nsurlsessiond[99]: Connection 3: TLS failed (-9814) certificate expired',
      ].join('\n'),
    );
    expect(events.map((e) => e.kind)).toEqual(['device.trust.failure', 'device.log', 'device.tls.error']);
    expect(events[0]!.fields.trustResultName).toBe('RecoverableTrustFailure');
    expect(events[2]!.fields.tlsCodes).toBe('-9814');
  });

  it('reads jamf.log lines, which start with a weekday', async () => {
    const ctx: ParseContext = { ...EMPTY_CONTEXT, deviceTimeZone: 'America/Los_Angeles', collectedAtMs: Date.UTC(2026, 10, 20, 14, 30) };
    const { events, style } = await parse('Fri Nov 20 06:02:11 alice-mbp jamf[812]: Checking for policies triggered by "recurring check-in"...\n', ctx);
    expect(style).toBe('bsd');
    expect(events[0]!.epochMs).toBe(Date.UTC(2026, 10, 20, 14, 2, 11));
    expect(events[0]!.fields.process).toBe('jamf');
  });
});

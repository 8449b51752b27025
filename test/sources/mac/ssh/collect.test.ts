import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParseContext } from '../../../../src/model/context.js';
import { assembleAnalysis } from '../../../../src/sources/assemble.js';
import { analyzeBundle } from '../../../../src/sources/bundle/analyze-bundle.js';
import { readDeviceCapture } from '../../../../src/sources/mac/read-capture.js';
import { PROBE_NAMES, parseProbe } from '../../../../src/sources/mac/probes/index.js';
import { collectDevice, evidenceOf, type DeviceCapture } from '../../../../src/sources/mac/ssh/collect.js';
import { COMMAND_NAMES, LOG_NAMES, remoteCommand } from '../../../../src/sources/mac/ssh/commands.js';
import { openRecordedTransport } from '../../../../src/sources/mac/ssh/recorded-transport.js';
import type { ProbeTransport } from '../../../../src/sources/mac/ssh/transport.js';
import { useFakeMac, type FakeMac } from '../../../helpers/sshd.js';
import { writeTree } from '../../../helpers/temp-files.js';
import { jamfAdapter } from '../../../../src/sources/jamf/adapter.js';
import { macAdapter } from '../../../../src/sources/mac/adapter.js';
import { oktaAdapter } from '../../../../src/sources/okta/adapter.js';

const FULL_META = JSON.parse(readFileSync(fileURLToPath(new URL('../../../fixtures/bundles/full/meta.json', import.meta.url)), 'utf8')) as {
  serial: string;
  hostname: string;
  user: string;
  deviceTimeZone: string;
};

const suite = useFakeMac();
let mac: FakeMac;
beforeAll(() => {
  mac = suite.mac();
});

function overSsh(host?: string): Promise<ProbeTransport> {
  return suite.connect(host === undefined ? {} : { host });
}

/** A clock that advances 250 ms at every reading, from the incident's collection time. */
function steppingClock(): { nowMs: () => number; start: number; readings: () => number } {
  const start = Date.UTC(2026, 10, 20, 14, 31, 33);
  let n = 0;
  return { nowMs: () => start + ++n * 250, start, readings: () => n };
}

/** The capture as a bundle: its files where their rel says, plus meta.json. */
function bundleOf(capture: DeviceCapture): string {
  const files: Record<string, string> = {
    'meta.json': JSON.stringify({ ...FULL_META, collectedAt: new Date(capture.collectedAtMs).toISOString() }),
  };
  for (const file of [...capture.logs, ...capture.probes]) files[file.rel] = file.text;
  return writeTree(files);
}

// Seventeen commands over one connection: allow for a loaded machine.
describe('collectDevice over a real sshd', { timeout: 60_000 }, () => {
  it('collects every log read and probe for the window, byte-identical, placed as a bundle keeps them', async () => {
    const clock = steppingClock();
    const seen = mac.commandsSeen().length;
    const capture = await collectDevice(await overSsh(), { since: '2h', nowMs: clock.nowMs });
    expect(capture.notes).toEqual([]);
    expect(capture.logs).toEqual(LOG_NAMES.map((name) => ({ rel: `device/${name}.ndjson`, text: mac.recorded[name] })));
    expect([...capture.probes].sort((a, b) => a.rel.localeCompare(b.rel))).toEqual(
      COMMAND_NAMES.filter((n) => !n.startsWith('log-'))
        .map((name) => ({ name, rel: `device/probes/${name}.txt`, text: mac.recorded[name] }))
        .sort((a, b) => a.rel.localeCompare(b.rel)),
    );
    // date -u ran second: sent at reading 3, answered at reading 4; the midpoint is the collection time.
    expect(capture.collectedAtMs).toBe(clock.start + 875);
    const logLines = mac.commandsSeen().slice(seen).filter((line) => line.startsWith('/usr/bin/log '));
    expect(logLines).toHaveLength(LOG_NAMES.length);
    for (const line of logLines) expect(line).toContain(' --last 2h ');
  });

  it('gives the same device timeline as the same outputs read from a bundle', async () => {
    const capture = await collectDevice(await overSsh(), { since: '1h', nowMs: steppingClock().nowMs });
    const fromBundle = await analyzeBundle(bundleOf(capture));

    const ctx: ParseContext = { ...FULL_META, collectedAtMs: capture.collectedAtMs };
    const device = await readDeviceCapture(capture, ctx);
    const live = assembleAnalysis(
      ctx,
      [
        { adapter: jamfAdapter, read: { name: 'jamf', present: false, events: [], reports: [], state: undefined, coverage: [] } },
        { adapter: oktaAdapter, read: { name: 'okta', present: false, events: [], reports: [], state: undefined, coverage: [] } },
        { adapter: macAdapter, read: device },
      ],
      [],
    );
    expect(fromBundle.timeline.length).toBeGreaterThanOrEqual(4 + 7);
    expect(live.timeline).toEqual(fromBundle.timeline);
    expect(live.clock).toEqual(fromBundle.clock);
    expect(live.clock.basis).toBe('sntp');
    expect(live.state.probes).toEqual(fromBundle.state.probes);
    expect(live.notes).toEqual(fromBundle.notes);
  });

  it('keeps what succeeded when the account is not an admin: one note per log read', async () => {
    mac.setMode('not-admin');
    const capture = await collectDevice(await overSsh(), { since: '2h' });
    expect(capture.logs).toEqual([]);
    expect(capture.probes).toHaveLength(PROBE_NAMES.length);
    expect(capture.notes).toEqual(
      LOG_NAMES.map(
        (name) => `device: ${name}: the SSH account is not in the Mac's admin group ("Could not open local log store"): log show needs an admin account`,
      ),
    );
  });

  it('notes a command missing on the Mac and carries on', async () => {
    mac.setMode('no-app-sso');
    const capture = await collectDevice(await overSsh(), { since: '2h' });
    expect(capture.notes).toEqual(
      ['app-sso-platform', 'app-sso-extensions'].map((name) => `device: ${name}: command missing: /usr/bin/app-sso is not on the Mac (exit 127); this macOS version may not have it`),
    );
    // The answer is kept: the parser reads it as "not on this Mac", not as a parse error.
    const appSso = capture.probes.find((p) => p.name === 'app-sso-platform');
    expect(appSso?.text).toMatch(/command not found/);
    expect(parseProbe('app-sso-platform', appSso?.text ?? '', { nowMs: undefined })).toMatchObject({ fields: { available: false } });
    expect(capture.logs).toHaveLength(LOG_NAMES.length);
  });

  it('notes an unreachable Mac once per command, quickly, and dates the capture at its end', async () => {
    const clock = steppingClock();
    const port = await mac.closedPort();
    const started = Date.now();
    const capture = await collectDevice(await overSsh(`${mac.user}@127.0.0.1:${port}`), { since: '2h', nowMs: clock.nowMs });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(capture.logs).toEqual([]);
    expect(capture.probes).toEqual([]);
    expect(capture.notes).toHaveLength(COMMAND_NAMES.length);
    expect(capture.notes[1]).toBe(
      `device: date-utc: cannot reach ${mac.user}@127.0.0.1:${port}: connection refused (is Remote Login on, and the host and port right?)`,
    );
    expect(capture.collectedAtMs).toBe(clock.start + clock.readings() * 250);
  });

  it('refuses a bad window before running anything', async () => {
    const seen = mac.commandsSeen().length;
    await expect(collectDevice(await overSsh(), { since: '2h; id' })).rejects.toMatchObject({ kind: 'invalid-option' });
    expect(mac.commandsSeen().length).toBe(seen);
  });

  it('stops at once when cancelled', async () => {
    const t = await overSsh();
    await t.run(remoteCommand('date-utc'));
    mac.setMode('slow');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    await expect(collectDevice(t, { since: '2h', signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('the recorded transport', () => {
  it('answers from a bundle device folder as the Mac did, and notes what was not recorded', { timeout: 60_000 }, async () => {
    const live = await collectDevice(await overSsh(), { since: '2h' });
    const dir = bundleOf({ ...live, probes: live.probes.filter((p) => p.name !== 'sntp') });
    const clock = steppingClock();
    const replay = await collectDevice(openRecordedTransport(join(dir, 'device'), { nowMs: clock.nowMs }), { since: '2h', nowMs: clock.nowMs });
    expect(replay.logs).toEqual(live.logs);
    expect(replay.probes).toEqual(live.probes.filter((p) => p.name !== 'sntp'));
    expect(replay.notes).toEqual(['device: sntp: no recorded output (device/probes/sntp.txt)']);
  });

  it('refuses look-alike commands and runs nothing after close', async () => {
    const t = openRecordedTransport('/nonexistent');
    await expect(t.run({ ...remoteCommand('sntp') })).rejects.toMatchObject({ kind: 'invalid-option' });
    await t.close();
    await expect(t.run(remoteCommand('sntp'))).rejects.toMatchObject({ kind: 'closed' });
  });
});

describe('what an answer leaves as evidence', () => {
  const answer = (stdout: string, stderr: string, exitCode: number | null, truncated = false) => ({ stdout, stderr, exitCode, truncated, startedAtMs: 0, endedAtMs: 1 });

  it('keeps a clean answer, a cut one, and a failure that still printed what the parsers read', () => {
    expect(evidenceOf(remoteCommand('date-utc'), answer('2026-11-20T14:31:34Z\n', '', 0))).toEqual({ text: '2026-11-20T14:31:34Z\n', failure: undefined });
    const cut = evidenceOf(remoteCommand('log-sso'), answer('{"a":1}\n{"b"', '', null, true));
    expect(cut.text).toBe('{"a":1}\n{"b"');
    // Issue 17, item 15: no advice to raise a cap no option raises; a probe has no window to narrow.
    expect(cut.failure?.message).toBe('output cut at 12 bytes (the cap for this command): what arrived is kept; narrow the window with --since');
    expect(evidenceOf(remoteCommand('sw-vers'), answer('ProductName: macOS\n', '', null, true)).failure?.message).toBe(
      'output cut at 19 bytes (the cap for this command); what arrived is kept',
    );
    const sntp = evidenceOf(remoteCommand('sntp'), answer('sntp 4.2.8p15@1.3728-o\n', 'sntp: no servers can be used, exiting\n', 1));
    expect(sntp.text).toBe('sntp 4.2.8p15@1.3728-o\nsntp: no servers can be used, exiting\n');
    expect(sntp.failure?.message).toBe('exit 1: sntp: no servers can be used, exiting');
    const keychain = 'security: SecKeychainCopySettings okta.keychain: The specified keychain could not be found.\n';
    expect(evidenceOf(remoteCommand('keychain-info'), answer('', keychain, 50)).text).toBe(keychain);
  });

  it("keeps a probe's answer when its program is missing (older macOS), so its parser says so; a log read keeps nothing", () => {
    const missing = evidenceOf(remoteCommand('systemextensions'), answer('', 'zsh:1: no such file or directory: /usr/bin/systemextensionsctl\n', 127));
    expect(missing.failure?.kind).toBe('command-missing');
    expect(missing.text).toBe('zsh:1: no such file or directory: /usr/bin/systemextensionsctl\n');
    expect(parseProbe('systemextensions', missing.text ?? '', { nowMs: undefined })).toMatchObject({ fields: { available: false } });
    expect(evidenceOf(remoteCommand('log-push'), answer('', 'zsh:1: command not found: /usr/bin/log\n', 127)).text).toBeUndefined();
  });

  it('drops what is only an error message', () => {
    const notAdmin = evidenceOf(remoteCommand('log-trust'), answer('', 'log: Could not open local log store: Operation not permitted\n', 64));
    expect(notAdmin).toMatchObject({ text: undefined, failure: { kind: 'not-admin' } });
    expect(evidenceOf(remoteCommand('log-mdm'), answer('', 'log: invalid predicate\n', 64))).toMatchObject({ text: undefined, failure: { message: 'exit 64: log: invalid predicate' } });
    const sanitised = evidenceOf(remoteCommand('profiles-status'), answer('', 'bad \u001b[31mred\n', 2));
    expect(sanitised.failure?.message).toBe('exit 2: bad ^[[31mred');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fleetScenario } from '../helpers/fleet-scenario.js';
import { JAMF_CLIENT, OKTA_TOKEN, startEmulators, type Emulators } from '../helpers/live-emulators.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-files.js';

function envOf(emu: Emulators): NodeJS.ProcessEnv {
  return {
    TRUSTLINE_OKTA_URL: emu.okta.url,
    TRUSTLINE_OKTA_TOKEN: OKTA_TOKEN,
    TRUSTLINE_JAMF_URL: emu.jamf.url,
    TRUSTLINE_JAMF_CLIENT_ID: JAMF_CLIENT.clientId,
    TRUSTLINE_JAMF_CLIENT_SECRET: JAMF_CLIENT.clientSecret,
  };
}

describe('live commands find the Mac from any key', { timeout: 60_000 }, () => {
  it('several Macs: the candidates one a line on stdout, exit 2, "several Macs match; give --serial"', async () => {
    const emu = await startEmulators(fleetScenario());
    const result = await runCliAsync(['analyze', '--user', 'carol@example.com', '--json'], envOf(emu));
    expect(result.status).toBe(2);
    const lines = result.stdout.trim().split('\n');
    expect(lines).toHaveLength(12);
    expect(lines[0]).toMatch(/^C02LAB11Q6L4 {2}carol-mac-11 {2}MacBook Pro \(14-inch, 2023\) {2}macOS 15\.6\.1 {2}last seen: Jamf Pro 2026-11-19 10:00Z, Okta 2026-11-19 10:00Z {2}Jamf Pro managed, Okta managed$/);
    expect(result.stderr).toBe('trustline: several Macs match; give --serial (12 for --user carol@example.com)\n');
  });

  it('a wrong serial is its own outcome: what each system answered and the likely typo, exit 1', async () => {
    const emu = await startEmulators(fleetScenario());
    const result = await runCliAsync(['collect', '--serial', 'C02FX1TLQ6LO', '--out', join(tempDir(), 'b')], envOf(emu));
    expect(result.status).toBe(1);
    expect(result.stderr).toBe(
      'trustline: no Mac matches --serial C02FX1TLQ6LO: Jamf Pro: no computer with serial C02FX1TLQ6LO; Okta: no device record with serial C02FX1TLQ6LO; ' +
        'Apple serials have no letter O or I: try --serial C02FX1TLQ6L0\n',
    );
    expect(result.stdout).toBe('');
  });

  it('a Mac unknown to Okta: analysed, the missing record on the timeline, the SSH target suggested, never connected', async () => {
    const emu = await startEmulators(fleetScenario());
    const window = ['--since', '6h', '--until', emu.scenario.meta.collectedAt];
    const result = await runCliAsync(['analyze', '--hostname', 'dave-mbp.local', ...window, '--json'], envOf(emu));
    expect(result.status).toBe(0);
    const analysis = JSON.parse(result.stdout) as { device: { serial: string }; timeline: { kind: string; summary: string }[] };
    expect(analysis.device.serial).toBe('C02DAVE01Q6L');
    expect(analysis.timeline.find((e) => e.kind === 'okta.device.not-found')?.summary).toBe('Okta has no device record for this Mac (serial C02DAVE01Q6L)');
    expect(result.stderr).toContain('trustline: resolution: Okta (by display name dave-mbp, serial C02DAVE01Q6L): no device named dave-mbp; no device record with serial C02DAVE01Q6L\n');
    expect(result.stderr).toContain("trustline: no --host given: to read the Mac's logs, try --host dave-mbp or --host 10.20.5.13 (Jamf Pro's last IP)\n");
  });

  it('collect records the resolution in meta.json and the replay shows it', async () => {
    const emu = await startEmulators(fleetScenario());
    const out = join(tempDir(), 'incident');
    const window = ['--since', '6h', '--until', emu.scenario.meta.collectedAt];
    const collected = await runCliAsync(['collect', '--user', 'bob@example.com', ...window, '--out', out], envOf(emu));
    expect(collected.status).toBe(0);
    const meta = JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as { serial: string; resolution: { given: unknown; answers: { system: string }[]; disagreements: string[] } };
    expect(meta.serial).toBe('C02FRNK01Q6L');
    expect(meta.resolution.given).toEqual({ user: 'bob@example.com' });
    expect(meta.resolution.answers.map((a) => a.system)).toEqual(['Jamf Pro', 'Okta']);
    expect(meta.resolution.disagreements).toHaveLength(1);
    const replay = await runCliAsync(['analyze', '--bundle', out, '--json']);
    expect(replay.status).toBe(0);
    expect(replay.stderr).toContain('trustline: resolution: given user bob@example.com; one Mac\n');
    expect(replay.stderr).toContain('trustline: resolution: the systems disagree on the user: Okta says bob@example.com; Jamf Pro says frank@example.com; the System Log is read for all of them\n');
  });

  it('bad keys are one-line usage errors before anything is asked', async () => {
    const cases: [string[], string][] = [
      [['analyze', '--jamf-id', '12a'], "trustline: --jamf-id 12a: expected the computer's Jamf id, a number such as 412\n"],
      [['analyze', '--okta-device-id', 'guo"x'], 'trustline: --okta-device-id guo"x: expected an Okta device id such as guo7tlMbpAlice26x7d8\n'],
      [['collect', '--out', '/tmp/x'], 'trustline: which Mac? give --serial, --user, --hostname, --jamf-id or --okta-device-id\n'],
      [['analyze', '--bundle', 'x', '--hostname', 'alice-mbp'], "trustline: option '--bundle <dir>' cannot be used with option '--hostname <name>'\n"],
    ];
    for (const [args, stderr] of cases) {
      const result = await runCliAsync(args);
      expect(result.stderr).toBe(stderr);
      expect(result.status).toBe(2);
    }
  });
});

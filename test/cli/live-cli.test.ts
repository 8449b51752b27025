import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JAMF_CLIENT, OKTA_TOKEN, startEmulators } from '../helpers/live-emulators.js';
import { runCliAsync, type CliResult } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-files.js';

function expectNoSecret(result: CliResult, ...secrets: string[]): void {
  for (const secret of secrets) {
    expect(result.stdout).not.toContain(secret);
    expect(result.stderr).not.toContain(secret);
  }
}

describe('live commands through the CLI', () => {
  it('analyze --serial fetches live with credentials from the environment and prints the JSON contract', async () => {
    const emu = await startEmulators();
    const env = {
      TRUSTLINE_OKTA_URL: emu.okta.url,
      TRUSTLINE_OKTA_TOKEN: OKTA_TOKEN,
      TRUSTLINE_JAMF_URL: emu.jamf.url,
      TRUSTLINE_JAMF_CLIENT_ID: JAMF_CLIENT.clientId,
      TRUSTLINE_JAMF_CLIENT_SECRET: JAMF_CLIENT.clientSecret,
    };
    const window = ['--since', '6h', '--until', emu.scenario.meta.collectedAt];
    const result = await runCliAsync(['analyze', '--serial', emu.scenario.meta.serial, '--user', emu.scenario.meta.user, ...window, '--json'], env);
    expect(result.status).toBe(0);
    const analysis = JSON.parse(result.stdout) as { sources: { name: string; status: string }[]; hypotheses: { id: string }[] };
    expect(analysis.sources.map((s) => `${s.name}:${s.status}`)).toEqual(['jamf:ok', 'okta:ok', 'device:missing']);
    expect(analysis.hypotheses[0]?.id).toBe('okta-policy-regression');
    expectNoSecret(result, OKTA_TOKEN, JAMF_CLIENT.clientSecret);

    // collect writes the same evidence as a bundle; analyze --bundle reads it back to the same JSON.
    const out = join(tempDir(), 'incident-4711');
    const collected = await runCliAsync(['collect', '--serial', emu.scenario.meta.serial, '--user', emu.scenario.meta.user, ...window, '--out', out], env);
    expect(collected.status).toBe(0);
    expect(collected.stderr).toMatch(/wrote .*incident-4711: \d+ files; jamf ok \(\d+ events\), okta ok \(\d+ events\), device missing/);
    expectNoSecret(collected, OKTA_TOKEN, JAMF_CLIENT.clientSecret);
    const replay = await runCliAsync(['analyze', '--bundle', out, '--json']);
    expect(replay.stdout).toBe(result.stdout);
    const again = await runCliAsync(['collect', '--serial', emu.scenario.meta.serial, '--out', out], env);
    expect(again.status).toBe(2);
    expect(again.stderr).toBe(`trustline: --out ${out} already exists; choose a new directory\n`);
  }, 30_000);

  it('never prints a canary secret, even when the server refuses it', async () => {
    const emu = await startEmulators();
    const canary = '00CANARY-okta-token-5f0c1d2e3a4b';
    const result = await runCliAsync(['analyze', '--serial', emu.scenario.meta.serial, '--json'], {
      TRUSTLINE_OKTA_URL: emu.okta.url,
      TRUSTLINE_OKTA_TOKEN: canary,
      TRUSTLINE_JAMF_URL: emu.jamf.url,
      TRUSTLINE_JAMF_USER: 'svc',
      TRUSTLINE_JAMF_PASSWORD: 'CANARY-jamf-password-9a8b',
    });
    expect(result.status).toBe(0);
    expect(result.stderr.split('\n')[0]).toMatch(/^trustline: Every source failed \(jamf: .*Jamf refused the credentials.*; okta: .*Okta refused the credentials.*\): there is no evidence/);
    expect(result.stdout).toContain('Okta refused the credentials (E0000011 Invalid token provided)');
    expect(result.stdout).toContain('Jamf refused the credentials');
    expectNoSecret(result, canary, 'CANARY-jamf-password-9a8b', Buffer.from('svc:CANARY-jamf-password-9a8b').toString('base64'));
  }, 30_000);

  it('takes endpoints from a named config profile', async () => {
    const emu = await startEmulators();
    const home = writeTree({
      'trustline/config.yaml': `profile: lab\nprofiles:\n  lab:\n    jamf:\n      url: ${emu.jamf.url}\n      clientId: ${JAMF_CLIENT.clientId}\n      clientSecret: ${JAMF_CLIENT.clientSecret}\n`,
    });
    const result = await runCliAsync(['analyze', '--serial', emu.scenario.meta.serial, '--until', emu.scenario.meta.collectedAt, '--json'], { XDG_CONFIG_HOME: home });
    expect(result.status).toBe(0);
    expect((JSON.parse(result.stdout) as { sources: { status: string }[] }).sources.map((s) => s.status)).toEqual(['ok', 'missing', 'missing']);
    expectNoSecret(result, JAMF_CLIENT.clientSecret);
  }, 30_000);

  it('rejects bad live arguments and missing configuration in one line', async () => {
    const bad = await runCliAsync(['analyze', '--serial', 'C02"; rm -rf /', '--json']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('trustline: --serial C02"; rm -rf /: expected letters and digits, e.g. C02FX1TLQ6L4\n');
    const none = await runCliAsync(['analyze', '--serial', 'C02FX1TLQ6L4']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^trustline: no live source configured: set TRUSTLINE_JAMF_URL and\/or TRUSTLINE_OKTA_URL with credentials/);
    const insecure = await runCliAsync(['analyze', '--serial', 'C02FX1TLQ6L4'], { TRUSTLINE_JAMF_URL: 'http://jamf.example.com', TRUSTLINE_JAMF_USER: 'a', TRUSTLINE_JAMF_PASSWORD: 'b' });
    expect(insecure.stderr).toBe('trustline: TRUSTLINE_JAMF_URL must use https:// (plain http is allowed only for loopback hosts)\n');
    const window = await runCliAsync(['analyze', '--serial', 'C02FX1TLQ6L4', '--since', 'yesterday']);
    expect(window.stderr).toMatch(/^trustline: --since yesterday: expected a duration such as 2h or an ISO 8601 time/);
  });
});

describe('trustline demo', () => {
  it('lists at least four scenarios, each a different root cause', async () => {
    const list = await runCliAsync(['demo', '--list']);
    expect(list.status).toBe(0);
    expect(list.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(4);
  });

  for (const scenario of ['okta-policy-regression', 'cert-chain-break', 'clock-skew', 'not-managed-in-jamf', 'device-trust-cert-expired']) {
    it(`runs ${scenario} through the real clients and ranks it first and likely`, async () => {
      const result = await runCliAsync(['demo', '--scenario', scenario]);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/\| jamf \| ok \|/);
      expect(result.stdout).toMatch(/\| okta \| ok \|/);
      expect(result.stdout).toMatch(/\| device \| ok \|/);
      const first = /^\| 1 \| .*\(`([a-z-]+)`\) \| likely \|/m.exec(result.stdout);
      expect(first?.[1]).toBe(scenario);
    }, 30_000);
  }
});

import { describe, expect, it } from 'vitest';
import { JAMF_CLIENT, OKTA_TOKEN, startEmulators } from '../helpers/live-emulators.js';
import { runCliAsync } from '../helpers/run-cli.js';

describe('trustline sweep', () => {
  it('prints the sweep --json contract for the demo organisation, the rule update as the lead', async () => {
    const emu = await startEmulators();
    const env = {
      TRUSTLINE_OKTA_URL: emu.okta.url,
      TRUSTLINE_OKTA_TOKEN: OKTA_TOKEN,
      TRUSTLINE_JAMF_URL: emu.jamf.url,
      TRUSTLINE_JAMF_CLIENT_ID: JAMF_CLIENT.clientId,
      TRUSTLINE_JAMF_CLIENT_SECRET: JAMF_CLIENT.clientSecret,
    };
    const result = await runCliAsync(['sweep', '--since', '6h', '--until', emu.scenario.meta.collectedAt, '--json'], env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const doc = JSON.parse(result.stdout) as Record<string, unknown> & {
      window: Record<string, unknown>;
      sources: Record<string, unknown>[];
      signatures: Record<string, unknown>[];
      changes: Record<string, unknown>[];
    };
    expect(Object.keys(doc).slice(0, 4)).toEqual(['window', 'sources', 'signatures', 'changes']);
    expect(Object.keys(doc.window).slice(0, 2)).toEqual(['since', 'until']);
    expect(doc.window.until).toBe(new Date(emu.scenario.meta.collectedAt).toISOString());
    for (const s of doc.sources) expect(Object.keys(s).slice(0, 2)).toEqual(['name', 'role']);
    expect(doc.sources.map((s) => `${s.name}:${s.status}`)).toEqual(['okta:ok', 'jamf:ok']);
    const keys = ['eventType', 'outcome', 'reason', 'policy', 'rule', 'events', 'users', 'devices', 'first', 'last', 'examples'];
    for (const s of doc.signatures) expect(Object.keys(s).slice(0, keys.length)).toEqual(keys);
    for (const c of doc.changes) expect(Object.keys(c)).toEqual(['time', 'eventType', 'actor', 'target', 'summary', 'leadsSignature', 'secondsBefore']);
    const lead = doc.changes.find((c) => c.leadsSignature !== null);
    expect(lead).toMatchObject({ eventType: 'policy.rule.update' });
    const led = doc.signatures[lead!.leadsSignature as number]!;
    expect(led.outcome).toBe('DENY');
    expect(lead!.secondsBefore).toBe((Date.parse(led.first as string) - Date.parse(lead!.time as string)) / 1000);
    expect(result.stdout).not.toContain(OKTA_TOKEN);
  }, 30_000);

  it('prints Markdown by default, and refuses to run without Okta or with a bad share', async () => {
    const emu = await startEmulators();
    const env = { TRUSTLINE_OKTA_URL: emu.okta.url, TRUSTLINE_OKTA_TOKEN: OKTA_TOKEN };
    const md = await runCliAsync(['sweep', '--since', '6h', '--until', emu.scenario.meta.collectedAt], env);
    expect(md.status).toBe(0);
    expect(md.stdout).toMatch(/^# Sweep 2026-11-20 08:30Z – 2026-11-20 14:30Z\n/);
    expect(md.stdout).toContain('| jamf | missing |');
    expect(md.stdout).toMatch(/\*\*lead of #\d+\*\*/);
    const none = await runCliAsync(['sweep']);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/^trustline: sweep reads the Okta System Log/);
    const share = await runCliAsync(['sweep', '--share', '2'], env);
    expect(share.status).toBe(2);
    expect(share.stderr).toBe('trustline: --share 2: expected a fraction of the rate limit, e.g. 0.5 or 50%\n');
  }, 30_000);
});

import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir } from '../helpers/temp-files.js';

const FULL = fileURLToPath(new URL('../fixtures/bundles/full', import.meta.url));
const KEY = { TRUSTLINE_PSEUDONYM_KEY: 'report-cli-test-key-0000001' };

describe('trustline analyze: the incident report', () => {
  it('--md is pseudonymised by default, the same way every time; --no-redact opts out', () => {
    const a = runCli(['analyze', '--bundle', FULL], KEY);
    const b = runCli(['analyze', '--bundle', FULL, '--md'], KEY);
    expect(a.status).toBe(0);
    expect(a.stdout.replace(/generated \S+/, '')).toBe(b.stdout.replace(/generated \S+/, ''));
    expect(a.stdout).not.toMatch(/C02FX1TLQ6L4|\balice\b|alice@example\.com|8E2B4F7A-1C3D/i);
    expect(a.stdout).toMatch(/^- Serial: serial-[0-9a-f]{8}$/m);
    expect(a.stdout).toMatch(/^- User: user-[0-9a-f]{8}@example\.invalid$/m);
    const raw = runCli(['analyze', '--bundle', FULL, '--md', '--no-redact'], KEY);
    expect(raw.stdout).toContain('- Serial: C02FX1TLQ6L4');
    expect(raw.stdout).toContain('Identifiers are shown as collected (--no-redact)');
  });

  it('--json stays the contract with identifiers as collected; --json --report adds "report", pseudonymised', () => {
    const plain = JSON.parse(runCli(['analyze', '--bundle', FULL, '--json'], KEY).stdout) as Record<string, unknown> & { device: { serial: string } };
    expect(Object.keys(plain)).toEqual(['device', 'sources', 'clock', 'timeline', 'hypotheses']);
    expect(plain.device.serial).toBe('C02FX1TLQ6L4');
    const r = runCli(['analyze', '--bundle', FULL, '--json', '--report'], KEY);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { device: { serial: string }; report: Record<string, unknown> };
    expect(Object.keys(report)).toEqual(['device', 'sources', 'clock', 'timeline', 'hypotheses', 'report']);
    expect(Object.keys(report.report)).toEqual(['generatedAt', 'redaction', 'summary', 'device', 'sources', 'clock', 'hypotheses', 'excerpt', 'probes', 'unknown', 'notes']);
    expect(report.device.serial).toMatch(/^serial-[0-9a-f]{8}$/);
    expect(r.stdout).not.toMatch(/C02FX1TLQ6L4|alice@example\.com/);
    const unredacted = JSON.parse(runCli(['analyze', '--bundle', FULL, '--json', '--report', '--no-redact'], KEY).stdout) as { device: { serial: string } };
    expect(unredacted.device.serial).toBe('C02FX1TLQ6L4');
  });

  it('keeps the key outside the report: created 0600 under the config home, or refused in one line', () => {
    const home = tempDir();
    const r = runCli(['analyze', '--bundle', FULL], { XDG_CONFIG_HOME: home });
    expect(r.status).toBe(0);
    const key = readFileSync(join(home, 'trustline', 'pseudonym.key'), 'utf8').trim();
    expect(statSync(join(home, 'trustline', 'pseudonym.key')).mode & 0o777).toBe(0o600);
    expect(r.stdout).not.toContain(key);
    const bad = runCli(['analyze', '--bundle', FULL], { TRUSTLINE_PSEUDONYM_KEY: 'short' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('trustline: TRUSTLINE_PSEUDONYM_KEY: the pseudonym key must be at least 16 characters\n');
  });
});

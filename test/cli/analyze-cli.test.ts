import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-files.js';

const FULL = fileURLToPath(new URL('../fixtures/bundles/full', import.meta.url));

interface AnalyzeJson {
  device: { serial: string | null; hostname: string | null; user: string | null };
  sources: { name: string; status: string; events: number; error?: string }[];
  clock: { deviceOffsetMs: number | null; basis: string | null; applied: boolean };
  timeline: { id: string; time: string; source: string; kind: string; severity: string; summary: string; originalTime: string }[];
  hypotheses: unknown[];
}

function analyzeJson(dir: string): { json: AnalyzeJson; stderr: string } {
  const r = runCli(['analyze', '--bundle', dir, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return { json: JSON.parse(r.stdout) as AnalyzeJson, stderr: r.stderr };
}

describe('trustline analyze --bundle --json on the full fixture bundle', () => {
  const { json, stderr } = analyzeJson(FULL);

  it('prints exactly the contract shape', () => {
    expect(Object.keys(json)).toEqual(['device', 'sources', 'clock', 'timeline', 'hypotheses']);
    expect(json.device).toEqual({ serial: 'C02FX1TLQ6L4', hostname: 'alice-mbp', user: 'alice@example.com' });
    expect(json.sources.map((s) => [s.name, s.status])).toEqual([['jamf', 'ok'], ['okta', 'ok'], ['device', 'ok']]);
    for (const s of json.sources) expect(Object.keys(s)).toEqual(['name', 'role', 'status', 'events']);
    expect(json.clock).toEqual({ deviceOffsetMs: 94218, basis: 'sntp', applied: true });
    // The stable ids of the DESIGN's hypothesis table: the built-in pack ranks every one of them.
    expect(json.hypotheses.map((h) => (h as { id: string }).id).sort()).toEqual([
      'cert-chain-break', 'clock-skew', 'device-assurance-failed', 'device-trust-cert-expired', 'device-trust-cert-missing',
      'device-trust-cert-revoked', 'enrollment-limit-reached', 'management-attestation-missing', 'mdm-payload-mismatch',
      'mdm-push-broken', 'mtls-handshake-blocked', 'not-managed-in-jamf', 'ocsp-unreachable', 'okta-device-inactive',
      'okta-policy-regression', 'psso-registration-incomplete', 'scep-profile-not-deployed', 'sso-extension-missing',
    ]);
    for (const e of json.timeline) {
      expect(Object.keys(e)).toEqual(['id', 'time', 'source', 'kind', 'severity', 'summary', 'originalTime']);
      expect(e.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.(\d{3}|\d{6})Z$/);
      expect(['info', 'warn', 'error']).toContain(e.severity);
    }
  });

  it('counts events per source as listed in the timeline', () => {
    for (const s of json.sources) expect(json.timeline.filter((e) => e.source === s.name)).toHaveLength(s.events);
  });

  it('orders the merged timeline by UTC instant', () => {
    const times = json.timeline.map((e) => e.time.replace(/\.(\d{3})Z$/, '.$1000Z'));
    expect([...times].sort()).toEqual(times);
  });

  it('corrects device events by the measured offset and keeps the original text', () => {
    const tokenFailure = json.timeline.find((e) => e.originalTime === '2026-11-20 06:03:46.402231-0800');
    // 14:03:46.402231Z on the Mac's clock, which runs 94.218342 s ahead.
    expect(tokenFailure?.time).toBe('2026-11-20T14:02:12.183889Z');
    expect(tokenFailure?.kind).toBe('device.sso.error');
  });

  it('reads every device log style in the bundle', () => {
    const files = new Set(json.timeline.filter((e) => e.source === 'device').map((e) => e.id.split(':')[1]));
    expect(files).toEqual(
      new Set(['device/unified.ndjson', 'device/securityd.log', 'device/okta-verify-compact.log', 'device/mdmclient.log', 'device/system.log', 'probe']),
    );
  });

  it('merges Okta duplicates across page files and reports skipped records on stderr', () => {
    const ids = json.timeline.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(stderr).toContain('trustline: okta/logs-page-2.json: 4 duplicate events (same uuid) merged');
    expect(stderr).toMatch(/okta\/logs-page-2\.json: 3 malformed records skipped, first at okta\/logs-page-2\.json#\/4/);
  });
});

describe('trustline analyze --md', () => {
  it('prints a readable summary with sources, clock and timeline', () => {
    const r = runCli(['analyze', '--bundle', FULL, '--md', '--no-redact']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('# trustline analysis: C02FX1TLQ6L4');
    expect(r.stdout).toContain('| okta | ok | 11 |  |');
    expect(r.stdout).toContain('Mac clock ahead of true time by 94.218 s (basis: sntp); applied to device events.');
    expect(r.stdout).toContain('| 2026-11-20T14:02:11.804Z | okta | error | okta.policy.evaluate_sign_on |');
    expect(r.stdout).toContain('## Reading notes');
  });
});

describe('bad arguments and unreadable bundles get one line on stderr and a non-zero exit', () => {
  const cases: [string, string[], number, RegExp][] = [
    ['missing --bundle', ['analyze'], 2, /^trustline: analyze needs --bundle DIR, or the Mac: --serial, --user, --hostname, --jamf-id or --okta-device-id\n$/],
    ['both formats', ['analyze', '--bundle', FULL, '--json', '--md'], 2, /^trustline: option '--json' cannot be used with option '--md'\n$/],
    ['unknown option', ['analyze', '--bundle', FULL, '--frob'], 2, /^trustline: unknown option '--frob'\n$/],
    ['unknown command', ['frob'], 2, /^trustline: unknown command 'frob'\n$/],
    ['missing directory', ['analyze', '--bundle', '/nonexistent/bundle'], 1, /^trustline: cannot read bundle \/nonexistent\/bundle: no such directory\n$/],
  ];
  for (const [name, args, code, message] of cases) {
    it(name, () => {
      const r = runCli(args);
      expect(r.status).toBe(code);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }

  it('an empty bundle', () => {
    const r = runCli(['analyze', '--bundle', tempDir()]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^trustline: bundle .* has no evidence: expected files under jamf\/, okta\/ or device\/.*\n$/);
  });

  it('a file instead of a directory', () => {
    const dir = writeTree({ 'meta.json': '{}' });
    const r = runCli(['analyze', '--bundle', join(dir, 'meta.json')]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/is not a directory\n$/);
  });
});

describe('one failing source never hides the others', () => {
  it('marks a source partial (one file failed, others read) with a one-line reason and still prints the rest', () => {
    const dir = tempDir();
    cpSync(FULL, dir, { recursive: true });
    writeFileSync(join(dir, 'jamf/computer.json'), '<html><head><title>Jamf Cloud - Timeout</title></head><body>Timeout</body></html>');
    writeFileSync(join(dir, 'meta.json'), '{"serial": 42}');
    const { json, stderr } = analyzeJson(dir);
    const jamf = json.sources.find((s) => s.name === 'jamf')!;
    expect(jamf.status).toBe('partial');
    expect(jamf.error).toMatch(/^jamf\/computer\.json: not JSON: looks like an HTML page/);
    expect(jamf.error).not.toContain('\n');
    expect(jamf.events).toBeGreaterThan(0);
    expect(json.sources.filter((s) => s.status === 'ok').map((s) => s.name)).toEqual(['okta', 'device']);
    expect(stderr).toContain('meta.json: serial:');
  });

  it('reports absent sources as missing', () => {
    const dir = tempDir();
    cpSync(join(FULL, 'device'), join(dir, 'device'), { recursive: true });
    const { json } = analyzeJson(dir);
    expect(json.sources.map((s) => [s.name, s.status])).toEqual([['jamf', 'missing'], ['okta', 'missing'], ['device', 'ok']]);
    expect(json.device).toEqual({ serial: null, hostname: null, user: null });
  });
});

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROBE_NAMES } from '../../src/sources/mac/probes/index.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { useFakeMac } from '../helpers/sshd.js';
import { tempDir } from '../helpers/temp-files.js';

const suite = useFakeMac();

describe('the device source through the CLI', () => {
  it('analyze --serial --host reads the Mac over SSH; collect saves its raw outputs under device/ and replays the same', async () => {
    const mac = suite.mac();
    const args = ['--serial', 'C02FX1TLQ6L4', '--host', mac.host, '--ssh-config', mac.clientConfig];
    const live = await runCliAsync(['analyze', ...args, '--json']);
    expect(live.stderr).not.toMatch(/internal error/);
    expect(live.status).toBe(0);
    const analysis = JSON.parse(live.stdout) as { sources: { name: string; status: string; events: number }[]; clock: { basis: string | null } };
    expect(analysis.sources.map((s) => `${s.name}:${s.status}`)).toEqual(['jamf:missing', 'okta:missing', 'device:ok']);
    expect(analysis.sources[2]!.events).toBeGreaterThan(10);
    expect(analysis.clock.basis).toBe('sntp');

    const out = join(tempDir(), 'bundle');
    const collected = await runCliAsync(['collect', ...args, '--out', out]);
    expect(collected.status).toBe(0);
    expect(readdirSync(join(out, 'device', 'probes')).sort()).toEqual([...PROBE_NAMES].sort().map((n) => `${n}.txt`));
    expect(existsSync(join(out, 'device', 'log-trust.ndjson'))).toBe(true);
    const replay = await runCliAsync(['analyze', '--bundle', out, '--json']);
    const replayed = JSON.parse(replay.stdout) as { sources: unknown; timeline: { id: string }[] };
    expect(replayed.sources).toEqual(analysis.sources);
  }, 60_000);

  it('refuses a host string that would become an ssh option, before ssh runs', async () => {
    const marker = join(tempDir(), 'pwned');
    const result = await runCliAsync(['analyze', '--serial', 'C02FX1TLQ6L4', '--host', `-oProxyCommand=touch ${marker}`]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^trustline: --host/);
    expect(result.stderr.split('\n')).toHaveLength(2);
    expect(existsSync(marker)).toBe(false);
    const jumpOnly = await runCliAsync(['analyze', '--serial', 'C02FX1TLQ6L4', '--jump', 'bastion']);
    expect(jumpOnly.stderr).toBe('trustline: --jump and --ssh-config need --host\n');
  });

  it('reports an unreachable Mac as the device source error and keeps going', async () => {
    const mac = suite.mac();
    const result = await runCliAsync(['analyze', '--serial', 'C02FX1TLQ6L4', '--host', '127.0.0.1:1', '--ssh-config', mac.clientConfig, '--json']);
    expect(result.status).toBe(0);
    const analysis = JSON.parse(result.stdout) as { sources: { name: string; status: string; error?: string }[] };
    const device = analysis.sources.find((s) => s.name === 'device')!;
    expect(device.status).toBe('error');
    expect(device.error).toMatch(/^device: profiles-status: .*(refused|unreachable)/i);
    expect(device.error).not.toMatch(/\n/);
  }, 60_000);
});

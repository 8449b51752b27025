import { startOktaEmulator } from '../../src/emulators/index.js';
import { generateOrg } from '../helpers/generated-org.js';
import { figure, type BenchFigure } from './figure.js';
import { timeProcess } from './processes.js';
import { SWEEP_TOKEN_ENV, sweepOrgSpec } from './sweep-org.js';

export const SWEEP_EVENTS = 1_000_000;
const CHILD = new URL('./bench-child.mjs', import.meta.url).pathname;
const TOKEN = '00benchSweepTokenForTheEmulatorOnly0000';

interface ChildOutput {
  count: number;
  maxRssKb: number;
  cpuMs: number;
}

const output = (stdout: string): ChildOutput => JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildOutput;
const cpuMs = (u: NodeJS.CpuUsage): number => (u.user + u.system) / 1000;

/**
 * The sweep over `events` System Log failures served by the Okta emulator in this process (pages of
 * 1000, no rate limit to wait for): events per second, the sweeping process' peak RSS, and its CPU
 * time against the emulator's for the same run. Below 1× the sweep waits on the server, not the other
 * way round; that ratio holds on a busy machine where wall times do not.
 */
export async function benchSweep(events = SWEEP_EVENTS): Promise<BenchFigure[]> {
  const org = generateOrg(sweepOrgSpec(events));
  const okta = await startOktaEmulator({
    scenario: org.scenario,
    credentials: { apiTokens: [TOKEN], oauthClients: [] },
    rateLimit: { logsPerWindow: 1_000_000_000, devicesPerWindow: 1_000_000_000 },
  });
  try {
    const env = { ...process.env, [SWEEP_TOKEN_ENV]: TOKEN };
    // This process does nothing but serve while the child sweeps.
    const before = process.cpuUsage();
    const run = await timeProcess({ file: process.execPath, args: [CHILD, 'sweep', okta.url], env });
    const emulatorCpuMs = cpuMs(process.cpuUsage(before));
    const out = output(run.stdout);
    // Every failure crosses the wire, and the four admin changes.
    if (out.count !== org.counts.events) throw new Error(`sweep read ${out.count} events, expected ${org.counts.events}`);
    const label = `${(out.count / 1000).toFixed(0)}k events`;
    return [
      figure(`9. sweep throughput (${label} from the Okta emulator, pages of 1000)`, out.count / (run.wallMs / 1000), 'events/s', undefined, `${(run.wallMs / 1000).toFixed(1)} s`),
      figure(`9. sweep peak memory (${label}, RSS of the sweeping process)`, out.maxRssKb / 1024, 'MB', 200),
      figure(`9. sweep CPU vs the emulator's serving it (${label})`, out.cpuMs / emulatorCpuMs, '×', 1, `${(out.cpuMs / 1000).toFixed(1)} s / ${(emulatorCpuMs / 1000).toFixed(1)} s`),
    ];
  } finally {
    await okta.close();
  }
}

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
}

const output = (stdout: string): ChildOutput => JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ChildOutput;

/**
 * The sweep over `events` System Log failures served by the Okta emulator in this process (pages of
 * 1000, no rate limit to wait for): events per second and the sweeping process' peak RSS, and its
 * time against the emulator alone (the same pages fetched and dropped), which bounds what any client
 * could do here.
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
    const baseline = await timeProcess({ file: process.execPath, args: [CHILD, 'sweep-pages', okta.url], env });
    const run = await timeProcess({ file: process.execPath, args: [CHILD, 'sweep', okta.url], env });
    const read = output(run.stdout).count;
    const expected = org.counts.events; // every failure, and the four admin changes
    if (read !== expected) throw new Error(`sweep read ${read} failures, expected ${expected}`);
    const perSecond = read / (run.wallMs / 1000);
    const label = `${(read / 1000).toFixed(0)}k events`;
    return [
      figure(`9. sweep throughput (${label} from the Okta emulator, pages of 1000)`, perSecond, 'events/s', undefined, `${(run.wallMs / 1000).toFixed(1)} s`),
      figure(`9. sweep peak memory (${label}, RSS of the sweeping process)`, output(run.stdout).maxRssKb / 1024, 'MB', 200),
      figure(
        `9. sweep time vs the emulator alone serving the same ${output(baseline.stdout).count} pages`,
        run.wallMs / baseline.wallMs,
        '×',
        1.5,
        `${(run.wallMs / 1000).toFixed(1)} s / ${(baseline.wallMs / 1000).toFixed(1)} s`,
      ),
    ];
  } finally {
    await okta.close();
  }
}

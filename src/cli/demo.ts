import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { readConfig } from '../config/config-file.js';
import { demoJournalPath } from '../io/journal-file.js';
import { listScenarios, loadScenario, scenarioDir, startJamfEmulator, startOktaEmulator, type RunningEmulator } from '../emulators/index.js';
import { registerSecret } from '../secrets/registry.js';
import type { LiveSettings } from '../config/credentials.js';
import { recordedDevice } from '../sources/mac/recorded-device.js';
import { probeOutputsOf } from '../sources/mac/recorded-outputs.js';
import type { LiveProgress } from '../core/live.js';
import { runLive, type LiveOptions } from '../sources/live/run-live.js';
import { openRecordedTransport } from '../sources/mac/ssh/recorded-transport.js';
import type { ProbeTransport } from '../sources/mac/ssh/transport.js';
import { durationMs } from '../time/duration.js';
import { parseZonedTimestamp } from '../time/timestamp.js';
import { rankAnalysis } from '../diagnosis/rank-analysis.js';
import { activeModel } from './active-model.js';
import { printAnalysis } from './analyze.js';
import { haveTerminal, openConsole, pickTheme, type ConsoleFlags } from './console.js';
import { sweepLive } from './sweep.js';
import { DEFAULT_SINCE } from './live-flags.js';
import { DEFAULT_SCENARIO } from './demo-scenario.js';
import { UsageError } from './usage-error.js';


/** The folder beside the scenarios with a healthy Mac's answers to every allow-listed command. */
const HEALTHY_MAC = '_healthy-mac';

/**
 * The Mac of a demo scenario: every runbook probe answers. Outputs only a runbook step produces come
 * from device/on-demand/ (device/on-demand/after-fix/ when a step runs again, once the fix is in),
 * then the recorded collection, then a healthy Mac shared by all scenarios (what the story does not
 * touch looks as it should).
 */
export function demoTransport(dir: string, collectedAtMs: number): ProbeTransport {
  const onDemand = join(dir, 'device', 'on-demand');
  return openRecordedTransport([onDemand, join(dir, 'device'), join(dirname(dir), HEALTHY_MAC)], { nowMs: () => collectedAtMs, againDir: join(onDemand, 'after-fix') });
}

/** Credentials for this run only: random, registered as secrets like real ones. */
function demoSecret(prefix: string): string {
  const value = `${prefix}${randomBytes(18).toString('base64url')}`;
  registerSecret(value);
  return value;
}

export interface DemoFlags extends ConsoleFlags {
  scenario?: string | undefined;
  list?: boolean | undefined;
}

/**
 * `trustline demo`: starts the Jamf and Okta emulators on loopback with a recorded incident and runs
 * the real clients against them, the Mac's side played back from recorded outputs (probe steps too).
 * The window ends when the incident was recorded. With a terminal it opens the console; without one
 * it prints the analysis.
 */
export async function runDemo(flags: DemoFlags): Promise<void> {
  const scenarios = await listScenarios();
  if (flags.list) {
    for (const s of scenarios) process.stdout.write(`${s.name.padEnd(28)} ${s.title}\n`);
    return;
  }
  const name = flags.scenario ?? DEFAULT_SCENARIO;
  if (!scenarios.some((s) => s.name === name)) {
    throw new UsageError(`no demo scenario named "${name}" (scenarios: ${scenarios.map((s) => s.name).join(', ')})`);
  }
  const scenario = await loadScenario(scenarioDir(name));
  const collectedAtMs = parseZonedTimestamp(scenario.meta.collectedAt)?.epochMs;
  if (collectedAtMs === undefined) throw new Error(`scenario ${name}: meta.json has no collectedAt`);

  const config = await readConfig();
  const active = await activeModel({}, config);
  // A bad theme is the same error with or without a terminal.
  pickTheme(flags, config);
  const oktaToken = demoSecret('00');
  const jamfClient = { clientId: `demo-${randomBytes(4).toString('hex')}`, clientSecret: demoSecret('') };
  const emulators: RunningEmulator[] = [];
  try {
    const okta = await startOktaEmulator({ scenario, credentials: { apiTokens: [oktaToken], oauthClients: [] } });
    emulators.push(okta);
    const jamf = await startJamfEmulator({ scenario, credentials: { apiClients: [jamfClient], users: [] } });
    emulators.push(jamf);
    const identity = { hostname: scenario.meta.hostname, user: scenario.meta.user, deviceTimeZone: scenario.meta.deviceTimeZone };
    const settings: LiveSettings = {
      sources: {
        okta: { url: new URL(okta.url), auth: { kind: 'ssws', token: oktaToken } },
        jamf: { url: new URL(jamf.url), auth: { kind: 'client', ...jamfClient } },
      },
    };
    const live = (progress: LiveProgress = {}, signal?: AbortSignal): LiveOptions => ({
      settings,
      query: { serial: scenario.meta.serial, user: scenario.meta.user, sinceMs: collectedAtMs - durationMs(DEFAULT_SINCE), untilMs: collectedAtMs },
      identity,
      device: recordedDevice(join(scenario.dir), collectedAtMs),
      progress,
      ...(signal ? { signal } : {}),
    });
    if (!haveTerminal()) {
      const { analysis, documents } = await runLive(live());
      analysis.hypotheses = rankAnalysis(analysis, active);
      await printAnalysis(analysis, { format: 'md', report: true, redact: flags.redact !== false }, probeOutputsOf(documents));
      return;
    }
    const ctx = { ...identity, serial: scenario.meta.serial, collectedAtMs };
    await openConsole({
      ctx,
      active,
      config,
      flags,
      transport: demoTransport(scenario.dir, collectedAtMs),
      fetch: (progress, signal) => runLive(live(progress, signal)),
      sources: ['jamf', 'okta', 'device'],
      sweep: (signal, progress) => sweepLive(settings, live().query, signal, progress),
      journalFile: demoJournalPath(),
    });
  } finally {
    await Promise.all(emulators.map((e) => e.close()));
  }
}

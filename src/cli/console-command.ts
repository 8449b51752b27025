import { join } from 'node:path';
import { readConfig } from '../config/config-file.js';
import { bundleProbeOutputs } from '../report/probe-runs.js';
import { analyzeBundle } from '../sources/bundle/analyze-bundle.js';
import { readBundleMeta } from '../sources/bundle/meta.js';
import type { SweepProgress } from '../sweep/types.js';
import { activeModel, type PackFlags } from './analyze.js';
import { openConsole, type ConsoleFlags } from './console.js';
import { deviceRunner, liveQuery, liveSettings, refuseLiveOptions, sshOptions, type LiveFlags } from './live-args.js';
import { sweepLive } from './sweep.js';
import { UsageError } from './usage-error.js';

export interface ConsoleCommandFlags extends ConsoleFlags, PackFlags, Partial<LiveFlags> {
  bundle?: string;
}

/** A probe connection for the console when --host was given (the runbook's `r` runs through it). */
async function probeTransport(flags: Partial<LiveFlags>) {
  const ssh = sshOptions(flags);
  return ssh ? (await import('../sources/mac/ssh/ssh-transport.js')).openSshTransport(ssh) : undefined;
}

/**
 * `trustline --bundle DIR` replays a collected bundle in the console (handoffs, post-incident review);
 * `trustline --serial S [--host H]` opens it on a live fetch; `trustline --guided` alone walks a new
 * engineer through the demo incident.
 */
export async function runConsoleCommand(flags: ConsoleCommandFlags): Promise<void> {
  if (flags.bundle !== undefined && flags.serial !== undefined) throw new UsageError('give --bundle or --serial, not both');
  if (flags.bundle === undefined && flags.serial === undefined) {
    // The demo, its emulators and the live sources load only when they run (start-up: README, figure 5).
    if (flags.guided) return (await import('./demo.js')).runDemo(flags);
    throw new UsageError('nothing to open: give --bundle DIR, --serial SERIAL, or run `trustline demo` (see --help)');
  }
  if (flags.bundle !== undefined) {
    // --host (and its --jump, --ssh-config) is where `r` runs probes; the window and profile are live only.
    refuseLiveOptions(flags, ['user', 'since', 'until', 'profile']);
    const config = await readConfig();
    const active = await activeModel(flags, config);
    const analysis = await analyzeBundle(flags.bundle);
    const { ctx } = await readBundleMeta(join(flags.bundle, 'meta.json'));
    const collected = await bundleProbeOutputs(flags.bundle);
    await openConsole({ analysis, ctx, active, config, flags, collected, transport: await probeTransport(flags) });
    return;
  }
  const live: LiveFlags = { ...flags, serial: flags.serial! };
  const query = liveQuery(live, Date.now());
  const device = deviceRunner(live, query);
  const { config, settings } = await liveSettings(live.profile, device !== undefined);
  const active = await activeModel(flags, config);
  const ctx = { serial: query.serial, hostname: undefined, user: live.user, deviceTimeZone: undefined, collectedAtMs: query.untilMs };
  const [{ runLive }, { followLive }] = await Promise.all([import('../sources/live/run-live.js'), import('../sources/live/follow-live.js')]);
  const sources = [...(settings.jamf ? (['jamf'] as const) : []), ...(settings.okta ? (['okta'] as const) : []), ...(device ? (['device'] as const) : [])];
  await openConsole({
    ctx,
    active,
    config,
    flags,
    transport: await probeTransport(live),
    fetch: (progress, signal) => runLive({ settings, query, identity: { hostname: undefined, user: live.user, deviceTimeZone: undefined }, device, progress, signal }),
    ...(settings.okta ? { sweep: (signal: AbortSignal, progress: (p: SweepProgress) => void) => sweepLive(settings, query, signal, progress) } : {}),
    sources,
    // A window that ends now keeps following Okta; a window in the past is a fixed record.
    ...(live.until === undefined ? { followUp: (analysis, signal, onEvents) => followLive(settings, analysis, query, ctx, signal, onEvents) } : {}),
  });
}

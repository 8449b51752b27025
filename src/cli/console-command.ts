import { join } from 'node:path';
import { readConfig } from '../config/config-file.js';
import { bundleProbeOutputs } from '../sources/mac/recorded-outputs.js';
import { analyzeBundle } from '../sources/bundle/analyze-bundle.js';
import { BundleError } from '../sources/bundle/layout.js';
import { readBundleMeta } from '../sources/bundle/meta.js';
import { followLive } from '../sources/live/follow-live.js';
import { runLive } from '../sources/live/run-live.js';
import { openSshTransport } from '../sources/mac/ssh/ssh-transport.js';
import { activeModel, type PackFlags } from './analyze.js';
import { openConsole, type ConsoleFlags } from './console.js';
import { runDemo } from './demo.js';
import { deviceRunner, liveQuery, liveSettings, sshOptions, type LiveFlags } from './live-args.js';
import { UsageError } from './usage-error.js';

export interface ConsoleCommandFlags extends ConsoleFlags, PackFlags, Partial<LiveFlags> {
  bundle?: string;
}

/** A probe connection for the console when --host was given (the runbook's `r` runs through it). */
async function probeTransport(flags: Partial<LiveFlags>) {
  const ssh = sshOptions(flags);
  return ssh ? openSshTransport(ssh) : undefined;
}

/**
 * `trustline --bundle DIR` replays a collected bundle in the console (handoffs, post-incident review);
 * `trustline --serial S [--host H]` opens it on a live fetch; `trustline --guided` alone walks a new
 * engineer through the demo incident.
 */
export async function runConsoleCommand(flags: ConsoleCommandFlags): Promise<void> {
  if (flags.bundle !== undefined && flags.serial !== undefined) throw new UsageError('give --bundle or --serial, not both');
  if (flags.bundle === undefined && flags.serial === undefined) {
    if (flags.guided) return runDemo(flags);
    throw new UsageError('nothing to open: give --bundle DIR, --serial SERIAL, or run `trustline demo` (see --help)');
  }
  if (flags.bundle !== undefined) {
    const config = await readConfig();
    const active = await activeModel(flags, config);
    let analysis;
    try {
      analysis = await analyzeBundle(flags.bundle);
    } catch (error) {
      if (error instanceof BundleError) throw new UsageError(error.message, 1);
      throw error;
    }
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
  const sources = [...(settings.jamf ? (['jamf'] as const) : []), ...(settings.okta ? (['okta'] as const) : []), ...(device ? (['device'] as const) : [])];
  await openConsole({
    ctx,
    active,
    config,
    flags,
    transport: await probeTransport(live),
    fetch: (progress, signal) => runLive({ settings, query, identity: { hostname: undefined, user: live.user, deviceTimeZone: undefined }, device, progress, signal }),
    sources,
    // A window that ends now keeps following Okta; a window in the past is a fixed record.
    ...(live.until === undefined ? { followUp: (analysis, signal, onEvents) => followLive(settings, analysis, query, ctx, signal, onEvents) } : {}),
  });
}

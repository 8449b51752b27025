import { join } from 'node:path';
import { readConfig } from '../config/config-file.js';
import { bundleProbeOutputs } from '../sources/mac/recorded-outputs.js';
import { analyzeBundle } from '../sources/bundle/analyze-bundle.js';
import { withProgressLine } from './progress-line.js';
import { readBundleMeta } from '../sources/bundle/meta.js';
import { activeModel, type PackFlags } from './active-model.js';
import { haveTerminal, openConsole, type ConsoleFlags } from './console.js';
import { deviceKeyFlags, hasDeviceKey, refuseLiveOptions, type LiveFlags } from './live-flags.js';
import { UsageError } from './usage-error.js';
import { preloadConsole } from '../ui/run-console.js';

export interface ConsoleCommandFlags extends ConsoleFlags, PackFlags, Partial<LiveFlags> {
  bundle?: string;
}

/** A probe connection for the console when --host was given (the runbook's `r` runs through it). */
export async function probeTransport(flags: Partial<LiveFlags>) {
  // SSH loads only when asked for: a replay without --host starts without it (README, figure 5).
  if (flags.host === undefined && flags.jump === undefined && flags.sshConfig === undefined) return undefined;
  const ssh = (await import('./live-args.js')).sshOptions(flags);
  return ssh ? (await import('../sources/mac/ssh/ssh-transport.js')).openSshTransport(ssh) : undefined;
}

/**
 * `trustline --bundle DIR` replays a collected bundle in the console (handoffs, post-incident review);
 * `trustline --serial S | --user U | … [--host H]` resolves the Mac (a picker when several match) and opens it on a live fetch; `trustline --guided` alone walks a new
 * engineer through the demo incident.
 */
export async function runConsoleCommand(flags: ConsoleCommandFlags): Promise<void> {
  const live = hasDeviceKey(flags);
  if (flags.bundle !== undefined && live) throw new UsageError('give --bundle or the Mac (--serial, --user, …), not both');
  if (flags.bundle === undefined && !live) {
    // The demo, its emulators and the live sources load only when they run (start-up: README, figure 5).
    if (flags.guided) return (await import('./demo.js')).runDemo(flags);
    throw new UsageError(`nothing to open: give --bundle DIR, the Mac (${deviceKeyFlags().replace(' or ', ', ')}), or run \`trustline demo\` (see --help)`);
  }
  if (flags.bundle !== undefined) {
    // --host (and its --jump, --ssh-config) is where `r` runs probes; the window and profile are live only.
    refuseLiveOptions(flags, ['user', 'since', 'until', 'profile']);
    // Ink loads while the bundle is read (openConsole waits for the same load); the global fetch it hides
    // meanwhile is not used by a replay.
    if (haveTerminal()) void preloadConsole().catch(() => undefined);
    const config = await readConfig();
    const active = await activeModel(flags, config);
    const analysis = await withProgressLine((line) => analyzeBundle(flags.bundle!, line.bundle));
    const { ctx } = await readBundleMeta(join(flags.bundle, 'meta.json'));
    const collected = await bundleProbeOutputs(flags.bundle);
    await openConsole({ analysis, ctx, active, config, flags, collected, transport: await probeTransport(flags) });
    return;
  }
  await (await import('./console-live.js')).runLiveConsole(flags);
}

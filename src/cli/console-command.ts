import { join } from 'node:path';
import { readConfig, type Config } from '../config/config-file.js';
import type { LiveSettings } from '../config/credentials.js';
import type { ActiveModel } from '../diagnosis/rank-analysis.js';
import { bundleProbeOutputs } from '../sources/mac/recorded-outputs.js';
import { analyzeBundle } from '../sources/bundle/analyze-bundle.js';
import { readBundleMeta } from '../sources/bundle/meta.js';
import type { SweepProgress } from '../sweep/types.js';
import { activeModel, type PackFlags } from './analyze.js';
import { openConsole, type ConsoleFlags } from './console.js';
import { deviceKeyFlags, deviceRunner, hasDeviceKey, liveQuery, liveSettings, refuseLiveOptions, sshOptions, type LiveFlags } from './live-args.js';
import { headlessIdentity, resolveFlags, runFor, type ResolvedRun } from './resolve-device.js';
import { candidateColumns } from '../core/identity-text.js';
import { openLiveSession } from '../sources/live/live-session.js';
import { systemLabels } from '../sources/live/resolve-live.js';
import { canSweep } from '../sources/sweep-sources.js';
import { sweepLive } from './sweep.js';
import type { LiveSession } from '../sources/live/live-session.js';
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
    const config = await readConfig();
    const active = await activeModel(flags, config);
    const analysis = await analyzeBundle(flags.bundle);
    const { ctx } = await readBundleMeta(join(flags.bundle, 'meta.json'));
    const collected = await bundleProbeOutputs(flags.bundle);
    await openConsole({ analysis, ctx, active, config, flags, collected, transport: await probeTransport(flags) });
    return;
  }
  const window = liveQuery(flags, Date.now());
  const device = deviceRunner(flags, window);
  const { config, settings } = await liveSettings(flags.profile, device !== undefined);
  const active = await activeModel(flags, config);
  const session = await openLiveSession(settings, { device });
  try {
    await openLive(flags, window, settings, session, active, config);
  } finally {
    await session.close();
  }
}

/** The console on a live fetch through the command's session: resolution, fetch, follow-up and the sweep. */
async function openLive(
  flags: ConsoleCommandFlags & LiveFlags,
  window: { sinceMs: number; untilMs: number },
  settings: LiveSettings,
  session: LiveSession,
  active: ActiveModel,
  config: Config,
): Promise<void> {
  const resolution = await resolveFlags(flags, session);
  // No Mac: the same one line as headless. Several: the console opens on the picker and fetches the one chosen.
  const macs = resolution.outcome === 'several' ? resolution.candidates : [headlessIdentity(resolution, flags)];
  const runOf = (index: number) => runFor(resolution, macs[index]!, flags, Date.now());
  const first = runOf(0);
  const known = macs.length === 1;
  const ctx = { serial: known ? first.query.serial : undefined, hostname: known ? first.identity.hostname : undefined, user: flags.user ?? (known ? first.identity.user : undefined), deviceTimeZone: undefined, collectedAtMs: first.query.untilMs };
  const [{ runLive }, { followLive }] = await Promise.all([import('../sources/live/run-live.js'), import('../sources/live/follow-live.js')]);
  const sources = session.sources.map((s) => s.adapter.id);
  let chosen: ResolvedRun = first;
  await openConsole({
    ctx,
    active,
    config,
    flags,
    transport: await probeTransport(flags),
    ...(macs.length > 1 ? { candidates: macs.map((m) => candidateColumns(m, systemLabels())), pick: (index: number) => (chosen = runOf(index)) } : {}),
    fetch: (progress, signal) => runLive({ session, query: chosen.query, identity: chosen.identity, progress, signal, notes: chosen.notes }),
    notice: () => chosen.sshHint,
    ...(canSweep(settings) ? { sweep: (signal: AbortSignal, progress: (p: SweepProgress) => void) => sweepLive(settings, window, signal, progress) } : {}),
    sources,
    // A window that ends now keeps following the sources' logs; a window in the past is a fixed record.
    ...(flags.until === undefined ? { followUp: (analysis, signal, onEvents) => followLive(session, analysis, chosen.query, ctx, signal, onEvents) } : {}),
  });
}

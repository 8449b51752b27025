import type { SweepProgress } from '../sweep/types.js';
import { candidateColumns } from '../core/identity-text.js';
import { openLiveSession, type LiveSession } from '../sources/live/live-session.js';
import { systemLabels } from '../sources/live/resolve-live.js';
import { canSweep } from '../sources/sweep-sources.js';
import type { LiveSettings } from '../config/credentials.js';
import type { Config } from '../config/config-file.js';
import type { ActiveModel } from '../diagnosis/rank-analysis.js';
import { activeModel } from './active-model.js';
import { openConsole } from './console.js';
import { probeTransport, type ConsoleCommandFlags } from './console-command.js';
import { deviceRunner, liveQuery, liveSettings } from './live-args.js';
import { headlessIdentity, resolveFlags, runFor, type ResolvedRun } from './resolve-device.js';
import { sweepLive } from './sweep.js';

/**
 * `trustline --serial S | --user U | … [--host H]`: resolves the Mac (a picker when several match) and
 * opens the console on a live fetch, through one live session for the command. Loaded only for a live
 * console: a replay never pays for the HTTP clients, the sweep and the identity lookups.
 */
export async function runLiveConsole(flags: ConsoleCommandFlags): Promise<void> {
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
  flags: ConsoleCommandFlags,
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

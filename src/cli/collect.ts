import { writeBundle } from '../sources/bundle/write-bundle.js';
import { openLiveSession } from '../sources/live/live-session.js';
import { runLive } from '../sources/live/run-live.js';
import { printNotes } from './analyze.js';
import { deviceRunner, liveQuery, liveSettings } from './live-args.js';
import type { LiveFlags } from './live-flags.js';
import { headlessIdentity, resolveFlags, runFor } from './resolve-device.js';
import { UsageError } from './usage-error.js';

/** `trustline collect --serial S | --user U | … --out DIR`: fetch live and save an evidence bundle for handoff and replay. */
export async function runCollect(flags: LiveFlags, out: string): Promise<void> {
  // Checked before anything is fetched: an empty path would only fail after the whole live run.
  if (out.trim() === '') throw new UsageError('--out needs the path of a new directory', 2);
  const window = liveQuery(flags, Date.now());
  const device = deviceRunner(flags, window);
  const { settings } = await liveSettings(flags.profile, device !== undefined);
  const session = await openLiveSession(settings, { device });
  let run, result;
  try {
    const resolution = await resolveFlags(flags, session);
    run = runFor(resolution, headlessIdentity(resolution, flags), flags, Date.now());
    result = await runLive({ session, query: run.query, identity: run.identity, notes: run.notes });
  } finally {
    await session.close();
  }
  try {
    const files = await writeBundle(out, result.ctx, result.documents, result.analysis.coverage, run.record);
    const sources = result.analysis.sources.map((s) => `${s.name} ${s.status}${s.status === 'missing' ? '' : ` (${s.events} events)`}`);
    printNotes([...result.analysis.notes, `wrote ${out}: ${files.length} files; ${sources.join(', ')}`]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`--out ${out} already exists; choose a new directory`, 2);
    if (code === 'EACCES' || code === 'ENOENT' || code === 'EROFS') throw new UsageError(`cannot write ${out} (${code})`, 1);
    throw error;
  }
}

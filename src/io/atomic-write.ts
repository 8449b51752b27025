import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes what an earlier writer of the same target left when it was killed mid-write (SIGKILL, power
 * loss): `.NAME.PID.tmp` / `.NAME.PID.partial` of processes no longer running. They were never
 * visible under the target's name; this only tidies up.
 */
async function removeStaleTemps(parent: string, name: string, suffix: 'tmp' | 'partial'): Promise<void> {
  const prefix = `.${name}.`;
  const entries = await readdir(parent).catch(() => [] as string[]);
  for (const entry of entries) {
    if (!entry.startsWith(prefix) || !entry.endsWith(`.${suffix}`)) continue;
    const pid = Number(entry.slice(prefix.length, -suffix.length - 1));
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && !alive(pid)) await rm(join(parent, entry), { recursive: true, force: true });
  }
}

async function writeSynced(path: string, data: string): Promise<void> {
  const handle = await open(path, 'w', 0o600);
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename durable: the directory entry itself is flushed. */
async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Writes a file so that readers see the old content or the new, never a mix: temp file, fsync, rename. */
export async function writeFileAtomic(path: string, data: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  await removeStaleTemps(dirname(path), basename(path), 'tmp');
  try {
    await writeSynced(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncDirectory(dirname(path));
}

/**
 * Writes a directory of files all at once: everything goes into a hidden sibling directory, flushed,
 * which is then renamed into place. A directory that already exists is never overwritten.
 */
export async function writeDirectoryAtomic(dir: string, files: { rel: string; data: string }[]): Promise<void> {
  const existing = await stat(dir).catch(() => undefined);
  if (existing) throw Object.assign(new Error(`${dir} already exists; choose a new directory`), { code: 'EEXIST' });
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const temp = join(parent, `.${basename(dir)}.${process.pid}.partial`);
  await removeStaleTemps(parent, basename(dir), 'partial');
  await rm(temp, { recursive: true, force: true });
  try {
    for (const file of files) {
      const path = join(temp, ...file.rel.split('/'));
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeSynced(path, file.data);
    }
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  await syncDirectory(parent);
}

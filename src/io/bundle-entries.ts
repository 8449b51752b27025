/**
 * Lists the files of one bundle folder the way a bundle handed between people must be read: only
 * regular files, and only files that stay inside the bundle. A symbolic link may point at a file saved
 * elsewhere in the bundle; one that leaves it (`~/.config/trustline/config.yaml`, `/etc/shadow`), a
 * dangling link, a loop, a FIFO, socket or device, and a directory named like a bundle file are
 * refused with a note, never read.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';
import { describeFileError } from './bounded-file.js';

/** Files read per bundle folder; past this the folder is cut with a note (a million tiny files is not evidence). */
export const MAX_FILES_PER_FOLDER = 2000;

export interface FolderEntry {
  name: string;
  /** The file's real path (links resolved), inside the bundle. */
  path: string;
}

export interface FolderListing {
  files: FolderEntry[];
  /** One line per refused entry, naming it relative to the bundle root. */
  notes: string[];
  /** Set when the folder exists but cannot be listed (permission denied): one line. */
  unreadable?: string;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function kindOf(info: Awaited<ReturnType<typeof stat>>): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/**
 * The regular files of `realRoot/relDir` (realRoot already resolved with realpath), sorted by name.
 * `looksLikeFile(name)` says which directory names deserve a note (a directory called `system.log`).
 */
export async function listBundleFolder(realRoot: string, relDir: string, looksLikeFile: (name: string) => boolean): Promise<FolderListing> {
  const dir = join(realRoot, relDir);
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { files: [], notes: [] };
    const why = code === 'ENOTDIR' ? 'not a directory' : `cannot list the folder (${code ?? String(error)})`;
    return { files: [], notes: [], unreadable: `${relDir}: ${why}; its files were not read` };
  }
  const notes: string[] = [];
  if (names.length > MAX_FILES_PER_FOLDER) {
    notes.push(`${relDir}/: ${names.length} entries; only the first ${MAX_FILES_PER_FOLDER} by name were considered`);
    names = names.slice(0, MAX_FILES_PER_FOLDER);
  }
  const files: FolderEntry[] = [];
  for (const name of names) {
    const rel = relDir === '.' ? name : `${relDir}/${name}`;
    const path = join(dir, name);
    try {
      const own = await lstat(path);
      if (own.isFile()) {
        files.push({ name, path });
        continue;
      }
      if (own.isDirectory()) {
        if (looksLikeFile(name)) notes.push(`${rel}: a directory, not a file; not read`);
        continue;
      }
      if (!own.isSymbolicLink()) {
        notes.push(`${rel}: ${kindOf(own)}, not a regular file; not read`);
        continue;
      }
      const target = await realpath(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') throw new Error('a symbolic link to nothing');
        if (error.code === 'ELOOP') throw new Error('a symbolic link loop');
        throw error;
      });
      if (!inside(realRoot, target)) {
        notes.push(`${rel}: a symbolic link to a file outside the bundle; not read`);
        continue;
      }
      const info = await stat(target);
      if (info.isFile()) files.push({ name, path: target });
      else if (!info.isDirectory() || looksLikeFile(name)) notes.push(`${rel}: a symbolic link to ${kindOf(info)}; not read`);
    } catch (error) {
      notes.push(`${rel}: ${error instanceof Error && !('code' in error) ? error.message : describeFileError(error)}; not read`);
    }
  }
  return { files, notes };
}

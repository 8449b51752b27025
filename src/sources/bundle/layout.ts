import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleFile, SourceAdapter } from '../../core/adapter.js';
import { listBundleFolder } from '../../io/bundle-entries.js';

export class BundleError extends Error {}

export type { BundleFile };

export interface BundleLayout {
  root: string;
  meta: BundleFile | undefined;
  /** Per adapter id, the files it owns, sorted by path. */
  sources: Map<string, BundleFile[]>;
  /** Files the bundle format does not define; reported, not read. */
  ignored: string[];
  /** Entries refused (links leaving the bundle, FIFOs, devices, unreadable folders): one line each. */
  refused: string[];
}

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such directory';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'ENOTDIR') return 'not a directory';
  return e.message ?? String(error);
}

/** Real subfolders (not links) of a source's folder, one level down (device/probes/). */
async function listSubfolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EACCES') return [];
    throw error;
  }
}

/**
 * Finds the evidence files of a bundle directory (see DESIGN.md, "Evidence bundle"): each source's folder
 * and its subfolders, as its adapter says; links leaving the bundle and non-regular files are refused.
 * A bundle without any of the adapters' files is an error unless `requireEvidence` is false (one
 * source's files read from a bundle whose evidence may all be elsewhere).
 */
export async function readBundleLayout(root: string, adapters: readonly SourceAdapter[], options: { requireEvidence?: boolean } = {}): Promise<BundleLayout> {
  let realRoot: string;
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new BundleError(`bundle ${root} is not a directory`);
    realRoot = await realpath(root);
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(`cannot read bundle ${root}: ${describeFsError(error)}`);
  }
  const layout: BundleLayout = { root, meta: undefined, sources: new Map(), ignored: [], refused: [] };
  const folder = async (relDir: string, looksLikeFile: (name: string) => boolean): Promise<{ name: string; file: BundleFile }[]> => {
    const listing = await listBundleFolder(realRoot, relDir, looksLikeFile);
    layout.refused.push(...(listing.unreadable ? [listing.unreadable] : []), ...listing.notes);
    return listing.files.map((f) => ({ name: f.name, file: { path: f.path, rel: relDir === '.' ? f.name : `${relDir}/${f.name}` } }));
  };
  let found = 0;
  try {
    const meta = (await folder('.', (name) => name === 'meta.json')).find((f) => f.name === 'meta.json');
    if (meta) layout.meta = meta.file;
    for (const adapter of adapters) {
      const base = adapter.bundle.folder;
      const dirs = [base, ...(await listSubfolders(join(realRoot, base))).map((sub) => `${base}/${sub}`)];
      const owned: BundleFile[] = [];
      for (const dir of dirs) {
        for (const { file } of await folder(dir, (name) => adapter.bundle.owns(`${dir}/${name}`))) {
          if (adapter.bundle.owns(file.rel)) owned.push(file);
          else layout.ignored.push(file.rel);
        }
      }
      layout.sources.set(adapter.id, owned);
      found += owned.length;
    }
  } catch (error) {
    throw new BundleError(`cannot read bundle ${root}: ${describeFsError(error)}`);
  }
  if (found === 0 && options.requireEvidence !== false) {
    const folders = adapters.map((a) => `${a.bundle.folder}/`);
    const where = folders.length > 1 ? `${folders.slice(0, -1).join(', ')} or ${folders.at(-1)}` : (folders[0] ?? 'a source folder');
    const why = layout.refused.length > 0 ? ` (${layout.refused.join('; ')})` : '';
    throw new BundleError(`bundle ${root} has no evidence: expected files under ${where} (see README, "Evidence bundle")${why}`);
  }
  return layout;
}

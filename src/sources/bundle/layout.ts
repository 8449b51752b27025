import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleFile, SourceAdapter } from '../../core/adapter.js';

export class BundleError extends Error {}

export type { BundleFile };

export interface BundleLayout {
  root: string;
  meta: BundleFile | undefined;
  /** Per adapter id, the files it owns, sorted by path. */
  sources: Map<string, BundleFile[]>;
  /** Files the bundle format does not define; reported, not read. */
  ignored: string[];
}

async function listFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    const files: string[] = [];
    for (const e of entries) {
      // Follow symlinks: bundles assembled by hand often link to logs saved elsewhere.
      if (e.isFile() || (e.isSymbolicLink() && (await stat(join(dir, e.name)).catch(() => undefined))?.isFile())) files.push(e.name);
    }
    return files.sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such directory';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'ENOTDIR') return 'not a directory';
  return e.message ?? String(error);
}

/** Files under a source's folder and one level of subfolders (device/probes/), as bundle-relative paths. */
async function listSourceFiles(root: string, folder: string): Promise<string[]> {
  const out = (await listFiles(join(root, folder))).map((name) => `${folder}/${name}`);
  for (const sub of await listDirectories(join(root, folder))) {
    out.push(...(await listFiles(join(root, folder, sub))).map((name) => `${folder}/${sub}/${name}`));
  }
  return out;
}

async function listDirectories(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return [];
    throw error;
  }
}

/** Finds the evidence files of a bundle directory (see DESIGN.md, "Evidence bundle"): each source's folder, as its adapter says. */
export async function readBundleLayout(root: string, adapters: readonly SourceAdapter[]): Promise<BundleLayout> {
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new BundleError(`bundle ${root} is not a directory`);
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(`cannot read bundle ${root}: ${describeFsError(error)}`);
  }
  const file = (rel: string): BundleFile => ({ path: join(root, ...rel.split('/')), rel });
  const layout: BundleLayout = { root, meta: undefined, sources: new Map(), ignored: [] };
  let found = 0;
  try {
    if ((await listFiles(root)).includes('meta.json')) layout.meta = file('meta.json');
    for (const adapter of adapters) {
      const owned: BundleFile[] = [];
      for (const rel of await listSourceFiles(root, adapter.bundle.folder)) {
        if (adapter.bundle.owns(rel)) owned.push(file(rel));
        else layout.ignored.push(rel);
      }
      layout.sources.set(adapter.id, owned);
      found += owned.length;
    }
  } catch (error) {
    throw new BundleError(`cannot read bundle ${root}: ${describeFsError(error)}`);
  }
  if (found === 0) {
    const folders = adapters.map((a) => `${a.bundle.folder}/`);
    throw new BundleError(`bundle ${root} has no evidence: expected files under ${folders.slice(0, -1).join(', ')} or ${folders.at(-1)} (see README, "Evidence bundle")`);
  }
  return layout;
}

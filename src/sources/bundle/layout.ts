import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isProbeName, type ProbeName } from '../mac/probes/index.js';

export class BundleError extends Error {}

export interface BundleFile {
  path: string;
  /** Path relative to the bundle root, with forward slashes: what reports and raw refs show. */
  rel: string;
}

export interface BundleLayout {
  root: string;
  meta: BundleFile | undefined;
  okta: { logs: BundleFile[]; devices: BundleFile | undefined };
  jamf: { computer: BundleFile | undefined; mdmCommands: BundleFile | undefined; history: BundleFile | undefined };
  device: { logs: BundleFile[]; probes: (BundleFile & { name: ProbeName })[] };
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

/** Finds the evidence files of a bundle directory (see DESIGN.md, "Evidence bundle"). */
export async function readBundleLayout(root: string): Promise<BundleLayout> {
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new BundleError(`bundle ${root} is not a directory`);
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(`cannot read bundle ${root}: ${describeFsError(error)}`);
  }
  const file = (...parts: string[]): BundleFile => ({ path: join(root, ...parts), rel: parts.join('/') });
  const layout: BundleLayout = {
    root,
    meta: undefined,
    okta: { logs: [], devices: undefined },
    jamf: { computer: undefined, mdmCommands: undefined, history: undefined },
    device: { logs: [], probes: [] },
    ignored: [],
  };
  try {
    if ((await listFiles(root)).includes('meta.json')) layout.meta = file('meta.json');
    for (const name of await listFiles(join(root, 'okta'))) {
      if (name === 'devices.json') layout.okta.devices = file('okta', name);
      else if (name.endsWith('.json')) layout.okta.logs.push(file('okta', name));
      else layout.ignored.push(`okta/${name}`);
    }
    const jamfFiles: Record<string, keyof BundleLayout['jamf']> = {
      'computer.json': 'computer',
      'mdm-commands.json': 'mdmCommands',
      'history.json': 'history',
    };
    for (const name of await listFiles(join(root, 'jamf'))) {
      const slot = jamfFiles[name];
      if (slot) layout.jamf[slot] = file('jamf', name);
      else layout.ignored.push(`jamf/${name}`);
    }
    for (const name of await listFiles(join(root, 'device'))) {
      if (name.endsWith('.ndjson') || name.endsWith('.log')) layout.device.logs.push(file('device', name));
      else layout.ignored.push(`device/${name}`);
    }
    for (const name of await listFiles(join(root, 'device', 'probes'))) {
      const probe = name.endsWith('.txt') ? name.slice(0, -4) : '';
      if (isProbeName(probe)) layout.device.probes.push({ ...file('device', 'probes', name), name: probe });
      else layout.ignored.push(`device/probes/${name}`);
    }
  } catch (error) {
    throw new BundleError(`cannot read bundle ${root}: ${describeFsError(error)}`);
  }
  const sources = layout.okta.logs.length + (layout.okta.devices ? 1 : 0) +
    Object.values(layout.jamf).filter(Boolean).length + layout.device.logs.length + layout.device.probes.length;
  if (sources === 0) {
    throw new BundleError(`bundle ${root} has no evidence: expected files under okta/, jamf/ or device/ (see README, "Evidence bundle")`);
  }
  return layout;
}

import { realpath, stat } from 'node:fs/promises';
import { listBundleFolder } from '../../io/bundle-entries.js';
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
  /** Entries refused (links leaving the bundle, FIFOs, devices, unreadable folders): one line each. */
  refused: string[];
}

/** Names each folder's files may have, so that a directory with such a name gets a note. */
const FILE_NAME = {
  root: (name: string) => name === 'meta.json',
  okta: (name: string) => name.endsWith('.json'),
  jamf: (name: string) => name.endsWith('.json'),
  device: (name: string) => name.endsWith('.ndjson') || name.endsWith('.log'),
  probes: (name: string) => name.endsWith('.txt'),
};

function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such directory';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'ENOTDIR') return 'not a directory';
  return e.message ?? String(error);
}

/** Finds the evidence files of a bundle directory (see DESIGN.md, "Evidence bundle"). */
export async function readBundleLayout(root: string): Promise<BundleLayout> {
  let realRoot: string;
  try {
    const info = await stat(root);
    if (!info.isDirectory()) throw new BundleError(`bundle ${root} is not a directory`);
    realRoot = await realpath(root);
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError(`cannot read bundle ${root}: ${describeFsError(error)}`);
  }
  const layout: BundleLayout = {
    root,
    meta: undefined,
    okta: { logs: [], devices: undefined },
    jamf: { computer: undefined, mdmCommands: undefined, history: undefined },
    device: { logs: [], probes: [] },
    ignored: [],
    refused: [],
  };
  const folder = async (relDir: string, looksLikeFile: (name: string) => boolean): Promise<{ name: string; file: BundleFile }[]> => {
    const listing = await listBundleFolder(realRoot, relDir, looksLikeFile);
    layout.refused.push(...(listing.unreadable ? [listing.unreadable] : []), ...listing.notes);
    return listing.files.map((f) => ({ name: f.name, file: { path: f.path, rel: relDir === '.' ? f.name : `${relDir}/${f.name}` } }));
  };
  try {
    const meta = (await folder('.', FILE_NAME.root)).find((f) => f.name === 'meta.json');
    if (meta) layout.meta = meta.file;
    for (const { name, file } of await folder('okta', FILE_NAME.okta)) {
      if (name === 'devices.json') layout.okta.devices = file;
      else if (name.endsWith('.json')) layout.okta.logs.push(file);
      else layout.ignored.push(`okta/${name}`);
    }
    const jamfFiles: Record<string, keyof BundleLayout['jamf']> = {
      'computer.json': 'computer',
      'mdm-commands.json': 'mdmCommands',
      'history.json': 'history',
    };
    for (const { name, file } of await folder('jamf', FILE_NAME.jamf)) {
      // Own keys only: `constructor` or `__proto__` is a file name, not a slot.
      const slot = Object.hasOwn(jamfFiles, name) ? jamfFiles[name] : undefined;
      if (slot) layout.jamf[slot] = file;
      else layout.ignored.push(`jamf/${name}`);
    }
    for (const { name, file } of await folder('device', FILE_NAME.device)) {
      if (FILE_NAME.device(name)) layout.device.logs.push(file);
      else layout.ignored.push(`device/${name}`);
    }
    for (const { name, file } of await folder('device/probes', FILE_NAME.probes)) {
      const probe = name.endsWith('.txt') ? name.slice(0, -4) : '';
      if (isProbeName(probe)) layout.device.probes.push({ ...file, name: probe });
      else layout.ignored.push(`device/probes/${name}`);
    }
  } catch (error) {
    throw new BundleError(`cannot read bundle ${root}: ${describeFsError(error)}`);
  }
  const sources = layout.okta.logs.length + (layout.okta.devices ? 1 : 0) +
    Object.values(layout.jamf).filter(Boolean).length + layout.device.logs.length + layout.device.probes.length;
  if (sources === 0) {
    const why = layout.refused.length > 0 ? ` (${layout.refused.join('; ')})` : '';
    throw new BundleError(`bundle ${root} has no evidence: expected files under okta/, jamf/ or device/ (see README, "Evidence bundle")${why}`);
  }
  return layout;
}

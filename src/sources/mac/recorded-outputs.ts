import type { CollectedDocument } from '../../core/live.js';
import { readTextFile } from '../../io/bounded-file.js';
import { readBundleLayout } from '../bundle/layout.js';
import { macAdapter } from './adapter.js';
import { MAX_PROBE_BYTES } from './probes/index.js';
import { isProbeName, type ProbeName } from './probes/probe-names.js';
import type { CapturedOutputs } from './read-capture.js';
import { SSH_DEFAULTS } from './ssh/ssh-transport.js';

const PROBE_FILE = /^device\/probes\/([^/]+)\.txt$/;

/**
 * The Mac's outputs saved in a bundle's device/ folder, as a capture would hold them; each file is read
 * with the same type and size bounds as the analysis. With `skipUnreadable`, a file that cannot be read
 * is left out (the analysis's reading notes say why); otherwise its error is thrown.
 */
export async function recordedOutputs(bundleDir: string, skipUnreadable = false): Promise<CapturedOutputs> {
  const layout = await readBundleLayout(bundleDir, [macAdapter], { requireEvidence: false });
  const files = layout.sources.get(macAdapter.id) ?? [];
  const logs: CapturedOutputs['logs'] = [];
  const probes: CapturedOutputs['probes'] = [];
  await Promise.all(
    files.map(async (f) => {
      const name = PROBE_FILE.exec(f.rel)?.[1];
      const probe = name !== undefined && isProbeName(name);
      const read = readTextFile(f.path, probe ? MAX_PROBE_BYTES : SSH_DEFAULTS.maxOutputBytes);
      const text = skipUnreadable ? await read.catch(() => undefined) : await read;
      if (text === undefined) return;
      if (name !== undefined && isProbeName(name)) probes.push({ name: name as ProbeName, rel: f.rel, text });
      else logs.push({ rel: f.rel, text });
    }),
  );
  const byRel = (a: { rel: string }, b: { rel: string }): number => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
  return { logs: logs.sort(byRel), probes: probes.sort(byRel) };
}

/** The probe outputs saved in a bundle (device/probes/NAME.txt), for the report; one that cannot be read is left out. */
export async function bundleProbeOutputs(dir: string): Promise<{ name: string; text: string }[]> {
  return (await recordedOutputs(dir, true)).probes.map((p) => ({ name: p.name, text: p.text }));
}

/** The probe outputs among a live run's documents (device/probes/NAME.txt), for the report. */
export function probeOutputsOf(documents: readonly CollectedDocument[]): { name: string; text: string }[] {
  return documents.flatMap((d) => {
    const name = PROBE_FILE.exec(d.rel)?.[1];
    return 'text' in d && name !== undefined && isProbeName(name) ? [{ name, text: d.text }] : [];
  });
}

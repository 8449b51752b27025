import { readFile } from 'node:fs/promises';
import { readBundleLayout } from '../bundle/layout.js';
import { macAdapter } from './adapter.js';
import { isProbeName, type ProbeName } from './probes/probe-names.js';
import type { CapturedOutputs } from './read-capture.js';

const PROBE_FILE = /^device\/probes\/([^/]+)\.txt$/;

/** The Mac's outputs saved in a bundle's device/ folder, as a capture would hold them. */
export async function recordedOutputs(bundleDir: string): Promise<CapturedOutputs> {
  const layout = await readBundleLayout(bundleDir, [macAdapter]);
  const files = layout.sources.get(macAdapter.id) ?? [];
  const logs: CapturedOutputs['logs'] = [];
  const probes: CapturedOutputs['probes'] = [];
  await Promise.all(
    files.map(async (f) => {
      const text = await readFile(f.path, 'utf8');
      const name = PROBE_FILE.exec(f.rel)?.[1];
      if (name !== undefined && isProbeName(name)) probes.push({ name: name as ProbeName, rel: f.rel, text });
      else logs.push({ rel: f.rel, text });
    }),
  );
  const byRel = (a: { rel: string }, b: { rel: string }): number => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0);
  return { logs: logs.sort(byRel), probes: probes.sort(byRel) };
}

/** The probe outputs saved in a bundle (device/probes/NAME.txt), for the report. */
export async function bundleProbeOutputs(dir: string): Promise<{ name: string; text: string }[]> {
  return (await recordedOutputs(dir)).probes.map((p) => ({ name: p.name, text: p.text }));
}

import type { Analysis } from '../../model/analysis.js';
import { assembleAnalysis } from '../assemble.js';
import { sourceAdapters } from '../registry.js';
import { readBundleLayout } from './layout.js';
import { readBundleMeta } from './meta.js';

/** Reads an evidence bundle into one analysis: every registered source reads its own folder, in parallel. */
export async function analyzeBundle(dir: string): Promise<Analysis> {
  const adapters = sourceAdapters();
  const layout = await readBundleLayout(dir, adapters);
  const meta = await readBundleMeta(layout.meta?.path);
  const input = { ctx: meta.ctx, recorded: meta.coverage };
  const reads = await Promise.all(
    adapters.map(async (adapter) => ({ adapter, read: await adapter.readBundle(layout.sources.get(adapter.id) ?? [], input) })),
  );
  const notes = [...meta.notes, ...layout.refused, ...layout.ignored.map((rel) => `${rel}: not a bundle file; ignored`)];
  return assembleAnalysis(meta.ctx, reads, notes);
}

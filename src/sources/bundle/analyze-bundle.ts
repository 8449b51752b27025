import type { BundleInput, SourceAdapter } from '../../core/adapter.js';
import type { Analysis } from '../../model/analysis.js';
import { assembleAnalysis } from '../assemble.js';
import { sourceAdapters } from '../registry.js';
import { readBundleLayout } from './layout.js';
import { readBundleMeta } from './meta.js';

/** Reads an evidence bundle into one analysis: every registered source reads its own folder, in parallel (those that read last, after the others). */
export async function analyzeBundle(dir: string): Promise<Analysis> {
  const adapters = sourceAdapters();
  const layout = await readBundleLayout(dir, adapters);
  const meta = await readBundleMeta(layout.meta?.path);
  const input = { ctx: meta.ctx, recorded: meta.coverage };
  const read = async (adapter: SourceAdapter, extra: Partial<BundleInput> = {}) => ({ adapter, read: await adapter.readBundle(layout.sources.get(adapter.id) ?? [], { ...input, ...extra }) });
  const first = await Promise.all(adapters.filter((a) => !a.readsLast).map((a) => read(a)));
  const otherIdentities = first.flatMap(({ adapter, read: r }) => adapter.identities(r.state));
  const last = await Promise.all(adapters.filter((a) => a.readsLast).map((a) => read(a, { otherIdentities })));
  // Registry order, whatever order they were read in.
  const reads = adapters.map((a) => [...first, ...last].find((r) => r.adapter === a)!);
  const notes = [...meta.notes, ...layout.refused, ...layout.ignored.map((rel) => `${rel}: not a bundle file; ignored`)];
  return assembleAnalysis(meta.ctx, reads, notes);
}

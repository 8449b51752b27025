import type { BundleInput, SourceAdapter } from '../../core/adapter.js';
import { watchFileOpens } from '../../io/bounded-file.js';
import type { Analysis } from '../../model/analysis.js';
import { assembleAnalysis } from '../assemble.js';
import { sourceAdapters } from '../registry.js';
import { readBundleLayout } from './layout.js';
import { readBundleMeta } from './meta.js';

/** How far a bundle read is: listing its folders, then reading the files listed (how many opened so far). */
export type BundleProgress = { stage: 'listing' } | { stage: 'reading'; files: number; opened: number };

/** Progress is told after the listing and then every this many files opened. */
export const PROGRESS_EVERY_FILES = 100;

/**
 * Reads an evidence bundle into one analysis: every registered source reads its own folder, in parallel
 * (those that read last, after the others). `progress` hears how far the read is (for a progress line on long reads).
 */
export async function analyzeBundle(dir: string, progress?: (p: BundleProgress) => void): Promise<Analysis> {
  const adapters = sourceAdapters();
  progress?.({ stage: 'listing' });
  const layout = await readBundleLayout(dir, adapters);
  const meta = await readBundleMeta(layout.meta?.path);
  const input = { ctx: meta.ctx, recorded: meta.coverage };
  const files = [...layout.sources.values()].reduce((n, list) => n + list.length, 0);
  let opened = 0;
  progress?.({ stage: 'reading', files, opened });
  const unwatch = progress
    ? watchFileOpens(() => {
        if (++opened % PROGRESS_EVERY_FILES === 0) progress({ stage: 'reading', files, opened });
      })
    : () => undefined;
  const read = async (adapter: SourceAdapter, extra: Partial<BundleInput> = {}) => ({ adapter, read: await adapter.readBundle(layout.sources.get(adapter.id) ?? [], { ...input, ...extra }) });
  let reads;
  try {
    const first = await Promise.all(adapters.filter((a) => !a.readsLast).map((a) => read(a)));
    const otherIdentities = first.flatMap(({ adapter, read: r }) => adapter.identities(r.state));
    const last = await Promise.all(adapters.filter((a) => a.readsLast).map((a) => read(a, { otherIdentities })));
    // Registry order, whatever order they were read in.
    reads = adapters.map((a) => [...first, ...last].find((r) => r.adapter === a)!);
  } finally {
    unwatch();
  }
  const notes = [...meta.notes, ...layout.refused, ...layout.ignored.map((rel) => `${rel}: not a bundle file; ignored`)];
  return assembleAnalysis(meta.ctx, reads, notes);
}

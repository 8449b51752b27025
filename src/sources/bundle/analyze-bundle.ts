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
 * Reads an evidence bundle into one analysis: every registered source reads its own folder, in parallel.
 * `progress` hears how far the read is (for a progress line on long reads).
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
  let reads;
  try {
    reads = await Promise.all(
      adapters.map(async (adapter) => ({ adapter, read: await adapter.readBundle(layout.sources.get(adapter.id) ?? [], input) })),
    );
  } finally {
    unwatch();
  }
  const notes = [...meta.notes, ...layout.refused, ...layout.ignored.map((rel) => `${rel}: not a bundle file; ignored`)];
  return assembleAnalysis(meta.ctx, reads, notes);
}

import { writeDirectoryAtomic } from '../../io/atomic-write.js';
import type { Coverage } from '../../core/coverage.js';
import type { ResolutionRecord } from '../../core/identity-text.js';
import type { ParseContext } from '../../model/context.js';
import { coverageForMeta } from './meta.js';
import { escapeJsonText } from '../../text/json-safe.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import type { CollectedDocument } from '../../core/live.js';

/**
 * Writes what a live run gathered as an evidence bundle (DESIGN.md "Evidence bundle"): meta.json from
 * the run's context, API documents as received, output text (the Mac's) byte for byte. `analyze --bundle`
 * reads it back to the same analysis.
 */
export async function writeBundle(
  dir: string,
  ctx: ParseContext,
  documents: readonly CollectedDocument[],
  coverage: readonly Coverage[],
  resolution?: ResolutionRecord,
): Promise<string[]> {
  const meta: Record<string, unknown> = {};
  if (ctx.serial) meta['serial'] = ctx.serial;
  if (ctx.hostname) meta['hostname'] = ctx.hostname;
  if (ctx.user) meta['user'] = ctx.user;
  if (ctx.collectedAtMs !== undefined) meta['collectedAt'] = formatIsoUtc(ctx.collectedAtMs);
  if (ctx.deviceTimeZone) meta['deviceTimeZone'] = ctx.deviceTimeZone;
  // The window and filter of every stream read, so a replay knows what absence means.
  meta['coverage'] = coverageForMeta(coverage);
  // How the Mac was found: the keys given and what each system answered (replay shows it).
  if (resolution) meta['resolution'] = resolution;
  const files = [
    // JSON files carry no raw control or bidi character (escaped as \uXXXX: the same data, safe to `cat`).
    { rel: 'meta.json', data: `${escapeJsonText(JSON.stringify(meta, null, 2))}\n` },
    ...documents.map((d) => ({ rel: d.rel, data: 'json' in d ? `${escapeJsonText(JSON.stringify(d.json, null, 1))}\n` : d.text })),
  ];
  await writeDirectoryAtomic(dir, files);
  return files.map((f) => f.rel);
}

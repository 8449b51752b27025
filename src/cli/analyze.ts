import { analyzeBundle } from '../sources/bundle/analyze-bundle.js';
import { BundleError } from '../sources/bundle/layout.js';
import { analyzeJsonChunks } from '../report/json-report.js';
import { renderMarkdown } from '../report/markdown-report.js';
import { writeChunks } from '../report/write-chunks.js';
import { sanitizeLine } from '../text/sanitize.js';
import { UsageError } from './usage-error.js';

export interface AnalyzeOptions {
  bundle: string;
  format: 'json' | 'md';
}

/** `trustline analyze --bundle DIR`: the result on stdout; exit 0 whenever the bundle could be read. */
export async function runAnalyze(opts: AnalyzeOptions): Promise<void> {
  let analysis;
  try {
    analysis = await analyzeBundle(opts.bundle);
  } catch (error) {
    if (error instanceof BundleError) throw new UsageError(error.message, 1);
    throw error;
  }
  if (opts.format === 'json') {
    // The JSON contract has no place for reading notes; stderr carries them. Markdown has its own section.
    for (const note of analysis.notes) process.stderr.write(`trustline: ${sanitizeLine(note, 400)}\n`);
    await writeChunks(process.stdout, analyzeJsonChunks(analysis));
  } else {
    await writeChunks(process.stdout, [renderMarkdown(analysis)]);
  }
}

import { readConfig } from '../config/config-file.js';
import { DocumentError } from '../config/yaml-document.js';
import { analyzeBundle } from '../sources/bundle/analyze-bundle.js';
import { loadHypotheses, triage, type ActiveHypotheses } from '../triage/triage.js';
import { BundleError } from '../sources/bundle/layout.js';
import { analyzeJsonChunks } from '../report/json-report.js';
import { renderMarkdown } from '../report/markdown-report.js';
import { writeChunks } from '../report/write-chunks.js';
import { sanitizeLine } from '../text/sanitize.js';
import { UsageError } from './usage-error.js';

export interface AnalyzeOptions {
  bundle: string;
  format: 'json' | 'md';
  rules?: string | undefined;
  window?: string | undefined;
}

/** Config and packs are checked before any evidence is read: a bad pack changes nothing. */
async function activeHypotheses(opts: AnalyzeOptions): Promise<ActiveHypotheses> {
  try {
    const config = await readConfig();
    return await loadHypotheses({ rulesDir: opts.rules ?? config.rules, window: opts.window ?? config.window });
  } catch (error) {
    if (error instanceof DocumentError) throw new UsageError(error.message, 2);
    throw error;
  }
}

/** `trustline analyze --bundle DIR`: the result on stdout; exit 0 whenever the bundle could be read. */
export async function runAnalyze(opts: AnalyzeOptions): Promise<void> {
  const active = await activeHypotheses(opts);
  let analysis;
  try {
    analysis = await analyzeBundle(opts.bundle);
  } catch (error) {
    if (error instanceof BundleError) throw new UsageError(error.message, 1);
    throw error;
  }
  analysis.hypotheses = triage(analysis, active);
  if (opts.format === 'json') {
    // The JSON contract has no place for reading notes; stderr carries them. Markdown has its own section.
    for (const note of analysis.notes) process.stderr.write(`trustline: ${sanitizeLine(note, 400)}\n`);
    await writeChunks(process.stdout, analyzeJsonChunks(analysis));
  } else {
    await writeChunks(process.stdout, [renderMarkdown(analysis)]);
  }
}

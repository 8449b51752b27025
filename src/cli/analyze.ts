import { readConfig, type Config } from '../config/config-file.js';
import { DocumentError } from '../config/yaml-document.js';
import type { Analysis } from '../model/analysis.js';
import { analyzeJsonChunks } from '../report/json-report.js';
import { renderMarkdown } from '../report/markdown-report.js';
import { writeChunks } from '../report/write-chunks.js';
import { redactSecrets } from '../secrets/registry.js';
import { analyzeBundle } from '../sources/bundle/analyze-bundle.js';
import { BundleError } from '../sources/bundle/layout.js';
import { runLive } from '../sources/live/run-live.js';
import { sanitizeLine } from '../text/sanitize.js';
import { loadHypotheses, triage, type ActiveHypotheses } from '../triage/triage.js';
import { deviceRunner, liveQuery, liveSettings, type LiveFlags } from './live-args.js';
import { UsageError } from './usage-error.js';

export type OutputFormat = 'json' | 'md';

export interface PackFlags {
  rules?: string | undefined;
  window?: string | undefined;
}

/** Config and packs are checked before any evidence is read: a bad pack changes nothing. */
export async function activeHypotheses(flags: PackFlags, config?: Config): Promise<ActiveHypotheses> {
  try {
    const cfg = config ?? (await readConfig());
    return await loadHypotheses({ rulesDir: flags.rules ?? cfg.rules, window: flags.window ?? cfg.window });
  } catch (error) {
    if (error instanceof DocumentError) throw new UsageError(error.message, 2);
    throw error;
  }
}

/** One line per note on stderr, sanitised and with secrets masked. */
export function printNotes(lines: string[]): void {
  for (const line of lines) process.stderr.write(`trustline: ${redactSecrets(sanitizeLine(line, 400))}\n`);
}

/** Prints a triaged analysis in the chosen format. */
export async function printAnalysis(analysis: Analysis, format: OutputFormat): Promise<void> {
  if (format === 'json') {
    // The JSON contract has no place for reading notes; stderr carries them. Markdown has its own section.
    printNotes(analysis.notes);
    await writeChunks(process.stdout, (function* () {
      for (const chunk of analyzeJsonChunks(analysis)) yield redactSecrets(chunk);
    })());
  } else {
    await writeChunks(process.stdout, [redactSecrets(renderMarkdown(analysis))]);
  }
}

/** `trustline analyze --bundle DIR`: the result on stdout; exit 0 whenever the bundle could be read. */
export async function runAnalyzeBundle(bundle: string, format: OutputFormat, packs: PackFlags): Promise<void> {
  const active = await activeHypotheses(packs);
  let analysis;
  try {
    analysis = await analyzeBundle(bundle);
  } catch (error) {
    if (error instanceof BundleError) throw new UsageError(error.message, 1);
    throw error;
  }
  analysis.hypotheses = triage(analysis, active);
  await printAnalysis(analysis, format);
}

/** `trustline analyze --serial S`: the live sources, fetched at once, then the same output as a bundle. */
export async function runAnalyzeLive(flags: LiveFlags, format: OutputFormat, packs: PackFlags): Promise<void> {
  const query = liveQuery(flags, Date.now());
  const device = deviceRunner(flags, query);
  const { config, settings } = await liveSettings(flags.profile, device !== undefined);
  const active = await activeHypotheses(packs, config);
  const { analysis } = await runLive({ settings, query, identity: { hostname: undefined, user: flags.user, deviceTimeZone: undefined }, device });
  analysis.hypotheses = triage(analysis, active);
  await printAnalysis(analysis, format);
}

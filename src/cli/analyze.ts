import type { Analysis } from '../model/analysis.js';
import { analyzeJsonChunks } from '../report/json-report.js';
import { noEvidence } from '../report/incident.js';
import { makeReport } from '../report/make-report.js';
import { renderMarkdown } from '../report/markdown-report.js';
import type { CollectedOutput } from '../report/probe-runs.js';
import { bundleProbeOutputs, probeOutputsOf } from '../sources/mac/recorded-outputs.js';
import { openLiveSession } from '../sources/live/live-session.js';
import { writeChunks } from '../report/write-chunks.js';
import { analyzeBundle } from '../sources/bundle/analyze-bundle.js';
import { withProgressLine } from './progress-line.js';
import { safeLine } from '../text/boundary.js';
import { rankAnalysis } from '../diagnosis/rank-analysis.js';
import { activeModel, type PackFlags } from './active-model.js';
import { deviceRunner, liveQuery, liveSettings } from './live-args.js';
import type { LiveFlags } from './live-flags.js';
import { headlessIdentity, resolveFlags, runFor } from './resolve-device.js';

export type OutputFormat = 'json' | 'md';

/** How the analysis is printed: `--json` (the contract, or with `report` the report form) or `--md` (the report). */
export interface OutputOptions {
  format: OutputFormat;
  /** With --json: the incident report form (contract keys plus `report`). --md is always the report. */
  report: boolean;
  /** Reports: pseudonymise identifiers (false with --no-redact). */
  redact: boolean;
}

/** One line per note on stderr, sanitised and with secrets masked. */
export function printNotes(lines: string[]): void {
  for (const line of lines) process.stderr.write(`trustline: ${safeLine(line, 400)}\n`);
}

/**
 * Prints a triaged analysis: the plain `--json` contract exactly as DESIGN.md has it (identifiers as
 * collected: other tools correlate on them), or the incident report (`--md`, `--json --report`),
 * pseudonymised unless `redact` is off. `collected` are the probe outputs the evidence came with.
 */
export async function printAnalysis(analysis: Analysis, out: OutputOptions, collected: readonly CollectedOutput[] = []): Promise<void> {
  if (out.format === 'json' && !out.report) {
    // The JSON contract has no place for reading notes; stderr carries them. Reports have their own section.
    printNotes(analysis.notes);
    await writeChunks(process.stdout, analyzeJsonChunks(analysis));
    return;
  }
  const made = await reportOf(analysis, out.redact, collected);
  if (out.format === 'json') {
    printNotes(analysis.notes);
    await writeChunks(process.stdout, analyzeJsonChunks(analysis, { text: made.text, report: made.report }));
  } else {
    await writeChunks(process.stdout, [`${renderMarkdown(made.report)}\n`]);
  }
}

function reportOf(analysis: Analysis, redact: boolean, collected: readonly CollectedOutput[]) {
  return makeReport(analysis, { redact, collected });
}

/** `trustline analyze --bundle DIR`: the result on stdout; exit 0 whenever the bundle could be read. */
export async function runAnalyzeBundle(bundle: string, out: OutputOptions, packs: PackFlags): Promise<void> {
  const active = await activeModel(packs);
  const analysis = await withProgressLine((line) => analyzeBundle(bundle, line.bundle));
  analysis.hypotheses = rankAnalysis(analysis, active);
  await printAnalysis(analysis, out, out.format === 'json' && !out.report ? [] : await bundleProbeOutputs(bundle));
}

/** `trustline analyze --serial S | --user U | …`: the Mac resolved, the live sources fetched at once, then the same output as a bundle. */
export async function runAnalyzeLive(flags: LiveFlags, out: OutputOptions, packs: PackFlags): Promise<void> {
  const window = liveQuery(flags, Date.now());
  const device = deviceRunner(flags, window);
  const { config, settings } = await liveSettings(flags.profile, device !== undefined);
  const active = await activeModel(packs, config);
  const { runLive } = await import('../sources/live/run-live.js');
  const session = await openLiveSession(settings, { device });
  let live;
  try {
    const resolution = await resolveFlags(flags, session);
    const run = runFor(resolution, headlessIdentity(resolution, flags), flags, Date.now());
    live = await runLive({ session, query: run.query, identity: run.identity, notes: run.notes });
  } finally {
    await session.close();
  }
  const { analysis, documents } = live;
  // Headless output is read by people who can run a probe by hand: the ranking and next step are the
  // same as a replay of the collected bundle gives (only the console limits `r` to a connected Mac).
  analysis.hypotheses = rankAnalysis(analysis, active);
  // Said first, before any ranking: with no evidence the list below means nothing.
  const none = noEvidence(analysis);
  if (none) printNotes([none]);
  await printAnalysis(analysis, out, probeOutputsOf(documents));
}

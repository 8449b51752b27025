import type { Analysis } from '../model/analysis.js';
import type { JournalEntry } from '../model/journal.js';
import { buildIncidentReport, type IncidentReport, type MarkedStep } from './incident.js';
import { probeRuns, type CollectedOutput, type OutputsByDigest } from './probe-runs.js';
import { loadPseudonymKey } from './pseudonym-key.js';
import { pseudonymizerFor } from './pseudonymize.js';
import { redactReport } from './redact-report.js';

export interface MakeReportOptions {
  /** Pseudonymise identifiers (the default everywhere; --no-redact turns it off). */
  redact: boolean;
  /** Probe outputs the evidence came with. */
  collected?: readonly CollectedOutput[];
  /** Probes run from the console, and their outputs by digest. */
  journal?: readonly JournalEntry[];
  outputs?: OutputsByDigest;
  /** Runbook steps marked done or skipped in the console. */
  steps?: readonly MarkedStep[];
  nowMs?: number;
  env?: NodeJS.ProcessEnv;
}

export interface MadeReport {
  report: IncidentReport;
  /** What was applied to the report's strings: the same for other output of the same analysis (the JSON contract keys). */
  text: (s: string) => string;
}

/** The incident report of a triaged analysis, pseudonymised unless asked not to be. */
export async function makeReport(analysis: Analysis, opts: MakeReportOptions): Promise<MadeReport> {
  const probes = probeRuns(analysis, opts.collected ?? [], opts.journal ?? [], opts.outputs);
  const report = buildIncidentReport({ analysis, probes, steps: [...(opts.steps ?? [])], nowMs: opts.nowMs ?? Date.now() });
  if (!opts.redact) return { report, text: (s) => s };
  const p = pseudonymizerFor(await loadPseudonymKey(opts.env), analysis);
  return { report: redactReport(report, p), text: (s) => p.text(s) };
}

import type { Analysis } from '../model/analysis.js';
import { sha256 } from '../io/sha256.js';
import type { JournalEntry } from '../model/journal.js';

/** Lines of a probe's output a report quotes; the rest is counted (the digest covers all of it). */
export const OUTPUT_MAX_LINES = 60;

/** One probe as the report lists it: what ran, how it ended, what it printed and what trustline read from it. */
export interface ProbeRun {
  name: string;
  command: string;
  /** `collected`: came with the evidence (bundle or live run); `console`: run from the console's runbook. */
  origin: 'collected' | 'console';
  at?: string;
  exitCode?: number | null;
  outputSha256: string;
  error?: string;
  /** The first OUTPUT_MAX_LINES lines of the output, when it is known. */
  output?: string;
  /** Lines of output not quoted. */
  outputLinesCut?: number;
  /** What trustline read from it: the probe event's summary. */
  reading?: string;
}

/** A probe output the evidence came with. */
export interface CollectedOutput {
  name: string;
  text: string;
}

/** Outputs of probes run from the console, by the SHA-256 the journal records. */
export type OutputsByDigest = ReadonlyMap<string, string>;

function quoted(text: string | undefined): Pick<ProbeRun, 'output' | 'outputLinesCut'> {
  if (text === undefined) return {};
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines.length <= OUTPUT_MAX_LINES) return { output: lines.join('\n') };
  return { output: lines.slice(0, OUTPUT_MAX_LINES).join('\n'), outputLinesCut: lines.length - OUTPUT_MAX_LINES };
}

function readingOf(a: Analysis, name: string): { reading?: string } {
  let summary: string | undefined;
  for (const e of a.timeline) if (e.kind === `device.probe.${name}`) summary = e.summary;
  return summary === undefined ? {} : { reading: summary };
}

/** Every command the analysis's sources may run, by name, as the evidence shows it was run (the endpoint adapters say). */
function commandsOf(a: Analysis): ReadonlyMap<string, string> {
  return new Map(a.sources.flatMap((s) => Object.entries(s.commands ?? {})));
}

function nameOfCommand(commands: ReadonlyMap<string, string>, command: string): string | undefined {
  return [...commands].find(([, shown]) => shown === command)?.[0];
}

/** The probes of an incident: those that came with the evidence, then those run from the console, in order. */
export function probeRuns(a: Analysis, collected: readonly CollectedOutput[], journal: readonly JournalEntry[] = [], outputs: OutputsByDigest = new Map()): ProbeRun[] {
  const commands = commandsOf(a);
  const runs: ProbeRun[] = collected.map((c) => ({
    name: c.name,
    command: commands.get(c.name) ?? c.name,
    origin: 'collected',
    outputSha256: sha256(c.text),
    ...quoted(c.text),
    ...readingOf(a, c.name),
  }));
  for (const entry of journal) {
    const name = nameOfCommand(commands, entry.command) ?? entry.step;
    runs.push({
      name,
      command: entry.command,
      origin: 'console',
      at: entry.at,
      exitCode: entry.exitCode,
      outputSha256: entry.outputSha256,
      ...(entry.error !== undefined ? { error: entry.error } : {}),
      ...quoted(outputs.get(entry.outputSha256)),
      ...(entry.error === undefined ? readingOf(a, name) : {}),
    });
  }
  return runs;
}

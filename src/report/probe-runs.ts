import type { Analysis } from '../model/analysis.js';
import { PROBE_COMMANDS, remoteCommand } from '../sources/mac/ssh/commands.js';
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

/**
 * The command a collected output came from. sntp's output names the server it asked, which need not be
 * the default (an admin's own run, a Mac set to another time server): the command shown names that one.
 */
function collectedCommand(a: Analysis, name: string): string {
  if (name === 'sntp') {
    const server = a.timeline.findLast((e) => e.kind === 'device.probe.sntp')?.fields['server'];
    if (typeof server === 'string') {
      try {
        return remoteCommand('sntp', { server }).display;
      } catch {
        // Not a host name trustline would run sntp against: the default command is all it can show.
      }
    }
  }
  return PROBE_COMMANDS[name] ?? name;
}

function nameOfCommand(command: string): string | undefined {
  return Object.keys(PROBE_COMMANDS).find((name) => PROBE_COMMANDS[name] === command);
}

/** The probes of an incident: those that came with the evidence, then those run from the console, in order. */
export function probeRuns(a: Analysis, collected: readonly CollectedOutput[], journal: readonly JournalEntry[] = [], outputs: OutputsByDigest = new Map()): ProbeRun[] {
  const runs: ProbeRun[] = collected.map((c) => ({
    name: c.name,
    command: collectedCommand(a, c.name),
    origin: 'collected',
    outputSha256: sha256(c.text),
    ...quoted(c.text),
    ...readingOf(a, c.name),
  }));
  for (const entry of journal) {
    const name = nameOfCommand(entry.command) ?? entry.step;
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

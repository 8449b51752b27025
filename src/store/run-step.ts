import { createHash } from 'node:crypto';
import type { Analysis } from '../model/analysis.js';
import type { ParseContext } from '../model/context.js';
import { addDeviceOutput, type DeviceOutput } from '../sources/mac/add-output.js';
import { evidenceOf } from '../sources/mac/ssh/collect.js';
import { isLogName, type RemoteCommand } from '../sources/mac/ssh/commands.js';
import { describeError } from '../sources/mac/ssh/errors.js';
import type { ProbeTransport } from '../sources/mac/ssh/transport.js';
import { formatIsoUtc } from '../time/timestamp.js';
import type { JournalEntry } from './types.js';

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function deviceOutput(command: RemoteCommand, text: string): DeviceOutput {
  return isLogName(command.name) ? { kind: 'log', rel: command.rel, text } : { kind: 'probe', name: command.name, rel: command.rel, text };
}

export interface StepOutcome {
  entry: JournalEntry;
  /** The analysis with the output folded in (not yet re-ranked); undefined when nothing was kept. */
  analysis: Analysis | undefined;
  events: number;
  /** The captured evidence text (its SHA-256 is the entry's outputSha256). */
  text?: string;
}

/**
 * Runs one allow-listed command through the transport and folds what it captured into the analysis.
 * Never throws: a failure or a cancellation becomes the journal entry's `error`.
 */
export async function runStep(
  args: { transport: ProbeTransport; command: RemoteCommand; title: string; signal: AbortSignal; now: () => number; ctx: ParseContext },
  current: () => Analysis,
): Promise<StepOutcome> {
  const { transport, command, title, signal } = args;
  const base = { at: formatIsoUtc(args.now()), step: title, command: command.display };
  try {
    const result = await transport.run(command, signal);
    const { text, failure } = evidenceOf(command, result);
    const entry: JournalEntry = { ...base, exitCode: result.exitCode, outputSha256: sha256(text ?? ''), ...(failure ? { error: failure.message } : {}) };
    if (text === undefined) return { entry, analysis: undefined, events: 0 };
    const before = current();
    const analysis = await addDeviceOutput(before, deviceOutput(command, text), args.ctx);
    const events = analysis.timeline.filter((e) => e.raw.file === command.rel).length;
    return { entry, analysis, events, text };
  } catch (error) {
    const why = signal.aborted ? 'cancelled' : describeError(error);
    return { entry: { ...base, exitCode: null, outputSha256: sha256(''), error: why }, analysis: undefined, events: 0 };
  }
}

import type { ProbeRunner, StepOutcome } from '../../core/probe-runner.js';
import { sha256 } from '../../io/sha256.js';
import type { Analysis } from '../../model/analysis.js';
import type { ParseContext } from '../../model/context.js';
import type { JournalEntry } from '../../model/journal.js';
import { formatIsoUtc } from '../../time/timestamp.js';
import { addDeviceOutput, type DeviceOutput } from './add-output.js';
import { evidenceOf } from './ssh/collect.js';
import { COMMAND_NAMES, isLogName, remoteCommand, type CommandName, type RemoteCommand } from './ssh/commands.js';
import { describeError } from './ssh/errors.js';
import type { ProbeTransport } from './ssh/transport.js';

export function deviceOutput(command: RemoteCommand, text: string): DeviceOutput {
  return isLogName(command.name) ? { kind: 'log', rel: command.rel, text } : { kind: 'probe', name: command.name, rel: command.rel, text };
}


/** The journal's error for a run that never ended here: trustline itself ended (a hang-up, a signal, a quit) while it ran. */
export const INTERRUPTED = 'interrupted: trustline ended while the command ran';

/**
 * The Mac's probe-run loop, which the store calls as an action: runs one allow-listed command through the transport and folds what it captured into the analysis.
 * Never throws: a failure or a cancellation becomes the journal entry's `error`. `whileRunning` is
 * handed the entry to journal should the process end before the run does, and returns its remover.
 */
export async function runStep(
  args: {
    transport: ProbeTransport;
    command: RemoteCommand;
    title: string;
    signal: AbortSignal;
    now: () => number;
    ctx: ParseContext;
    whileRunning?: ((interrupted: JournalEntry) => () => void) | undefined;
  },
  current: () => Analysis,
): Promise<StepOutcome> {
  const { transport, command, title, signal } = args;
  const base = { at: formatIsoUtc(args.now()), step: title, command: command.display };
  const ended = args.whileRunning?.({ ...base, exitCode: null, outputSha256: sha256(''), error: INTERRUPTED }) ?? (() => undefined);
  try {
    const result = await transport.run(command, signal);
    const { text, failure } = evidenceOf(command, result);
    const entry: JournalEntry = { ...base, exitCode: result.exitCode, outputSha256: sha256(text ?? ''), ...(failure ? { error: failure.message } : {}) };
    if (text === undefined) return { entry, analysis: undefined, added: [] };
    const before = current();
    const { analysis, added } = await addDeviceOutput(before, deviceOutput(command, text), args.ctx);
    return { entry, analysis, added, text };
  } catch (error) {
    const why = signal.aborted ? 'cancelled' : describeError(error);
    return { entry: { ...base, exitCode: null, outputSha256: sha256(''), error: why }, analysis: undefined, added: [] };
  } finally {
    ended();
  }
}

function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

/** The Mac's probe-run loop over one transport, as the store's action. */
export function transportProbeRunner(transport: ProbeTransport): ProbeRunner {
  return {
    run({ probe, ...request }, current) {
      if (!isCommandName(probe)) throw new Error(`"${probe}" is not an allow-listed probe`);
      return runStep({ transport, command: remoteCommand(probe), ...request }, current);
    },
  };
}

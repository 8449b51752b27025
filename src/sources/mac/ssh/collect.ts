/**
 * Collects the Mac's side of the story through a transport: every log read for a window and every
 * probe, as raw outputs placed where a bundle keeps them, so they feed the bundle parsers
 * unchanged. One failing command never stops the others: it becomes one note line.
 */
import type { ProbeName } from '../probes/index.js';
import { capturedText, isLogName, remoteCommand, type CommandName, type RemoteCommand } from './commands.js';
import { commandFailure, describeError, type SshError, type SshFailureKind } from './errors.js';
import type { CommandResult, ProbeTransport } from './transport.js';

export interface DeviceCapture {
  logs: { rel: string; text: string }[];
  probes: { name: ProbeName; rel: string; text: string }[];
  /**
   * Local clock at the midpoint of the `date -u` round trip: what the date-utc output is compared
   * with to measure the Mac's clock offset. The end of the collection when date-utc failed.
   */
  collectedAtMs: number;
  /** One line per failed command: `device: NAME: reason`. */
  notes: string[];
  /** Why the collection stopped before its last command (the source deadline); what came before is kept. */
  stopped?: string;
}

export interface CollectOptions {
  /** The log window, as `log show --last` takes it: e.g. "2h". */
  since: string;
  signal?: AbortSignal;
  nowMs?: () => number;
  /** Told the collection time as soon as `date -u` has answered, so other sources can normalise meanwhile. */
  onCollectedAt?: (ms: number) => void;
}

/**
 * Run order. A cheap probe goes first so the connection is up before `date -u` runs: its round trip
 * (and so the clock reading) then excludes the SSH handshake. The log reads, the slowest, go last.
 */
const ORDER: readonly CommandName[] = [
  'profiles-status',
  'date-utc',
  'sntp',
  'okta-mtls-cert',
  'keychain-info',
  'app-sso-platform',
  'timeserver',
  'sw-vers',
  'okta-verify-version',
  'app-sso-extensions',
  'scutil-proxy',
  'systemextensions',
  'log-trust',
  'log-sso',
  'log-mdm',
  'log-clock',
  'log-push',
];

/** Failures that leave nothing worth parsing: the output, if any, is an error message. */
const NO_EVIDENCE: readonly SshFailureKind[] = ['not-admin', 'sudo-password', 'command-missing'];

/**
 * The evidence text of an answer (undefined when nothing is worth parsing) and its failure, if it
 * failed. A cut output is kept, and so is a failure that still printed something the parsers read
 * (sntp's "no servers can be used"). Shared by the collection and by single runbook steps.
 */
export function evidenceOf(command: RemoteCommand, result: CommandResult): { text: string | undefined; failure: SshError | undefined } {
  const failure = commandFailure(result, command);
  const text = capturedText(command, result);
  if (!failure) return { text, failure };
  // A probe whose program is not on the Mac is an answer in itself: its parser says so.
  if (failure.kind === 'command-missing' && command.kind === 'probe') return { text: result.stdout + result.stderr, failure };
  const keep = !NO_EVIDENCE.includes(failure.kind) && (failure.kind === 'output-cut' || text.trim() !== '');
  return { text: keep ? text : undefined, failure };
}

/** The abort reason of a deadline (AbortSignal.timeout's TimeoutError), as against a cancel. */
function isDeadline(reason: unknown): boolean {
  return (reason as { name?: unknown } | undefined)?.name === 'TimeoutError';
}

function stoppedLine(left: readonly string[], total: number): string {
  const named = left.slice(0, 3).join(', ') + (left.length > 3 ? ', …' : '');
  return `stopped at the source deadline: ${left.length} of ${total} commands not run or not finished (${named}); what came before is kept`;
}

export async function collectDevice(transport: ProbeTransport, opts: CollectOptions): Promise<DeviceCapture> {
  const now = opts.nowMs ?? Date.now;
  // Built (and validated) before anything runs: a bad window stops the collection here.
  const commands = ORDER.map((name) => (isLogName(name) ? remoteCommand(name, { last: opts.since }) : remoteCommand(name)));
  const capture: DeviceCapture = { logs: [], probes: [], collectedAtMs: 0, notes: [] };
  let clockAtMs: number | undefined;

  for (const [index, command] of commands.entries()) {
    const sentAtMs = now();
    let result: CommandResult | undefined;
    if (!opts.signal?.aborted) {
      try {
        result = await transport.run(command, opts.signal);
      } catch (error) {
        // Cancelling stops the whole collection; any other failure is this command's alone.
        if (!opts.signal?.aborted) {
          capture.notes.push(`device: ${command.name}: ${describeError(error)}`);
          continue;
        }
      }
    }
    if (result === undefined) {
      // The source deadline keeps what was collected; a cancel (the user, quitting) drops it.
      if (!isDeadline(opts.signal?.reason)) throw opts.signal?.reason;
      capture.stopped = stoppedLine(commands.slice(index).map((c) => c.name), commands.length);
      break;
    }
    const answeredAtMs = now();
    const { text, failure } = evidenceOf(command, result);
    if (failure) capture.notes.push(`device: ${command.name}: ${failure.message}`);
    if (text === undefined) continue;
    if (command.name === 'date-utc' && result.exitCode === 0) {
      clockAtMs = Math.round((sentAtMs + answeredAtMs) / 2);
      opts.onCollectedAt?.(clockAtMs);
    }
    if (isLogName(command.name)) capture.logs.push({ rel: command.rel, text });
    else capture.probes.push({ name: command.name, rel: command.rel, text });
  }
  capture.collectedAtMs = clockAtMs ?? now();
  return capture;
}

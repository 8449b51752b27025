/**
 * A transport that answers allow-listed commands from recorded outputs: a bundle's device/ folder as
 * `collect` writes it (NAME.ndjson for log reads, probes/NAME.txt for probes). Used by the demo and
 * for replay. Each answer arrives on the stream the command's evidence is read from; a command with
 * no recording fails with an SshError ('not-recorded'), so the capture notes it like a live failure.
 */
import { readTextFile } from '../../../io/bounded-file.js';
import { SSH_DEFAULTS } from './ssh-transport.js';
import { join } from 'node:path';
import { isRemoteCommand, type RemoteCommand } from './commands.js';
import { SshError } from './errors.js';
import type { CommandResult, ProbeTransport } from './transport.js';

export interface RecordedOptions {
  /** The clock the answers are stamped with (default Date.now). */
  nowMs?: () => number;
  /**
   * Answers for the second and later runs of a command, searched before the other folders: what the
   * Mac prints once the fix is in (the demo's device/on-demand/after-fix/), so a step that re-checks
   * shows the change.
   */
  againDir?: string;
}

/** Reads the recorded output of a command from the first folder that has one; undefined when none has. */
async function recording(deviceDirs: readonly string[], command: RemoteCommand): Promise<string | undefined> {
  const relInDevice = command.rel.replace(/^device\//, '');
  for (const dir of deviceDirs) {
    try {
      return await readTextFile(join(dir, relInDevice), SSH_DEFAULTS.maxOutputBytes);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    }
  }
  return undefined;
}

/**
 * `bundleDeviceDir` may be several folders, searched in order: the demo puts outputs that only a
 * runbook step produces (device/on-demand/, not part of the initial collection) before device/.
 */
export function openRecordedTransport(bundleDeviceDir: string | readonly string[], opts: RecordedOptions = {}): ProbeTransport {
  const dirs = typeof bundleDeviceDir === 'string' ? [bundleDeviceDir] : bundleDeviceDir;
  const now = opts.nowMs ?? Date.now;
  const runs = new Map<string, number>();
  let closed = false;
  return {
    async run(command: RemoteCommand, signal?: AbortSignal): Promise<CommandResult> {
      if (!isRemoteCommand(command)) throw new SshError('invalid-option', 'only allow-listed commands run on the Mac');
      if (closed) throw new SshError('closed', 'the recorded transport is closed');
      signal?.throwIfAborted();
      const startedAtMs = now();
      const run = (runs.get(command.rel) ?? 0) + 1;
      runs.set(command.rel, run);
      const text = await recording(run > 1 && opts.againDir !== undefined ? [opts.againDir, ...dirs] : dirs, command);
      signal?.throwIfAborted();
      if (text === undefined) throw new SshError('not-recorded', `no recorded output (${command.rel})`);
      const onStderr = command.capture === 'stderr';
      return { stdout: onStderr ? '' : text, stderr: onStderr ? text : '', exitCode: 0, truncated: false, startedAtMs, endedAtMs: now() };
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}

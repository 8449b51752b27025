import type { RemoteCommand } from './commands.js';

export type { RemoteCommand } from './commands.js';

/** What one remote command answered. Text is UTF-8 decoded; nothing is sanitised here. */
export interface CommandResult {
  stdout: string;
  stderr: string;
  /** The remote command's exit status; null when it was stopped (output cap) before it exited. */
  exitCode: number | null;
  /** The output reached the cap: the command was stopped and the text holds what arrived before. */
  truncated: boolean;
  /** Local clock (epoch ms) when the command was started and when its answer was complete. */
  startedAtMs: number;
  endedAtMs: number;
}

/**
 * Runs allow-listed commands on the Mac. `run` resolves when the command ran (whatever its exit
 * status) and rejects with an SshError when it could not run or overran its deadline, or with the
 * signal's reason when cancelled. `close` releases the connection.
 */
export interface ProbeTransport {
  run(command: RemoteCommand, signal?: AbortSignal): Promise<CommandResult>;
  close(): Promise<void>;
}

/**
 * Failures of the device source, each mapped to one actionable line: what went wrong and what to do.
 * Connection failures come from ssh itself (exit 255 and its stderr); command failures from what
 * the Mac answered. Remote text quoted in a message is sanitised and cut to one short line.
 */
import { sanitizeLine } from '../../../text/sanitize.js';
import type { RemoteCommand } from './commands.js';
import type { CommandResult } from './transport.js';

export type SshFailureKind =
  /** A host, jump, config file, limit or command parameter that does not validate: nothing ran. */
  | 'invalid-option'
  | 'ssh-missing'
  | 'unreachable'
  | 'connect-timeout'
  | 'auth-refused'
  | 'host-key-changed'
  | 'host-key-unknown'
  | 'not-admin'
  | 'sudo-password'
  | 'command-missing'
  | 'output-cut'
  | 'deadline'
  | 'closed'
  /** The recorded transport has no output for the command. */
  | 'not-recorded'
  | 'ssh-failed'
  | 'command-failed';

export class SshError extends Error {
  override readonly name = 'SshError';
  constructor(
    readonly kind: SshFailureKind,
    message: string,
  ) {
    super(message);
  }
}

/** Failures that concern the connection, not one command: every later command would fail the same way. */
export function isConnectionFailure(kind: SshFailureKind): boolean {
  return ['ssh-missing', 'unreachable', 'connect-timeout', 'auth-refused', 'host-key-changed', 'host-key-unknown'].includes(kind);
}

/** The last non-empty line of remote or ssh text, safe to print. */
function lastLine(text: string, max = 200): string {
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  return sanitizeLine(lines[lines.length - 1] ?? '', max);
}

interface Pattern {
  re: RegExp;
  kind: SshFailureKind;
  message: (target: string, connectTimeoutSeconds: number) => string;
}

// Order matters: the host-key banner also mentions "verification failed".
const CONNECTION_PATTERNS: Pattern[] = [
  {
    re: /REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for \S+ has changed/,
    kind: 'host-key-changed',
    message: (t) =>
      `the host key of ${t} has CHANGED (REMOTE HOST IDENTIFICATION HAS CHANGED): a reinstalled Mac or an interception; verify the new key out of band before replacing it in known_hosts`,
  },
  {
    re: /Host key verification failed|No \S+ host key is known for/,
    kind: 'host-key-unknown',
    message: (t) =>
      `the host key of ${t} is not in known_hosts and strict checking is on: verify the Mac's key out of band and add it to known_hosts (or to the UserKnownHostsFile of --ssh-config)`,
  },
  {
    re: /Permission denied \(|Too many authentication failures/,
    kind: 'auth-refused',
    message: (t) =>
      `${t} refused the login (Permission denied (publickey)): check the user name and that your key is loaded (ssh-add -l) and in the Mac's authorized_keys`,
  },
  {
    re: /Could not resolve hostname|Name or service not known|nodename nor servname|Temporary failure in name resolution/,
    kind: 'unreachable',
    message: (t) => `cannot reach ${t}: the name does not resolve (check the host name, DNS or VPN)`,
  },
  {
    re: /[Cc]onnection timed out|Operation timed out|timed out during banner exchange/,
    kind: 'connect-timeout',
    message: (t, s) => `cannot reach ${t}: connection timed out after ${s} s (Mac asleep or off the network? try --jump through a bastion)`,
  },
  {
    re: /Connection refused/,
    kind: 'unreachable',
    message: (t) => `cannot reach ${t}: connection refused (is Remote Login on, and the host and port right?)`,
  },
  {
    re: /No route to host|Network is unreachable|Host is down/,
    kind: 'unreachable',
    message: (t) => `cannot reach ${t}: no route to host (is the Mac on the network? VPN or --jump?)`,
  },
  {
    re: /Connection closed by|Connection reset by|kex_exchange_identification/,
    kind: 'unreachable',
    message: (t) => `${t} closed the connection before login (sshd refusing connections, or a firewall in between)`,
  },
];

/**
 * ssh's own failure (exit 255) from its stderr, or undefined when the text is not one ssh prints
 * (a remote command may exit 255 too).
 */
export function connectionFailure(stderr: string, target: string, connectTimeoutSeconds: number): SshError | undefined {
  const pattern = CONNECTION_PATTERNS.find((p) => p.re.test(stderr));
  return pattern ? new SshError(pattern.kind, pattern.message(target, connectTimeoutSeconds)) : undefined;
}

export function deadlineExceeded(timeoutMs: number): SshError {
  const seconds = Number((timeoutMs / 1000).toFixed(1));
  return new SshError('deadline', `deadline exceeded: no answer within ${seconds} s, command stopped (narrow the window with --since)`);
}

const NOT_ADMIN = /Could not open local log store|Must be admin to run|must be admin/i;
const SUDO_PASSWORD = /sudo: (?:a password is required|a terminal is required|no tty present)/;
const COMMAND_MISSING = /command not found|: not found$|no such file or directory: \//im;

/**
 * What went wrong with a command the Mac answered, as one line, or undefined when it succeeded.
 * A cut output is a failure with evidence: the caller keeps what arrived.
 */
export function commandFailure(result: CommandResult, command: RemoteCommand): SshError | undefined {
  if (result.truncated) {
    const bytes = Buffer.byteLength(result.stdout) + Buffer.byteLength(result.stderr);
    // Only a log read has a window to narrow; no option raises the cap.
    const advice = command.kind === 'log' ? ': what arrived is kept; narrow the window with --since' : '; what arrived is kept';
    return new SshError('output-cut', `output cut at ${bytes} bytes (the cap for this command)${advice}`);
  }
  if (result.exitCode === 0) return undefined;
  const stderr = result.stderr;
  if (NOT_ADMIN.test(stderr)) {
    return new SshError(
      'not-admin',
      `the SSH account is not in the Mac's admin group ("Could not open local log store"): log show needs an admin account`,
    );
  }
  if (SUDO_PASSWORD.test(stderr)) {
    return new SshError('sudo-password', 'sudo needs a password on the Mac and cannot ask over SSH: allow the command with NOPASSWD in sudoers, or run it in person');
  }
  if (result.exitCode === 127 || COMMAND_MISSING.test(stderr)) {
    return new SshError('command-missing', `command missing: ${command.program} is not on the Mac (exit 127); this macOS version may not have it`);
  }
  const why = lastLine(stderr);
  const status = result.exitCode === null ? 'stopped by a signal' : `exit ${result.exitCode}`;
  return new SshError('command-failed', why === '' ? `${status} (no error output)` : `${status}: ${why}`);
}

/** One line for any error thrown while running a command. */
export function describeError(error: unknown): string {
  if (error instanceof SshError) return error.message;
  if (error instanceof Error) return sanitizeLine(error.message.replace(/\s+/g, ' '), 300);
  return sanitizeLine(String(error), 300);
}

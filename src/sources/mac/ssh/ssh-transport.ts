/**
 * The device transport over the system OpenSSH client, so the engineer's ssh config, ProxyJump,
 * agent and known_hosts work as set up. Defences (see reference/security.md §2):
 * - argv as an array, never a shell; `--` before the destination; host, user and jump validated first;
 * - `-n -T`, BatchMode (never prompt), StrictHostKeyChecking=yes (never weakened), no agent or port
 *   forwarding, no local commands, a child environment without the parent's secrets;
 * - remote commands only from the allow-list (commands.ts), POSIX-quoted;
 * - per command: a deadline and an output cap (the child is killed, the answer says it was cut);
 *   cancellation through an AbortSignal kills the child.
 * Several commands share one connection: ControlMaster=auto with its socket in a private 0700
 * directory; `close` stops the master (`-O exit`) and removes the directory.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { access, chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { addExitCleanup } from '../../../io/exit-cleanup.js';
import { isRemoteCommand, type RemoteCommand } from './commands.js';
import { formatDestination, parseDestination, parseJump, type Destination } from './destination.js';
import { connectionFailure, deadlineExceeded, isConnectionFailure, SshError } from './errors.js';
import type { CommandResult, ProbeTransport } from './transport.js';

export interface SshOptions {
  /** `[user@]host[:port]` */
  host: string;
  /** `[user@]host[:port]`, or several separated by commas (ssh -J). */
  jump?: string;
  /** Passed as `ssh -F FILE` (`none`: read no config file). */
  sshConfigFile?: string;
  connectTimeoutSeconds?: number;
  commandTimeoutMs?: number;
  /** Cap on one command's stdout and stderr together. */
  maxOutputBytes?: number;
}

export const SSH_DEFAULTS = {
  connectTimeoutSeconds: 10,
  commandTimeoutMs: 120_000,
  maxOutputBytes: 32 * 1024 * 1024,
} as const;

/** How long an idle shared connection stays up (also bounds a master left behind by a crash). */
const CONTROL_PERSIST_SECONDS = 60;
const KILL_GRACE_MS = 2000;
const CLOSE_TIMEOUT_MS = 5000;

/** Validated options: everything argv is built from. */
export interface SshPlan {
  destination: Destination;
  jump: string | undefined;
  configFile: string | undefined;
  connectTimeoutSeconds: number;
  commandTimeoutMs: number;
  maxOutputBytes: number;
  /** The destination as messages name it. */
  target: string;
}

function wholeNumber(name: string, value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SshError('invalid-option', `${name} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function configFileOf(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  if (path === 'none') return path;
  if (path === '' || path.startsWith('-') || /[\u0000-\u001f\u007f]/.test(path)) {
    throw new SshError('invalid-option', '--ssh-config must be a file path (not empty, no leading "-", no control characters)');
  }
  return resolve(path);
}

/** Validates the options without touching anything; throws SshError ('invalid-option'). */
export function planSsh(opts: SshOptions): SshPlan {
  const destination = parseDestination(opts.host, '--host');
  return {
    destination,
    jump: opts.jump === undefined ? undefined : parseJump(opts.jump),
    configFile: configFileOf(opts.sshConfigFile),
    connectTimeoutSeconds: wholeNumber('connectTimeoutSeconds', opts.connectTimeoutSeconds, SSH_DEFAULTS.connectTimeoutSeconds, 1, 600),
    commandTimeoutMs: wholeNumber('commandTimeoutMs', opts.commandTimeoutMs, SSH_DEFAULTS.commandTimeoutMs, 1, 24 * 3_600_000),
    maxOutputBytes: wholeNumber('maxOutputBytes', opts.maxOutputBytes, SSH_DEFAULTS.maxOutputBytes, 1, 2 ** 30),
    target: formatDestination(destination),
  };
}

/**
 * The ssh argv: pinned options first (ssh keeps the first value it reads for an option, so these win
 * over any config file), then `--`, the destination and the remote command line or a control request.
 */
export function sshArgs(plan: SshPlan, controlPath: string, tail: { remote: string } | { control: 'exit' }): string[] {
  const o = (option: string): string[] => ['-o', option];
  const { user, host, port } = plan.destination;
  return [
    '-n',
    '-T',
    ...o('BatchMode=yes'),
    ...o(`ConnectTimeout=${plan.connectTimeoutSeconds}`),
    ...o('StrictHostKeyChecking=yes'),
    ...o('UpdateHostKeys=no'),
    ...o('ForwardAgent=no'),
    ...o('ForwardX11=no'),
    ...o('ClearAllForwardings=yes'),
    ...o('PermitLocalCommand=no'),
    ...o('ServerAliveInterval=10'),
    ...o('ServerAliveCountMax=3'),
    ...o('LogLevel=ERROR'),
    ...o('ControlMaster=auto'),
    ...o(`ControlPath=${controlPath.replaceAll('%', '%%')}`),
    ...o(`ControlPersist=${CONTROL_PERSIST_SECONDS}`),
    ...(plan.configFile !== undefined ? ['-F', plan.configFile] : []),
    ...(plan.jump !== undefined ? ['-J', plan.jump] : []),
    ...(port !== undefined ? ['-p', String(port)] : []),
    ...(user !== undefined ? ['-l', user] : []),
    ...('control' in tail ? ['-O', tail.control] : []),
    '--',
    host,
    ...('remote' in tail ? [tail.remote] : []),
  ];
}

/** Only what ssh needs from the environment: never API tokens or other secrets of this process. */
function childEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'USER', 'LOGNAME', 'SSH_AUTH_SOCK', 'TMPDIR']) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return env;
}

/** A private directory for the control socket, short enough for a Unix socket path and free of % and spaces. */
async function privateDir(): Promise<string> {
  const base = /^[A-Za-z0-9._/-]{1,60}$/.test(tmpdir()) ? tmpdir() : '/tmp';
  const dir = await mkdtemp(join(base, 'trustline-ssh-'));
  await chmod(dir, 0o700);
  return dir;
}

/** Where the last complete UTF-8 character of a cut buffer ends. */
function utf8End(buf: Buffer): number {
  for (let i = buf.length - 1; i >= Math.max(0, buf.length - 4); i--) {
    const byte = buf[i]!;
    if ((byte & 0xc0) === 0x80) continue;
    const size = byte < 0x80 ? 1 : byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2;
    return i + size <= buf.length ? buf.length : i;
  }
  return buf.length;
}

/** stdout and stderr of one command, together at most `cap` bytes. */
class CappedOutput {
  private readonly chunks: Record<'stdout' | 'stderr', Buffer[]> = { stdout: [], stderr: [] };
  private total = 0;
  truncated = false;

  constructor(private readonly cap: number) {}

  /** Keeps what fits; false once the cap is reached. */
  add(stream: 'stdout' | 'stderr', chunk: Buffer): boolean {
    if (this.truncated) return false;
    const room = this.cap - this.total;
    if (chunk.length <= room) {
      this.chunks[stream].push(chunk);
      this.total += chunk.length;
      return true;
    }
    this.chunks[stream].push(chunk.subarray(0, room));
    this.total = this.cap;
    this.truncated = true;
    return false;
  }

  text(stream: 'stdout' | 'stderr'): string {
    const buf = Buffer.concat(this.chunks[stream]);
    return buf.toString('utf8', 0, this.truncated ? utf8End(buf) : buf.length);
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/** Waits for a promise that never rejects, unless the signal aborts first. */
function unlessAborted(promise: Promise<unknown>, signal: AbortSignal): Promise<void> {
  return new Promise((done, fail) => {
    if (signal.aborted) return fail(abortReason(signal));
    const onAbort = (): void => fail(abortReason(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      done();
    });
  });
}

/** execa is loaded with the first command over SSH, not at every start of trustline. */
const loadExeca = (): Promise<typeof import('execa')> => import('execa');

class SshTransport implements ProbeTransport {
  private readonly controlPath: string;
  private readonly closing = new AbortController();
  /** The first command opens the shared connection; the others wait for it so they can reuse it. */
  private firstRun: Promise<unknown> | undefined;
  /** A connection failure: every later command would meet it too. */
  private broken: SshError | undefined;
  private closed = false;
  /** Stops the master and removes the directory if the process ends before close (a signal, the terminal closing). */
  private readonly dropExitCleanup: () => void;

  constructor(
    private readonly plan: SshPlan,
    private readonly dir: string,
  ) {
    this.controlPath = join(dir, 'cm');
    this.dropExitCleanup = addExitCleanup(() => {
      if (this.firstRun) {
        spawnSync('ssh', sshArgs(this.plan, this.controlPath, { control: 'exit' }), { stdio: 'ignore', env: childEnv(), timeout: CLOSE_TIMEOUT_MS });
      }
      rmSync(this.dir, { recursive: true, force: true });
    });
  }

  async run(command: RemoteCommand, signal?: AbortSignal): Promise<CommandResult> {
    if (!isRemoteCommand(command)) throw new SshError('invalid-option', 'only allow-listed commands run on the Mac');
    if (this.closed) throw new SshError('closed', 'the SSH connection is closed');
    const cancel = signal ? AbortSignal.any([signal, this.closing.signal]) : this.closing.signal;
    if (this.firstRun) {
      await unlessAborted(this.firstRun, cancel).catch((error: unknown) => this.rethrowCancel(error, signal));
    } else {
      const first = this.execute(command, signal, cancel);
      this.firstRun = first.catch(() => undefined);
      return first;
    }
    return this.execute(command, signal, cancel);
  }

  private rethrowCancel(error: unknown, signal: AbortSignal | undefined): never {
    if (signal?.aborted) throw abortReason(signal);
    if (this.closed) throw new SshError('closed', 'the SSH connection was closed while the command ran');
    throw error;
  }

  private async execute(command: RemoteCommand, signal: AbortSignal | undefined, cancel: AbortSignal): Promise<CommandResult> {
    const { execa } = await loadExeca();
    if (cancel.aborted) this.rethrowCancel(abortReason(cancel), signal);
    if (this.broken) throw this.broken;
    // Each command has its own deadline and cap; the session's options can only tighten them.
    const timeoutMs = Math.min(this.plan.commandTimeoutMs, command.timeoutMs);
    const output = new CappedOutput(Math.min(this.plan.maxOutputBytes, command.maxOutputBytes));
    const startedAtMs = Date.now();
    const child = execa('ssh', sshArgs(this.plan, this.controlPath, { remote: command.display }), {
      stdin: 'ignore',
      buffer: false,
      reject: false,
      extendEnv: false,
      env: childEnv(),
      forceKillAfterDelay: KILL_GRACE_MS,
      verbose: 'none',
    });
    // With a shared connection the master writes into our pipes (ssh passes them over the control
    // socket), so killing the client alone does not end the output: close the pipes too.
    let stopped: 'cap' | 'deadline' | 'cancel' | undefined;
    const stop = (why: NonNullable<typeof stopped>): void => {
      if (stopped) return;
      stopped = why;
      child.kill();
      child.stdout?.destroy();
      child.stderr?.destroy();
    };
    const collect = (stream: 'stdout' | 'stderr') => (chunk: Buffer | Uint8Array) => {
      if (!output.add(stream, Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk))) stop('cap');
    };
    child.stdout?.on('data', collect('stdout'));
    child.stderr?.on('data', collect('stderr'));
    const deadline = setTimeout(() => stop('deadline'), timeoutMs);
    const onCancel = (): void => stop('cancel');
    cancel.addEventListener('abort', onCancel, { once: true });
    let result: Awaited<typeof child>;
    try {
      result = await child;
    } finally {
      clearTimeout(deadline);
      cancel.removeEventListener('abort', onCancel);
    }
    const endedAtMs = Date.now();

    if (stopped === 'cancel') this.rethrowCancel(abortReason(cancel), signal);
    if (stopped === 'deadline') throw deadlineExceeded(timeoutMs);
    const stdout = output.text('stdout');
    const stderr = output.text('stderr');
    if (stopped === 'cap') return { stdout, stderr, exitCode: null, truncated: true, startedAtMs, endedAtMs };
    if (result.exitCode === undefined) throw this.notRun(result);
    if (result.exitCode === 255) {
      const failure = connectionFailure(stderr, this.plan.target, this.plan.connectTimeoutSeconds);
      if (failure) {
        if (isConnectionFailure(failure.kind)) this.broken = failure;
        throw failure;
      }
    }
    return { stdout, stderr, exitCode: result.exitCode, truncated: false, startedAtMs, endedAtMs };
  }

  /** ssh could not be started, or died from a signal nobody here sent. */
  private notRun(result: { cause?: unknown; signal?: string | undefined }): SshError {
    const code = (result.cause as NodeJS.ErrnoException | undefined)?.code;
    if (code === 'ENOENT') {
      this.broken = new SshError('ssh-missing', 'the OpenSSH client (ssh) is not installed or not on PATH');
      return this.broken;
    }
    return new SshError('ssh-failed', result.signal ? `ssh was stopped by ${result.signal}` : `ssh could not run${code ? ` (${code})` : ''}`);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.dropExitCleanup();
    this.closing.abort(new SshError('closed', 'the SSH connection was closed'));
    try {
      if (this.firstRun) {
        await this.firstRun;
        const { execa } = await loadExeca();
        // Stops the shared master, if one is up; nothing to stop is not an error.
        await execa('ssh', sshArgs(this.plan, this.controlPath, { control: 'exit' }), {
          stdin: 'ignore',
          reject: false,
          extendEnv: false,
          env: childEnv(),
          timeout: CLOSE_TIMEOUT_MS,
          verbose: 'none',
        });
      }
    } finally {
      await rm(this.dir, { recursive: true, force: true });
    }
  }
}

async function checkConfigFile(path: string | undefined): Promise<void> {
  if (path === undefined || path === 'none') return;
  try {
    await access(path);
    if (!(await stat(path)).isFile()) throw new Error('not a file');
  } catch {
    throw new SshError('invalid-option', `--ssh-config ${JSON.stringify(path)}: no such file`);
  }
}

/**
 * Validates the options, then prepares the private control directory. Nothing connects yet: the
 * first command opens the connection. Throws SshError (one line) when an option is invalid.
 */
export async function openSshTransport(opts: SshOptions): Promise<ProbeTransport> {
  const plan = planSsh(opts);
  await checkConfigFile(plan.configFile);
  return new SshTransport(plan, await privateDir());
}


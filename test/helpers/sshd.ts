/**
 * A real OpenSSH server on loopback that plays the Mac, for the device source's tests.
 *
 * Everything lives in a temporary directory: host key, user key, sshd_config (free port,
 * AuthorizedKeysFile, PidFile, UsePAM no), the client's known_hosts and ssh config (IdentityFile,
 * UserKnownHostsFile: what `--ssh-config` carries), and a ForceCommand script that reads
 * $SSH_ORIGINAL_COMMAND, splits it as a POSIX shell does (`eval "set -- …"`: exactly what makes a
 * quoting bug exploitable) and answers the allow-listed commands from recorded outputs. A mode file
 * switches it to the failures the device source must explain. If sshd cannot start, this throws:
 * the tests fail rather than skip.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { CommandName } from '../../src/sources/mac/ssh/commands.js';
import { openSshTransport, type SshOptions } from '../../src/sources/mac/ssh/ssh-transport.js';
import type { ProbeTransport } from '../../src/sources/mac/ssh/transport.js';

const FULL_DEVICE = fileURLToPath(new URL('../fixtures/bundles/full/device/', import.meta.url));
const PROBE_FIXTURES = fileURLToPath(new URL('../fixtures/probes/', import.meta.url));

/**
 * How the fake Mac answers: `answer` (recorded outputs), or a failure. `not-admin` fails only
 * /usr/bin/log and `no-app-sso` only /usr/bin/app-sso, so the other commands still answer.
 */
export type FakeMacMode = 'answer' | 'echo-argv' | 'not-admin' | 'sudo-password' | 'no-app-sso' | 'endless' | 'slow';

export interface FakeMac {
  /** `user@127.0.0.1:PORT` */
  host: string;
  user: string;
  port: number;
  dir: string;
  /** Client ssh config: IdentityFile, UserKnownHostsFile (pass as sshConfigFile). */
  clientConfig: string;
  /** The exact evidence text each allow-listed command answers with. */
  recorded: Record<CommandName, string>;
  setMode(mode: FakeMacMode): void;
  /** Another client config: a different identity and/or known_hosts content. */
  clientConfigWith(opts: { identity?: 'user' | 'stranger'; knownHosts?: 'right' | 'wrong-key' | 'empty' }): string;
  /** How many logins sshd accepted so far. */
  acceptedLogins(): number;
  /** How many TCP connections sshd saw so far. */
  connections(): number;
  /** The sshd log (VERBOSE), for waiting on a disconnect. */
  log(): string;
  /** The command lines the fake Mac received, one per session, as sshd passed them. */
  commandsSeen(): string[];
  /** A loopback port nothing listens on. */
  closedPort(): Promise<number>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.error?.message ?? result.stderr}`);
  return result.stdout;
}

function keygen(path: string, comment: string): string {
  run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', path]);
  return readFileSync(`${path}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
}

function sshdBinary(): string {
  for (const path of ['/usr/sbin/sshd', '/usr/local/sbin/sshd']) if (existsSync(path)) return path;
  const found = spawnSync('sh', ['-c', 'command -v sshd'], { encoding: 'utf8' }).stdout.trim();
  if (found.startsWith('/')) return found;
  throw new Error('sshd is not installed: apt-get install -y openssh-server (.ci/run does this)');
}

/** The four log reads answered from the full bundle's ndjson, split by what each predicate selects. */
function logAnswers(): Record<'log-trust' | 'log-sso' | 'log-mdm' | 'log-clock' | 'log-push', string> {
  const records = readFileSync(join(FULL_DEVICE, 'unified.ndjson'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('{"timezoneName"'));
  const pick = (test: (r: { subsystem?: string; processImagePath?: string }) => boolean): string => {
    const lines = records.filter((line) => test(JSON.parse(line) as { subsystem?: string; processImagePath?: string }));
    return [...lines, `{"count":${lines.length},"finished":1}`].join('\n') + '\n';
  };
  return {
    'log-trust': pick((r) => r.subsystem === 'com.apple.securityd'),
    'log-sso': pick((r) => r.subsystem === 'com.apple.AppSSO' || (r.subsystem ?? '').startsWith('com.okta')),
    'log-mdm': pick((r) => r.subsystem === 'com.apple.ManagedClient'),
    'log-clock': pick((r) => (r.processImagePath ?? '').endsWith('/timed')),
    'log-push': pick((r) => (r.processImagePath ?? '').endsWith('/apsd')),
  };
}

function recordedOutputs(): Record<CommandName, string> {
  const probe = (name: string): string => readFileSync(join(FULL_DEVICE, 'probes', `${name}.txt`), 'utf8');
  return {
    sntp: probe('sntp'),
    'date-utc': probe('date-utc'),
    'profiles-status': probe('profiles-status'),
    'okta-mtls-cert': probe('okta-mtls-cert'),
    // The command asks for okta.keychain; security prints the answer on stderr.
    'keychain-info': readFileSync(join(PROBE_FIXTURES, 'keychain-info', 'okta-locking.txt'), 'utf8'),
    'app-sso-platform': probe('app-sso-platform'),
    timeserver: probe('timeserver'),
    'app-sso-extensions': readFileSync(join(PROBE_FIXTURES, 'app-sso-extensions', 'kerberos-realm.txt'), 'utf8'),
    'scutil-proxy': readFileSync(join(PROBE_FIXTURES, 'scutil-proxy', 'none.txt'), 'utf8'),
    systemextensions: readFileSync(join(PROBE_FIXTURES, 'systemextensions', 'network-filter.txt'), 'utf8'),
    'sw-vers': readFileSync(join(PROBE_FIXTURES, 'sw-vers', 'sonoma.txt'), 'utf8'),
    'okta-verify-version': readFileSync(join(PROBE_FIXTURES, 'okta-verify-version', 'installed.txt'), 'utf8'),
    ...logAnswers(),
  };
}

/** The Mac: sh, as sshd runs it for every session. `|` joins words so word boundaries are checked too. */
function fakeMacScript(dir: string): string {
  return `# trustline test: plays the Mac (ForceCommand)
here='${dir}'
printf '%s\\n' "$SSH_ORIGINAL_COMMAND" >> "$here/commands.log"
eval "set -- $SSH_ORIGINAL_COMMAND"
mode=$(cat "$here/mode" 2>/dev/null)
words=$(printf '%s|' "$@")

out() { cat "$here/answers/$1"; exit 0; }
err() { cat "$here/answers/$1" >&2; exit 0; }
unexpected() { printf 'fake mac: unexpected command: %s\\n' "$SSH_ORIGINAL_COMMAND" >&2; exit 64; }

case "$mode" in
  echo-argv) for word; do printf '%s\\0' "$word"; done; exit 0 ;;
  sudo-password) echo 'sudo: a password is required' >&2; exit 1 ;;
  endless) exec yes '{"eventMessage":"endless output"}' ;;
  slow) exec sleep 5 ;;
  not-admin)
    if [ "$1" = /usr/bin/log ]; then echo 'log: Could not open local log store: Operation not permitted' >&2; exit 64; fi ;;
  no-app-sso)
    case "$1|$3" in /usr/bin/app-sso*|/bin/sh\|*/usr/bin/app-sso*) echo "sudo: /usr/bin/app-sso: command not found" >&2; exit 127 ;; esac ;;
esac

case "$words" in
  '/usr/bin/sntp|time.apple.com|') out sntp ;;
  '/bin/date|-u|+%Y-%m-%dT%H:%M:%SZ|') out date-utc ;;
  '/usr/bin/profiles|status|-type|enrollment|') out profiles-status ;;
  '/usr/bin/security|find-certificate|-a|-c|Okta MTLS|-Z|-p|') out okta-mtls-cert ;;
  '/usr/bin/security|show-keychain-info|okta.keychain|') err keychain-info ;;
  '/bin/sh|-c|'*"/usr/bin/app-sso platform -s|") out app-sso-platform ;;
  '/bin/sh|-c|'*"/usr/bin/app-sso -l -j|") out app-sso-extensions ;;
  '/usr/sbin/scutil|--proxy|') out scutil-proxy ;;
  '/usr/bin/systemextensionsctl|list|') out systemextensions ;;
  '/usr/bin/sw_vers|') out sw-vers ;;
  '/usr/bin/defaults|read|/Applications/Okta Verify.app/Contents/Info|CFBundleShortVersionString|') out okta-verify-version ;;
  '/usr/sbin/systemsetup|-getnetworktimeserver|') out timeserver ;;
  '/usr/bin/log|show|--style|ndjson|--info|--last|'*'|--predicate|'*'|')
    [ $# -eq 9 ] || unexpected
    case "$7" in [1-9]*[smhd]) ;; *) unexpected ;; esac
    case "$9" in
      *'"com.apple.securityd"'*) out log-trust ;;
      *'"com.apple.AppSSO"'*) out log-sso ;;
      *'"com.apple.ManagedClient"'*) out log-mdm ;;
      *'"timed"'*) out log-clock ;;
      *'"apsd"'*) out log-push ;;
    esac ;;
esac
unexpected
`;
}

function count(text: string, re: RegExp): number {
  return text.split('\n').filter((line) => re.test(line)).length;
}

async function waitFor(test: () => boolean, what: string, child: ChildProcess, log: () => string, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!test()) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`sshd exited before ${what}:\n${log()}`);
    if (Date.now() > until) throw new Error(`sshd: no ${what} within ${ms} ms:\n${log()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startFakeMac(): Promise<FakeMac> {
  const sshd = sshdBinary();
  const dir = mkdtempSync(join(tmpdir(), 'trustline-sshd-'));
  const user = userInfo().username;
  const port = await freePort();

  const hostKey = keygen(join(dir, 'host_key'), 'fake-mac-host');
  const strangerHostKey = keygen(join(dir, 'stranger_host_key'), 'stranger-host');
  writeFileSync(join(dir, 'authorized_keys'), keygen(join(dir, 'user_key'), 'trustline-test') + '\n', { mode: 0o600 });
  keygen(join(dir, 'stranger_key'), 'not-authorized');

  const recorded = recordedOutputs();
  mkdirSync(join(dir, 'answers'));
  for (const [name, text] of Object.entries(recorded)) writeFileSync(join(dir, 'answers', name), text);
  writeFileSync(join(dir, 'fake-mac.sh'), fakeMacScript(dir));
  writeFileSync(join(dir, 'mode'), 'answer');

  // As a jump host the Mac is reached as `localhost` (ssh refuses a jump to the destination's own name).
  const hostPattern = `[127.0.0.1]:${port},[localhost]:${port}`;
  const knownHosts = { right: `${hostPattern} ${hostKey}\n`, 'wrong-key': `${hostPattern} ${strangerHostKey}\n`, empty: '' };
  let configs = 0;
  const clientConfigWith: FakeMac['clientConfigWith'] = ({ identity = 'user', knownHosts: hosts = 'right' }) => {
    const n = ++configs;
    writeFileSync(join(dir, `known_hosts.${n}`), knownHosts[hosts]);
    const path = join(dir, `ssh_config.${n}`);
    writeFileSync(
      path,
      [
        'Host *',
        `  IdentityFile ${join(dir, identity === 'user' ? 'user_key' : 'stranger_key')}`,
        '  IdentitiesOnly yes',
        `  UserKnownHostsFile ${join(dir, `known_hosts.${n}`)}`,
        '  GlobalKnownHostsFile /dev/null',
        '  PasswordAuthentication no',
        '  AddressFamily inet',
        '',
      ].join('\n'),
    );
    return path;
  };

  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'AuthenticationMethods publickey',
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'UsePAM no',
      'StrictModes no',
      // The Mac doubles as its own jump host (ssh -J opens a direct-tcpip channel, no session), to itself only.
      'AllowTcpForwarding local',
      `PermitOpen 127.0.0.1:${port}`,
      'AllowAgentForwarding no',
      'X11Forwarding no',
      'PrintMotd no',
      'MaxSessions 20',
      // sshd runs the ForceCommand through the login shell; bash on a socket with SHLVL < 2 sources the
      // user's ~/.bashrc first (here: pyenv init, ~1 s of every command). The fake Mac is not that account.
      'SetEnv SHLVL=2',
      'LogLevel VERBOSE',
      `ForceCommand /bin/sh ${join(dir, 'fake-mac.sh')}`,
      '',
    ].join('\n'),
  );
  // sshd's privilege separation needs this directory; a container may not have it.
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755, recursive: true });

  const logPath = join(dir, 'sshd.log');
  const logFd = openSync(logPath, 'a');
  const child = spawn(sshd, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  const log = (): string => (existsSync(logPath) ? readFileSync(logPath, 'utf8') : '');
  try {
    await waitFor(() => log().includes('Server listening on 127.0.0.1'), 'listening socket', child, log);
  } catch (error) {
    child.kill();
    throw error;
  }

  return {
    host: `${user}@127.0.0.1:${port}`,
    user,
    port,
    dir,
    clientConfig: clientConfigWith({}),
    recorded,
    setMode: (mode) => writeFileSync(join(dir, 'mode'), mode),
    clientConfigWith,
    acceptedLogins: () => count(log(), /Accepted publickey for /),
    connections: () => count(log(), /^Connection from 127\.0\.0\.1 /),
    log,
    commandsSeen: () => {
      const path = join(dir, 'commands.log');
      return existsSync(path) ? readFileSync(path, 'utf8').split('\n').filter((l) => l !== '') : [];
    },
    closedPort: freePort,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface FakeMacSuite {
  /** The running fake Mac (after beforeAll). */
  mac: () => FakeMac;
  /** An SSH transport to it with its client config; closed after the test. */
  connect: (opts?: Partial<SshOptions>) => Promise<ProbeTransport>;
}

/**
 * One fake Mac for a test file: started before its tests and stopped after them; transports opened
 * with `connect` are closed after each test, and the mode goes back to `answer`.
 */
export function useFakeMac(): FakeMacSuite {
  let mac: FakeMac | undefined;
  const open: ProbeTransport[] = [];
  const running = (): FakeMac => {
    if (!mac) throw new Error('the fake Mac is not running (useFakeMac starts it in beforeAll)');
    return mac;
  };
  beforeAll(async () => {
    mac = await startFakeMac();
  });
  afterAll(async () => {
    await mac?.stop();
  });
  afterEach(async () => {
    while (open.length > 0) await open.pop()!.close();
    mac?.setMode('answer');
  });
  return {
    mac: running,
    connect: async (opts = {}) => {
      const transport = await openSshTransport({ host: running().host, sshConfigFile: running().clientConfig, ...opts });
      open.push(transport);
      return transport;
    },
  };
}

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { capturedText, COMMAND_NAMES, remoteCommand, type RemoteCommand } from '../../../../src/sources/mac/ssh/commands.js';
import { commandFailure, SshError, type SshFailureKind } from '../../../../src/sources/mac/ssh/errors.js';
import { openSshTransport, planSsh, sshArgs, type SshOptions } from '../../../../src/sources/mac/ssh/ssh-transport.js';
import { useFakeMac, type FakeMac } from '../../../helpers/sshd.js';

const suite = useFakeMac();
let mac: FakeMac;
beforeAll(() => {
  mac = suite.mac();
});
const transport = suite.connect;

async function failure(promise: Promise<unknown>): Promise<SshError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SshError);
  return error as SshError;
}

function failureOf(kind: SshFailureKind, error: SshError): string {
  expect(error.kind).toBe(kind);
  expect(error.message).not.toMatch(/\n/);
  return error.message;
}

/** ssh processes this test process started and that are still running. */
function sshChildren(): string[] {
  const ps = spawnSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return ps.stdout.split('\n').filter((line) => /\sssh$/.test(line.trim()));
}

/**
 * Points the temporary directory at a fresh private one for the rest of the test (other test files
 * create control directories in the shared one at the same time) and lists what is in it.
 */
function privateTmp(): () => string[] {
  const saved = process.env['TMPDIR'];
  const dir = mkdtempSync(join(mac.dir, 'tmp-'));
  process.env['TMPDIR'] = dir;
  onTestFinished(() => {
    if (saved === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = saved;
  });
  return () => readdirSync(dir);
}

async function waitFor(test: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!test()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe('ssh transport against a real sshd', { timeout: 30_000 }, () => {
  it('runs every allow-listed command over one shared connection; outputs arrive byte-identical', async () => {
    const logins = mac.acceptedLogins();
    const connections = mac.connections();
    const seen = mac.commandsSeen().length;
    const controlDirs = privateTmp();
    const t = await transport();
    expect(controlDirs()).toHaveLength(1);
    for (const name of COMMAND_NAMES) {
      const command = remoteCommand(name);
      const result = await t.run(command);
      expect({ name, exitCode: result.exitCode, truncated: result.truncated }).toEqual({ name, exitCode: 0, truncated: false });
      expect(capturedText(command, result)).toBe(mac.recorded[name]);
      expect(result.endedAtMs).toBeGreaterThanOrEqual(result.startedAtMs);
    }
    // The Mac received exactly the command lines the runbook shows.
    expect(mac.commandsSeen().slice(seen)).toEqual(COMMAND_NAMES.map((name) => remoteCommand(name).display));
    expect(mac.acceptedLogins() - logins).toBe(1);
    expect(mac.connections() - connections).toBe(1);

    const disconnects = (mac.log().match(/Disconnected from user/g) ?? []).length;
    await t.close();
    // close stops the shared master (ssh -O exit) and removes the private control directory.
    await waitFor(() => (mac.log().match(/Disconnected from user/g) ?? []).length > disconnects);
    expect(controlDirs()).toEqual([]);
  }, 90_000);

  it('goes through a jump host (-J) with the same config file', async () => {
    const logins = mac.acceptedLogins();
    const t = await transport({ jump: `${mac.user}@localhost:${mac.port}` });
    expect((await t.run(remoteCommand('date-utc'))).stdout).toBe(mac.recorded['date-utc']);
    expect((await t.run(remoteCommand('sntp'))).stdout).toBe(mac.recorded.sntp);
    // One login on the jump host, one on the Mac; the second command reused both.
    expect(mac.acceptedLogins() - logins).toBe(2);
  });

  it('reports the exit status and stderr of a command that failed on the Mac', async () => {
    mac.setMode('not-admin');
    const t = await transport();
    const command = remoteCommand('log-trust', { last: '2h' });
    const result = await t.run(command);
    expect(result.exitCode).toBe(64);
    expect(result.stderr).toBe('log: Could not open local log store: Operation not permitted\n');
    expect(failureOf('not-admin', commandFailure(result, command)!)).toMatch(/not in the Mac's admin group \("Could not open local log store"\)/);
    // Other commands still answer.
    expect((await t.run(remoteCommand('date-utc'))).stdout).toBe(mac.recorded['date-utc']);
  });

  it('maps sudo asking for a password to its line', async () => {
    mac.setMode('sudo-password');
    const command = remoteCommand('timeserver');
    const result = await (await transport()).run(command);
    expect(result.exitCode).toBe(1);
    expect(failureOf('sudo-password', commandFailure(result, command)!)).toMatch(/^sudo needs a password on the Mac/);
  });

  it('maps a missing command (exit 127) to its line', async () => {
    mac.setMode('no-app-sso');
    const command = remoteCommand('app-sso-platform');
    const result = await (await transport()).run(command);
    expect(result.exitCode).toBe(127);
    expect(failureOf('command-missing', commandFailure(result, command)!)).toBe(
      'command missing: /usr/bin/app-sso is not on the Mac (exit 127); this macOS version may not have it',
    );
  });

  it('cuts endless output at the cap and kills the command', async () => {
    mac.setMode('endless');
    const command = remoteCommand('log-sso');
    const started = Date.now();
    const result = await (await transport({ maxOutputBytes: 65_536 })).run(command);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.truncated).toBe(true);
    expect(result.exitCode).toBeNull();
    expect(Buffer.byteLength(result.stdout)).toBe(65_536);
    expect(result.stdout.startsWith('{"eventMessage":"endless output"}\n')).toBe(true);
    expect(failureOf('output-cut', commandFailure(result, command)!)).toMatch(/^output cut at 65536 bytes/);
  });

  it('stops a command at its deadline', async () => {
    // 2 s: the warm-up command below also runs under this deadline, and opening the connection takes
    // more than a second on a loaded runner.
    const t = await transport({ commandTimeoutMs: 2000 });
    await t.run(remoteCommand('profiles-status')); // the connection is up before the clock starts
    mac.setMode('slow');
    const started = Date.now();
    const error = await failure(t.run(remoteCommand('sntp')));
    expect(Date.now() - started).toBeLessThan(4500);
    expect(failureOf('deadline', error)).toBe('deadline exceeded: no answer within 2 s, command stopped (narrow the window with --since)');
  });

  it('cancels through an AbortSignal: the child is killed at once and the connection stays usable', async () => {
    const t = await transport();
    await t.run(remoteCommand('profiles-status'));
    mac.setMode('slow');
    const controller = new AbortController();
    const pending = t.run(remoteCommand('log-trust'), controller.signal);
    await new Promise((r) => setTimeout(r, 300));
    expect(sshChildren()).toHaveLength(1);
    const abortedAt = Date.now();
    controller.abort();
    const error = await pending.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect((error as Error).name).toBe('AbortError');
    expect(Date.now() - abortedAt).toBeLessThan(1000);
    expect(sshChildren()).toEqual([]);
    mac.setMode('answer');
    expect((await t.run(remoteCommand('date-utc'))).stdout).toBe(mac.recorded['date-utc']);
    // A signal aborted before the call runs nothing.
    const seen = mac.commandsSeen().length;
    await expect(t.run(remoteCommand('sntp'), AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(mac.commandsSeen().length).toBe(seen);
  });

  it('explains an unreachable host, and does not retry it for every command', async () => {
    const port = await mac.closedPort();
    const t = await transport({ host: `${mac.user}@127.0.0.1:${port}` });
    const first = await failure(t.run(remoteCommand('sntp')));
    expect(failureOf('unreachable', first)).toBe(
      `cannot reach ${mac.user}@127.0.0.1:${port}: connection refused (is Remote Login on, and the host and port right?)`,
    );
    expect(await failure(t.run(remoteCommand('date-utc')))).toBe(first);
  });

  it('explains a refused key', async () => {
    const t = await transport({ sshConfigFile: mac.clientConfigWith({ identity: 'stranger' }) });
    expect(failureOf('auth-refused', await failure(t.run(remoteCommand('sntp'))))).toMatch(
      /^.*@127\.0\.0\.1:\d+ refused the login \(Permission denied \(publickey\)\): check the user name/,
    );
  });

  it('refuses a changed host key, and an unknown one (host key checking stays strict)', async () => {
    const before = mac.commandsSeen().length;
    const changed = await transport({ sshConfigFile: mac.clientConfigWith({ knownHosts: 'wrong-key' }) });
    expect(failureOf('host-key-changed', await failure(changed.run(remoteCommand('sntp'))))).toMatch(
      /host key of .* has CHANGED \(REMOTE HOST IDENTIFICATION HAS CHANGED\)/,
    );
    const unknown = await transport({ sshConfigFile: mac.clientConfigWith({ knownHosts: 'empty' }) });
    expect(failureOf('host-key-unknown', await failure(unknown.run(remoteCommand('sntp'))))).toMatch(/is not in known_hosts and strict checking is on/);
    expect(mac.commandsSeen().length).toBe(before);
  });

  it('delivers a parameter with quotes and $() intact as data; no substitution runs on the Mac', async () => {
    mac.setMode('echo-argv');
    const marker = join(tmpdir(), `tl-pwn-${process.pid}`);
    rmSync(marker, { force: true });
    const t = await transport();
    for (const commonName of [
      `it's "MTLS" $(touch ${marker}) \`touch ${marker}\``,
      `x; touch ${marker} && echo '$HOME' | cat # !x`,
      `${'${IFS}'}*?[a]~\\ \\"' %s é‽`,
    ]) {
      const command = remoteCommand('okta-mtls-cert', { commonName });
      const result = await t.run(command);
      expect(result.stdout.split('\0').slice(0, -1)).toEqual([...command.argv]);
      expect(command.argv[4]).toBe(commonName);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('says so when there is no ssh client', async () => {
    const path = process.env['PATH'];
    process.env['PATH'] = mac.dir; // no ssh in there
    try {
      const t = await transport();
      expect(failureOf('ssh-missing', await failure(t.run(remoteCommand('sntp'))))).toBe('the OpenSSH client (ssh) is not installed or not on PATH');
    } finally {
      process.env['PATH'] = path;
    }
  });

  it('runs nothing but allow-listed commands, even given a look-alike object', async () => {
    const marker = join(tmpdir(), `tl-pwn-lookalike-${process.pid}`);
    const t = await transport();
    const seen = mac.commandsSeen().length;
    const fake = { ...remoteCommand('sntp'), display: `touch ${marker}` } as RemoteCommand;
    expect(failureOf('invalid-option', await failure(t.run(fake)))).toBe('only allow-listed commands run on the Mac');
    expect(mac.commandsSeen().length).toBe(seen);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('options are validated before ssh runs', () => {
  const marker = join(tmpdir(), `tl-pwn-option-${process.pid}`);

  it.each<[string, Partial<SshOptions>, RegExp]>([
    ['a ProxyCommand host', { host: `-oProxyCommand=touch ${marker}` }, /^--host .* starts with "-"/],
    ['a host with a space', { host: 'a b' }, /white space/],
    ['a host with ;', { host: 'host;id' }, /metacharacters/],
    ['a host with $()', { host: '$(id)' }, /metacharacters/],
    ['a host with a newline', { host: 'host\nid' }, /white space/],
    ['a user with backticks', { host: '`id`@host' }, /metacharacters/],
    ['a ProxyCommand jump', { host: 'mac01', jump: `-oProxyCommand=touch ${marker}` }, /^--jump .* starts with "-"/],
    ['a jump with a space', { host: 'mac01', jump: 'bastion x' }, /white space/],
    ['an option as config file', { host: 'mac01', sshConfigFile: '-oProxyCommand=x' }, /--ssh-config must be a file path/],
    ['a config file that does not exist', { host: 'mac01', sshConfigFile: join(tmpdir(), 'no-such-ssh-config') }, /no such file/],
    ['a fractional timeout', { host: 'mac01', connectTimeoutSeconds: 1.5 }, /connectTimeoutSeconds must be a whole number/],
    ['a zero output cap', { host: 'mac01', maxOutputBytes: 0 }, /maxOutputBytes/],
  ])('rejects %s', async (_what, opts, why) => {
    const controlDirs = privateTmp();
    const error = await failure(openSshTransport({ host: 'mac01', ...opts }));
    expect(failureOf('invalid-option', error)).toMatch(why);
    expect(existsSync(marker)).toBe(false);
    expect(controlDirs()).toEqual([]);
  });
});

describe('the ssh command line', () => {
  const plan = planSsh({ host: 'alice@mac01.example.internal:2222', jump: 'ops@bastion.example.com', sshConfigFile: 'none', connectTimeoutSeconds: 7 });

  it('ends options with -- right before the destination, then one remote command line', () => {
    const args = sshArgs(plan, '/tmp/x/cm', { remote: remoteCommand('sntp').display });
    expect(args.slice(-3)).toEqual(['--', 'mac01.example.internal', '/usr/bin/sntp time.apple.com']);
    expect(args.slice(0, 2)).toEqual(['-n', '-T']);
    expect(args.join(' ')).not.toMatch(/StrictHostKeyChecking=(no|accept-new)|ForwardAgent=yes/);
    expect(sshArgs(plan, '/tmp/x/cm', { control: 'exit' }).slice(-4)).toEqual(['-O', 'exit', '--', 'mac01.example.internal']);
  });

  it('is read by ssh as meant (ssh -G prints the configuration without connecting)', () => {
    const args = sshArgs(plan, '/tmp/x/cm', { remote: 'ignored' }).slice(0, -1);
    const out = spawnSync('ssh', ['-G', ...args], { encoding: 'utf8' });
    expect(out.status).toBe(0);
    const config = new Map(out.stdout.split('\n').map((line) => [line.split(' ')[0]!, line.slice(line.indexOf(' ') + 1)] as const));
    expect(Object.fromEntries(
      ['user', 'hostname', 'port', 'proxyjump', 'batchmode', 'stricthostkeychecking', 'updatehostkeys', 'forwardagent', 'forwardx11',
        'clearallforwardings', 'permitlocalcommand', 'requesttty', 'connecttimeout', 'controlmaster', 'controlpath', 'controlpersist'].map((k) => [k, config.get(k)]),
    )).toEqual({
      user: 'alice',
      hostname: 'mac01.example.internal',
      port: '2222',
      proxyjump: 'ops@bastion.example.com',
      batchmode: 'yes',
      stricthostkeychecking: 'true',
      updatehostkeys: 'false',
      forwardagent: 'no',
      forwardx11: 'no',
      clearallforwardings: 'yes',
      permitlocalcommand: 'no',
      requesttty: 'false',
      connecttimeout: '7',
      controlmaster: 'auto',
      controlpath: '/tmp/x/cm',
      controlpersist: '60',
    });
  });
});

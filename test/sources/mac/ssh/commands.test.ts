import { describe, expect, it } from 'vitest';
import { PROBE_NAMES } from '../../../../src/sources/mac/probes/index.js';
import {
  COMMAND_NAMES,
  isRemoteCommand,
  LOG_NAMES,
  PROBE_COMMANDS,
  remoteCommand,
  type CommandName,
} from '../../../../src/sources/mac/ssh/commands.js';
import { SshError } from '../../../../src/sources/mac/ssh/errors.js';
import { shJoin } from '../../../../src/sources/mac/ssh/posix-quote.js';

function refusal(build: () => unknown): string {
  try {
    build();
  } catch (error) {
    expect(error).toBeInstanceOf(SshError);
    expect((error as SshError).kind).toBe('invalid-option');
    return (error as SshError).message;
  }
  throw new Error('accepted');
}

describe('the allow-list', () => {
  it('has every probe and log read, each a full path, shown exactly as sent', () => {
    expect(COMMAND_NAMES).toEqual([...PROBE_NAMES, ...LOG_NAMES]);
    for (const name of COMMAND_NAMES) {
      const command = remoteCommand(name);
      expect(command.argv[0]).toMatch(/^\/(usr\/)?s?bin\//);
      expect(command.display).toBe(shJoin(command.argv));
      expect(Object.isFrozen(command) && Object.isFrozen(command.argv)).toBe(true);
    }
  });

  it('reads the unified log with /usr/bin/log (zsh has a builtin log) as ndjson over a bounded window', () => {
    for (const name of LOG_NAMES) {
      const { argv, rel, kind } = remoteCommand(name, { last: '2h' });
      expect(argv.slice(0, 7)).toEqual(['/usr/bin/log', 'show', '--style', 'ndjson', '--info', '--last', '2h']);
      expect(argv[7]).toBe('--predicate');
      expect(rel).toBe(`device/${name}.ndjson`);
      expect(kind).toBe('log');
    }
    const predicates = LOG_NAMES.map((name) => remoteCommand(name).argv[8]).join(' ');
    for (const subsystem of ['com.apple.securityd', 'trustd', 'com.apple.AppSSO', 'com.okta', 'com.apple.ManagedClient', 'mdmclient', 'boringssl', 'timed']) {
      expect(predicates).toContain(`"${subsystem}"`);
    }
  });

  it('runs app-sso as the console user through launchctl asuser, saying whose output follows', () => {
    for (const name of ['app-sso-platform', 'app-sso-extensions'] as const) {
      const command = remoteCommand(name);
      expect(command.argv.slice(0, 2)).toEqual(['/bin/sh', '-c']);
      expect(command.program).toBe('/usr/bin/app-sso');
      expect(command.argv[2]).toContain('u=$(/usr/bin/stat -f %Su /dev/console)');
      expect(command.argv[2]).toContain('echo "Console user: $u"');
      expect(command.argv[2]).toContain('/bin/launchctl asuser "$(/usr/bin/id -u "$u")" /usr/bin/sudo -n -u "$u" /usr/bin/app-sso');
    }
  });

  it('gives every command its own deadline and output cap: probes short and small, log reads longer', () => {
    for (const name of PROBE_NAMES) expect(remoteCommand(name)).toMatchObject({ timeoutMs: 20_000, maxOutputBytes: 1024 * 1024 });
    for (const name of LOG_NAMES) expect(remoteCommand(name)).toMatchObject({ timeoutMs: 120_000, maxOutputBytes: 32 * 1024 * 1024 });
  });

  it('reads push delivery from apsd and the MDM client', () => {
    const predicate = remoteCommand('log-push').argv[8];
    expect(predicate).toContain('process == "apsd"');
    expect(predicate).toContain('Received HTTP response');
    expect(remoteCommand('sw-vers').display).toBe('/usr/bin/sw_vers');
    expect(remoteCommand('okta-verify-version').display).toBe("/usr/bin/defaults read '/Applications/Okta Verify.app/Contents/Info' CFBundleShortVersionString");
  });

  it('places probe outputs where a bundle keeps them and reads keychain info from stderr', () => {
    expect(remoteCommand('sntp').rel).toBe('device/probes/sntp.txt');
    expect(remoteCommand('keychain-info').capture).toBe('stderr');
    expect(remoteCommand('date-utc').display).toBe('/bin/date -u +%Y-%m-%dT%H:%M:%SZ');
    expect(remoteCommand('okta-mtls-cert').display).toBe("/usr/bin/security find-certificate -a -c 'Okta MTLS' -Z -p");
    expect(remoteCommand('sntp', { server: 'time.euro.apple.com' }).argv).toEqual(['/usr/bin/sntp', 'time.euro.apple.com']);
  });

  it('validates every parameter before a command exists', () => {
    expect(refusal(() => remoteCommand('log-trust', { last: '2 h' }))).toMatch(/^log-trust: last: expected a whole number/);
    expect(refusal(() => remoteCommand('log-sso', { last: '8d' }))).toMatch(/at most 7 days/);
    expect(refusal(() => remoteCommand('log-mdm', { last: '1h; id' }))).toMatch(/last/);
    expect(refusal(() => remoteCommand('sntp', { server: '-oProxyCommand=x' }))).toMatch(/server: not a DNS name/);
    expect(refusal(() => remoteCommand('sntp', { server: 'time.apple.com;id' }))).toMatch(/server/);
    expect(refusal(() => remoteCommand('okta-mtls-cert', { commonName: '-Z' }))).toMatch(/must not start with "-"/);
    expect(refusal(() => remoteCommand('okta-mtls-cert', { commonName: 'a\nb' }))).toMatch(/control/);
    expect(refusal(() => remoteCommand('okta-mtls-cert', { commonName: 'x'.repeat(129) }))).toMatch(/1 to 128/);
    expect(refusal(() => remoteCommand('keychain-info', { keychain: 'a$(id)' }))).toMatch(/keychain/);
    expect(refusal(() => remoteCommand('date-utc', { format: '%s' } as never))).toMatch(/unknown parameter "format"/);
    expect(refusal(() => remoteCommand('rm' as CommandName))).toMatch(/not an allow-listed command/);
    expect(refusal(() => remoteCommand('toString' as CommandName))).toMatch(/not an allow-listed command/);
  });

  it('keeps free text as one word of data: quotes and $() are quoted, not interpreted', () => {
    const name = `it's "MTLS" $(id) \`id\` !x`;
    const command = remoteCommand('okta-mtls-cert', { commonName: name });
    expect(command.argv[4]).toBe(name);
    expect(command.display).toBe(`/usr/bin/security find-certificate -a -c 'it'\\''s "MTLS" $(id) \`id\` '\\!'x' -Z -p`);
  });

  it('recognises only commands it built', () => {
    const real = remoteCommand('sntp');
    expect(isRemoteCommand(real)).toBe(true);
    expect(isRemoteCommand({ ...real })).toBe(false);
    expect(isRemoteCommand({ ...real, display: 'touch /tmp/x' })).toBe(false);
    expect(isRemoteCommand(null)).toBe(false);
  });

  it('gives the runbook the same command lines, keyed by step name', () => {
    expect(Object.keys(PROBE_COMMANDS)).toEqual([...COMMAND_NAMES]);
    for (const name of COMMAND_NAMES) expect(PROBE_COMMANDS[name]).toBe(remoteCommand(name).display);
    expect(PROBE_COMMANDS['sntp']).toBe('/usr/bin/sntp time.apple.com');
    expect('toString' in PROBE_COMMANDS).toBe(false);
  });
});

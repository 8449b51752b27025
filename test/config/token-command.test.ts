import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config/config-file.js';
import { resolveLiveSettings } from '../../src/config/credentials.js';
import { runTokenCommand } from '../../src/config/token-command.js';
import { redactSecrets } from '../../src/secrets/registry.js';
import { tempDir, writeTree } from '../helpers/temp-files.js';
import type { LiveSettings } from '../../src/config/credentials.js';
import type { JamfSettings } from '../../src/sources/jamf/config.js';

const jamfOf = (s: LiveSettings) => s.sources['jamf'] as JamfSettings | undefined;

/** A tokenCommand line running a small Node script (quoted: the paths may hold spaces). */
function command(body: string): { line: string; dir: string } {
  const dir = tempDir();
  writeFileSync(join(dir, 'cmd.cjs'), body);
  return { line: `'${process.execPath}' '${join(dir, 'cmd.cjs')}' --account "trustline okta"`, dir };
}

describe('tokenCommand', () => {
  it('runs without a shell, returns the trimmed output and registers it before anyone uses it', async () => {
    const { line, dir } = command(`require('fs').writeFileSync(${JSON.stringify(join(tempDir(), 'x'))}, ''); require('fs').writeFileSync(__dirname + '/argv', JSON.stringify(process.argv.slice(2))); console.log('  tok-from-command-0042  ')`);
    expect(await runTokenCommand('okta.tokenCommand', line)).toBe('tok-from-command-0042');
    expect(JSON.parse(readFileSync(join(dir, 'argv'), 'utf8'))).toEqual(['--account', 'trustline okta']);
    expect(redactSecrets('got tok-from-command-0042')).toBe('got [redacted]');
  });

  it('does not hand trustline’s own variables to the command', async () => {
    const { line } = command(`console.log(Object.keys(process.env).filter((k) => k.startsWith('TRUSTLINE_')).join(',') || 'none')`);
    expect(await runTokenCommand('okta.tokenCommand', line, { env: { ...process.env, TRUSTLINE_OKTA_TOKEN: 'x', TRUSTLINE_PSEUDONYM_KEY: 'y' } })).toBe('none');
  });

  it.each([
    ['fails', "process.stdout.write('half-of-a-secret-77'); process.exit(44)", /^okta\.tokenCommand: ".*" failed with exit status 44$/],
    ['prints nothing', '', /printed nothing$/],
    ['prints two lines', "console.log('a\\nb')", /printed more than one line$/],
    ['is killed', "process.kill(process.pid, 'SIGKILL')", /was stopped by SIGKILL$/],
  ])('one line without the output when the command %s', async (_what, body, message) => {
    const { line } = command(body);
    const error = await runTokenCommand('okta.tokenCommand', line).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('half-of-a-secret');
  });

  it('has a deadline, and says when the command is missing or the line would need a shell', async () => {
    const { line } = command('setTimeout(() => {}, 60000)');
    await expect(runTokenCommand('jamf.passwordCommand', line, { timeoutMs: 300 })).rejects.toThrow(/gave no answer within 0 s$/);
    await expect(runTokenCommand('jamf.passwordCommand', 'no-such-command-trustline -w')).rejects.toThrow('jamf.passwordCommand: "no-such-command-trustline" was not found');
    await expect(runTokenCommand('jamf.passwordCommand', 'security find-generic-password -w | head -1')).rejects.toThrow(
      "jamf.passwordCommand: unquoted | at column 35: the command runs without a shell (for a pipeline write sh -c '…')",
    );
  });

  it('stands for the secret in a profile; the environment still wins and then nothing runs', async () => {
    const ran = join(tempDir(), 'ran');
    const { line } = command(`require('fs').appendFileSync(${JSON.stringify(ran)}, 'x'); console.log('jamf-secret-from-command-9')`);
    const config = { profiles: { default: { jamf: { url: 'https://jamf.example.com', clientId: 'c1', clientSecretCommand: line } } } };
    expect(jamfOf(await resolveLiveSettings(config, {}))?.auth).toEqual({ kind: 'client', clientId: 'c1', clientSecret: 'jamf-secret-from-command-9' });
    expect(jamfOf(await resolveLiveSettings(config, { TRUSTLINE_JAMF_CLIENT_SECRET: 'from-env-1' }))?.auth).toEqual({ kind: 'client', clientId: 'c1', clientSecret: 'from-env-1' });
    expect(readFileSync(ran, 'utf8')).toBe('x');
    // A profile without a URL runs nothing, and says what is missing.
    await expect(resolveLiveSettings({ profiles: { default: { okta: { tokenCommand: line } } } }, {})).rejects.toThrow('Okta credentials are set but no URL');
    expect(readFileSync(ran, 'utf8')).toBe('x');
  });

  it('is validated in the config file: a secret or its command, not both', async () => {
    const home = writeTree({ 'trustline/config.yaml': 'profiles:\n  p:\n    okta:\n      url: https://x.okta.com\n      token: abc\n      tokenCommand: security find-generic-password -w\n' });
    await expect(readConfig(join(home, 'trustline', 'config.yaml'))).rejects.toThrow(/config\.yaml:6: profiles\.p\.okta\.tokenCommand: set token or tokenCommand, not both/);
  });
});

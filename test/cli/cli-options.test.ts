import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { writeTree } from '../helpers/temp-files.js';

const FULL = fileURLToPath(new URL('../fixtures/bundles/full', import.meta.url));
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

function usage(args: string[], env: NodeJS.ProcessEnv = {}): string {
  const r = runCli(args, env);
  expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  return lines[0]!;
}

describe('the CLI refuses what it would otherwise ignore', () => {
  it('prints its version with --version and -V', () => {
    for (const flag of ['--version', '-V']) {
      const r = runCli([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout.trim()).toBe(version);
    }
  });

  it.each([
    [['--since', 'garbage'], /--since applies to live runs/],
    [['--until', '2026-11-20T14:00:00Z'], /--until applies to live runs/],
    [['--host', 'a;b'], /--host applies to live runs/],
    [['--profile', 'nope'], /--profile applies to live runs/],
    [['--json', '--user', 'alice@example.com', '--since', '2h'], /--user, --since apply to live runs/],
  ])('analyze --bundle with %j is a usage error', (extra, message) => {
    expect(usage(['analyze', '--bundle', FULL, ...extra])).toMatch(message);
  });

  it('the console on a bundle refuses the live window too', () => {
    expect(usage(['--bundle', FULL, '--since', '2h'])).toMatch(/--since applies to live runs/);
  });

  it('--report without --json, and a zero --window, are usage errors', () => {
    expect(usage(['analyze', '--bundle', FULL, '--report'])).toMatch(/--report needs --json/);
    expect(usage(['analyze', '--bundle', FULL, '--window', '0s'])).toMatch(/longer than zero/);
  });

  it('--rules names a missing directory in words', () => {
    expect(usage(['analyze', '--bundle', FULL, '--rules', '/nonexistent/rules'])).toBe('trustline: rules directory /nonexistent/rules: no such directory');
  });

  it('a config error names the line of the typo; an unknown --profile names the config file', () => {
    let home = writeTree({ 'trustline/config.yaml': 'theme: dark\nprofiles:\n  default:\n    okta:\n      url: https://example.okta.com\n      tokn: x\n' });
    expect(usage(['analyze', '--serial', 'C02FX1TLQ6L4', '--json'], { XDG_CONFIG_HOME: home })).toContain(`${join(home, 'trustline', 'config.yaml')}:6: profiles.default.okta.tokn`);
    home = writeTree({ 'trustline/config.yaml': 'profiles:\n  work:\n    okta:\n      url: https://example.okta.com\n' });
    const file = join(home, 'trustline', 'config.yaml');
    expect(usage(['analyze', '--serial', 'C02FX1TLQ6L4', '--profile', 'nope'], { XDG_CONFIG_HOME: home })).toBe(`trustline: no profile named "nope" in ${file} (profiles: work)`);
  });

  it('demo --theme nosuch fails without a terminal as it does with one', () => {
    expect(usage(['demo', '--theme', 'nosuch'])).toMatch(/nosuch/);
  });
});

import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDestination, parseDestination, parseJump } from '../../../../src/sources/mac/ssh/destination.js';
import { SshError } from '../../../../src/sources/mac/ssh/errors.js';

function rejected(text: string, parse: (t: string) => unknown = parseDestination): SshError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof SshError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(text)}`);
}

/** OpenSSH's own opinion, without connecting: `ssh -G` only prints the resolved configuration. */
function sshAccepts(text: string): boolean {
  const d = parseDestination(text);
  const args = ['-G', '-F', 'none', ...(d.user ? ['-l', d.user] : []), ...(d.port ? ['-p', String(d.port)] : []), '--', d.host];
  const out = spawnSync('ssh', args, { encoding: 'utf8' });
  return out.status === 0 && !/invalid characters/.test(out.stderr);
}

describe('destination', () => {
  it.each([
    ['mac01', { user: undefined, host: 'mac01', port: undefined }],
    ['alice@mac01.example.internal', { user: 'alice', host: 'mac01.example.internal', port: undefined }],
    ['admin_1@10.0.0.7:2222', { user: 'admin_1', host: '10.0.0.7', port: 2222 }],
    ['[fe80::1]:22', { user: undefined, host: 'fe80::1', port: 22 }],
    ['root@::1', { user: 'root', host: '::1', port: undefined }],
  ])('parses %s', (text, expected) => {
    expect(parseDestination(text)).toEqual(expected);
  });

  it.each([
    ['-oProxyCommand=touch /tmp/x', /starts with "-"/],
    ['-p', /starts with "-"/],
    ['a b', /white space/],
    ['host\nid', /white space/],
    ['host\u0007', /control characters/],
    ['host;id', /metacharacters/],
    ['$(id)', /metacharacters/],
    ['`id`@host', /metacharacters/],
    ["a'b", /metacharacters/],
    ['host|id', /metacharacters/],
    ['h,o', /metacharacters/],
    ['-oProxyCommand=x@host', /starts with "-"/],
    ['alice@-host', /not a DNS name/],
    ['.alice@host', /user/],
    ['host:0', /port/],
    ['host:99999', /port/],
    ['host:22x', /port/],
    ['a..b', /not a DNS name/],
    ['bad_host', /not a DNS name/],
    ['[mac01]:22', /IPv6/],
    ['', /empty/],
  ])('rejects %j before anything runs', (text, why) => {
    const error = rejected(text);
    expect(error.kind).toBe('invalid-option');
    expect(error.message).toMatch(why);
    expect(error.message).not.toMatch(/\n/);
  });

  it('formats the canonical form ssh -J reads, brackets for IPv6 with a port', () => {
    expect(formatDestination(parseDestination('alice@[::1]:2222'))).toBe('alice@[::1]:2222');
    expect(parseJump('bastion.example.com,ops@10.0.0.1:2222')).toBe('bastion.example.com,ops@10.0.0.1:2222');
    expect(rejected('bastion,-oProxyCommand=x', parseJump).message).toMatch(/--jump .*starts with "-"/);
    expect(rejected('', parseJump).kind).toBe('invalid-option');
  });

  it('gives ssh -J every IPv6 form it accepts in brackets, so a mapped address is not read as host and port (issue 17, item 16)', () => {
    for (const jump of ['::ffff:127.0.0.1', '::1', 'ops@fe80::1', '[::ffff:127.0.0.1]:2222']) {
      const canonical = parseJump(jump);
      expect(canonical).toMatch(/\[[0-9a-f:.]+\]/);
      const r = spawnSync('ssh', ['-G', '-F', 'none', '-J', canonical, 'mac01'], { encoding: 'utf8' });
      expect(r.stderr, jump).not.toMatch(/Invalid -J/);
      expect(r.stdout).toMatch(/^proxyjump /m);
    }
  });

  it('accepts nothing OpenSSH would read as an option or refuse, and everything it accepts passes ssh -G', () => {
    const hostile = fc.constantFrom(...'ab-.@:_09[]; $`\'"(){}|&<>\\,!#%~*?='.split(''), ' ', '\t', '\n');
    const plain = fc.constantFrom(...'abz-.@:_019'.split(''));
    const word = (chars: string) => fc.string({ unit: fc.constantFrom(...chars.split('')), minLength: 1, maxLength: 8 });
    const shaped = fc
      .tuple(fc.option(word('ab_.-09')), fc.array(word('ab-09'), { minLength: 1, maxLength: 3 }), fc.option(fc.integer({ min: 0, max: 70000 })))
      .map(([user, labels, port]) => `${user === null ? '' : `${user}@`}${labels.join('.')}${port === null ? '' : `:${port}`}`);
    const text = fc.oneof(fc.string({ unit: hostile, maxLength: 16 }), fc.string({ unit: plain, minLength: 1, maxLength: 16 }), shaped);
    fc.assert(
      fc.property(text, (text) => {
        let accepted = true;
        try {
          parseDestination(text);
        } catch (error) {
          if (!(error instanceof SshError)) throw error;
          accepted = false;
        }
        if (!accepted) return;
        expect(text.startsWith('-')).toBe(false);
        expect(text).not.toMatch(/[\s'`"$\\;&<>|(){},]/);
        expect(sshAccepts(text)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

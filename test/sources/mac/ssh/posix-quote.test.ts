import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuoteError, shJoin, shQuote, shWord } from '../../../../src/sources/mac/ssh/posix-quote.js';

/** What a POSIX shell makes of a command line: the words printf receives, NUL-separated. */
function wordsAfterShell(shell: string, commandLine: string): string[] {
  const out = spawnSync(shell, ['-c', `printf '%s\\0' ${commandLine}`], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`${shell}: ${out.stderr}`);
  return out.stdout.split('\0').slice(0, -1);
}

// Words that are hard for a shell: quotes, expansions, globs, separators, comments, white space.
const hostileChar = fc.constantFrom(...`'"\`$(){}[]<>|&;*?~#!\\%= \t\n-aZ09é…‮`.split(''));
const hostileWord = fc.oneof(
  fc.string({ unit: hostileChar, maxLength: 24 }),
  fc.string({ unit: 'binary', maxLength: 24 }).filter((s) => !s.includes('\0') && !/\p{Cs}/u.test(s)),
);

describe('POSIX quoting', () => {
  it('quotes what needs quoting and leaves plain words readable', () => {
    expect(shWord('time.apple.com')).toBe('time.apple.com');
    expect(shWord('+%Y-%m-%dT%H:%M:%SZ')).toBe('+%Y-%m-%dT%H:%M:%SZ');
    expect(shWord('Okta MTLS')).toBe("'Okta MTLS'");
    expect(shWord('')).toBe("''");
    expect(shWord('=ls')).toBe("'=ls'"); // zsh expands a leading = to a path
    expect(shQuote(`it's $(id) \`id\` "x"`)).toBe(`'it'\\''s $(id) \`id\` "x"'`);
    expect(shQuote('a!b')).toBe("'a'\\!'b'");
    expect(shJoin(['/usr/bin/security', '-c', 'Okta MTLS'])).toBe("/usr/bin/security -c 'Okta MTLS'");
  });

  it('refuses NUL, which cannot travel through ssh', () => {
    expect(() => shQuote('a\0b')).toThrow(QuoteError);
  });

  it.each(['/bin/sh', '/bin/bash'])('round-trips any argv through %s exactly', (shell) => {
    fc.assert(
      fc.property(fc.array(hostileWord, { minLength: 1, maxLength: 6 }), (argv) => {
        expect(wordsAfterShell(shell, shJoin(argv))).toEqual(argv);
      }),
      { numRuns: 150 },
    );
    // 150 shell runs: seconds on a busy machine.
  }, 30_000);
});

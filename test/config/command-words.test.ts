import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommandWordsError, splitCommandWords } from '../../src/config/command-words.js';

describe('tokenCommand words', () => {
  it.each([
    ['security find-generic-password -s trustline-okta -w', ['security', 'find-generic-password', '-s', 'trustline-okta', '-w']],
    ["op read 'op://Ops/Okta API token/credential'", ['op', 'read', 'op://Ops/Okta API token/credential']],
    ['"/Applications/My Tool.app/bin/tool"  get\t"a \\"quoted\\" word"', ['/Applications/My Tool.app/bin/tool', 'get', 'a "quoted" word']],
    ['pass\\ word x\\$y "\\$HOME"', ['pass word', 'x$y', '$HOME']],
    ["a'b'\"c\"d", ['abcd']],
    ["sh -c 'security find-generic-password -s x -w | tr -d \"\\n\"'", ['sh', '-c', 'security find-generic-password -s x -w | tr -d "\\n"']],
    ["empty ''", ['empty', '']],
  ])('%s', (line, words) => {
    expect(splitCommandWords(line)).toEqual(words);
  });

  it.each([
    ['security x | tr -d x', /unquoted \| at column 12/],
    ['get-token; rm -rf ~', /unquoted ; at column 10/],
    ['echo $TOKEN', /unquoted \$ at column 6/],
    ['echo "$TOKEN"', /\$ inside double quotes/],
    ['echo `id`', /unquoted ` at column 6/],
    ['tool > /tmp/x', /unquoted >/],
    ['~/bin/get-token', /leading ~/],
    ["echo 'open", /unterminated single quote/],
    ['echo "open', /unterminated double quote/],
    ['   ', /empty/],
  ])('refuses %s', (line, message) => {
    expect(() => splitCommandWords(line)).toThrow(CommandWordsError);
    expect(() => splitCommandWords(line)).toThrow(message);
  });

  it('splits exactly as /bin/sh does, for lines it accepts (property)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', ' ', "'", '"', '\\', '-', '/', '.', '=', 'x') });
    fc.assert(
      fc.property(word, (line) => {
        let words: string[];
        try {
          words = splitCommandWords(line);
        } catch {
          return;
        }
        const sh = spawnSync('/bin/sh', ['-c', `set -- ${line}\nfor w in "$@"; do printf '%s\\0' "$w"; done`], { encoding: 'utf8' });
        expect(sh.status).toBe(0);
        expect(words).toEqual(sh.stdout.split('\0').slice(0, -1));
      }),
      { numRuns: 60 },
    );
  });
});

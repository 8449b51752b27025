/** Hostile patterns in organisation packs (issue 17, item 4): refused before they can run. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MAX_PATTERN_CHARS, patternProblem, PatternRefused, safeRegExp } from '../../src/text/safe-pattern.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { writeTree } from '../helpers/temp-files.js';

const FULL = fileURLToPath(new URL('../fixtures/bundles/full', import.meta.url));

const CATASTROPHIC = [
  '(a+)+$',
  '(a*)*b',
  '^(\\w+\\s?)*$',
  '(?:x+x+)+y',
  '(a|a)*$',
  '(a|ab)+c',
  '(|a)+',
  '((ab)*)+$',
  '(a{1,9}){2,}',
  '(.*){1,32000}x',
  '(?<word>[a-z]+)*!',
  '(a)\\1',
  '(?<x>a)\\k<x>',
];

const SAFE = [
  'invalid_grant|polic|denied|deny',
  'HTTP 40[01]',
  '"[^"]*" completed$',
  '(?:trust result [5-7])+',
  '(ab|cd)*e',
  '^\\p{L}+\\s\\d{1,3}$',
  'a+b+c+',
  '(a?)+',
  '[(+*)]+',
  '\\(a+\\)+',
];

describe('the pattern guard (item 4)', () => {
  for (const p of CATASTROPHIC) it(`refuses ${p}`, () => expect(patternProblem(p)).toBeDefined());
  for (const p of SAFE) it(`accepts ${p}`, () => expect(patternProblem(p)).toBeUndefined());

  it('refuses overlong patterns and says why in one line', () => {
    expect(patternProblem('a'.repeat(MAX_PATTERN_CHARS + 1))).toBe(`longer than ${MAX_PATTERN_CHARS} characters`);
    expect(() => safeRegExp('(a+)+$')).toThrow(PatternRefused);
    expect(() => safeRegExp('(a+)+$')).toThrow('pattern refused: nested repetition: the group at column 1 repeats and repeats inside');
  });

  it('accepts every pattern of the built-in pack', () => {
    const pack = parse(readFileSync(new URL('../../src/diagnosis/packs/builtin.yaml', import.meta.url), 'utf8')) as unknown;
    const patterns: string[] = [];
    const walk = (v: unknown, key?: string): void => {
      if (typeof v === 'string' && (key === 'text' || key === 're')) patterns.push(v);
      else if (Array.isArray(v)) v.forEach((x) => walk(x));
      else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(pack);
    expect(patterns.length).toBeGreaterThan(10);
    expect(patterns.filter((p) => patternProblem(p) !== undefined)).toEqual([]);
  });

  it('a pack with (a+)+$ is a configuration error at load (exit 2), not a hang', async () => {
    const rules = writeTree({
      'org.yaml': [
        'engine: 2',
        'findings:',
        '  - id: hostile',
        '    why: An organisation pattern that backtracks for hours.',
        '    leak: 0.05',
        '    match: { source: endpoint, text: "(a+)+$" }',
        'causes:',
        '  - id: org-hostile',
        '    title: Hostile pattern',
        '    explanation: An organisation pattern that backtracks for hours.',
        '    prior: 0.01',
        '    produces: { hostile: 0.9 }',
        '    steps: [look]',
        '    remedy: look',
        'steps:',
        '  - id: look',
        '    title: Look',
        '    checks: nothing',
        '    command: "true"',
        '    confirms: nothing',
        '    refutes: nothing',
        '    settles: [hostile]',
        '',
      ].join('\n'),
    });
    const r = await runCliAsync(['analyze', '--bundle', FULL, '--json', '--rules', rules]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain('nested repetition');
  }, 30_000);
});

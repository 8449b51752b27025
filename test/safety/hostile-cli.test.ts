import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/run-cli.js';
import { writeTree } from '../helpers/temp-files.js';
import { expectClean, hostileCases, inParallel } from './cases.js';
import { HOSTILE } from './hostile-strings.js';

const cases = hostileCases();

describe('hostile strings through the built CLI', () => {
  it('the corpus has at least fifty strings', () => {
    expect(HOSTILE.length).toBeGreaterThanOrEqual(50);
    expect(new Set(HOSTILE.map((h) => h.name)).size).toBe(HOSTILE.length);
  });

  it('analyze --md and analyze --json --report print no raw control or format character, for every string in every field', async () => {
    const failures: string[] = [];
    await inParallel(cases, 2, async (c) => {
      const dir = writeTree(c.files);
      for (const args of [['--md'], ['--json', '--report']]) {
        const r = await runCliAsync(['analyze', '--bundle', dir, ...args], { TRUSTLINE_PSEUDONYM_KEY: 'hostile-test-pseudonym-key-0001' });
        const where = `${c.name} ${args.join(' ')}`;
        if (r.status !== 0) failures.push(`${where}: exit ${r.status}: ${r.stderr.slice(0, 300)}`);
        try {
          expectClean(r.stdout, `${where} stdout`);
          expectClean(r.stderr, `${where} stderr`);
          if (args[0] === '--json') {
            const json = JSON.parse(r.stdout) as { device: unknown; sources: { status: string }[]; timeline: unknown[]; report: { probes: unknown[] } };
            expect(Object.keys(json)).toEqual(['device', 'sources', 'clock', 'timeline', 'hypotheses', 'report']);
            expect(json.timeline.length, where).toBeGreaterThan(30);
            expect(json.report.probes.length, where).toBe(7);
          } else {
            expect(r.stdout, where).toContain('## Probes run');
          }
        } catch (error) {
          failures.push(error instanceof Error ? error.message.slice(0, 400) : String(error));
        }
      }
    });
    expect(failures).toEqual([]);
  }, 240_000);
});

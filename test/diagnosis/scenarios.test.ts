import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeBundle } from '../../src/sources/bundle/analyze-bundle.js';
import { loadHypotheses, triage } from '../../src/triage/triage.js';

interface Scenario {
  bundle: string;
  /** Where the bundle lives, relative to the repository root, when not in test/fixtures/scenarios (the demo scenarios). */
  path?: string;
  expectTop: string | null;
  notLikely: string[];
  story: string;
}

const dir = fileURLToPath(new URL('../fixtures/scenarios/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const scenarios = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as Scenario[];

// Authored incident bundles: each catalogue id must rank first on its own story, must not be likely
// where it is only a tempting distractor, and nothing may be likely when the evidence is thin.
describe.each(scenarios)('scenario $bundle', (s) => {
  it(s.story, async () => {
    const analysis = await analyzeBundle(s.path === undefined ? `${dir}${s.bundle}` : `${root}${s.path}`);
    expect(analysis.sources.filter((src) => src.status === 'error')).toEqual([]);
    const ranked = triage(analysis, await loadHypotheses({}));
    const table = ranked.map((h) => `${h.id} ${h.verdict} ${h.score}`).join('\n');
    if (s.expectTop) {
      expect(ranked[0]!.id, table).toBe(s.expectTop);
      expect(ranked[0]!.verdict, table).toBe('likely');
    } else {
      expect(ranked.filter((h) => h.verdict === 'likely').map((h) => h.id), table).toEqual([]);
      // Thin evidence: the next step gathers what would separate the leading candidates.
      expect(ranked[0]!.next.why).toMatch(/^Evidence is not conclusive yet; this separates /);
    }
    for (const id of s.notLikely) expect(ranked.find((h) => h.id === id)?.verdict, `${id}\n${table}`).not.toBe('likely');
  });
});

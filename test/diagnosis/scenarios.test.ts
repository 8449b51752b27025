import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDiagnosisModel } from '../../src/config/diagnosis-packs.js';
import { rankAnalysis } from '../../src/diagnosis/rank-analysis.js';
import { analyzeBundle } from '../../src/sources/bundle/analyze-bundle.js';
import type { CommandName } from '../../src/sources/mac/ssh/commands.js';
import { afterProbe } from '../helpers/guided-step.js';

interface Scenario {
  bundle: string;
  /** Where the bundle lives, relative to the repository root, when not in test/fixtures/scenarios (the demo scenarios). */
  path?: string;
  expectTop: string | null;
  notLikely: string[];
  story: string;
  /** A demo scenario whose cause leads but is only likely once this probe ran (the walkthrough's step). */
  until?: CommandName;
  /** Sources the story has failing (an error body instead of events); every other one must read. */
  failedSources?: string[];
}

const dir = fileURLToPath(new URL('../fixtures/scenarios/', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));
const scenarios = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf8')) as Scenario[];
/** The posterior of the first cause must lead the second's by at least this much. */
const MARGIN = 0.5;

// Authored incident bundles (the tuning set of `npm run eval`): the whole shape of the ranking. The expected
// cause first and likely with a clear margin, nothing else likely, no listed distractor likely, and a next
// step that does not repeat what the bundle already holds; nothing likely when the evidence is thin.
describe.each(scenarios)('scenario $bundle', (s) => {
  it(s.story, async () => {
    const bundleDir = s.path === undefined ? `${dir}${s.bundle}` : `${root}${s.path}`;
    const collected = await analyzeBundle(bundleDir);
    expect(collected.sources.filter((src) => src.status === 'error').map((src) => src.name)).toEqual(s.failedSources ?? []);
    const active = await loadDiagnosisModel({});
    let analysis = collected;
    if (s.until !== undefined) {
      // Before the step: the cause leads, nothing is likely, and the next step is the one that settles it.
      const before = rankAnalysis(collected, active);
      const beforeTable = before.map((h) => `${h.id} ${h.verdict} ${h.score}`).join('\n');
      expect(before[0]!.id, beforeTable).toBe(s.expectTop);
      expect(before.filter((h) => h.verdict === 'likely'), beforeTable).toEqual([]);
      const next = active.model.steps.get(before[0]!.next.stepId)!;
      expect(next.kind === 'probe' ? next.action : next.id, before[0]!.next.why).toBe(s.until);
      expect(before[0]!.next.why).toMatch(/leads \(posterior .*\) but is not yet likely: .*, which is not known yet/);
      analysis = await afterProbe(bundleDir, collected, s.until);
    }
    const ranked = rankAnalysis(analysis, active);
    const table = ranked.map((h) => `${h.id} ${h.verdict} ${h.score}`).join('\n');
    const likely = ranked.filter((h) => h.verdict === 'likely').map((h) => h.id);
    const [first, second] = ranked;
    if (s.expectTop) {
      expect(first!.id, table).toBe(s.expectTop);
      expect(likely, table).toEqual([s.expectTop]);
      expect(first!.score - second!.score, table).toBeGreaterThanOrEqual(MARGIN);
      // A likely cause's next step is its confirming or remedial step, with what to expect.
      expect(first!.next.why, table).toMatch(/is likely \(posterior .*Expect: /);
    } else {
      expect(likely, table).toEqual([]);
      expect(first!.next.why).toMatch(/^Evidence is not conclusive yet; this separates /);
    }
    for (const id of s.notLikely) expect(ranked.find((h) => h.id === id)?.verdict, `${id}\n${table}`).not.toBe('likely');
    // No cause's next step is a probe whose output the bundle already holds.
    const held = new Set(analysis.timeline.filter((e) => e.kind.startsWith('device.probe.')).map((e) => e.kind.slice('device.probe.'.length)));
    const deviceLog = analysis.timeline.some((e) => e.source === 'device' && !e.kind.startsWith('device.probe.'));
    for (const h of ranked) {
      const step = active.model.steps.get(h.next.stepId)!;
      if (step.kind !== 'probe') continue;
      expect(held.has(step.action), `${h.id}: ${step.id}`).toBe(false);
      if (deviceLog) expect(active.logProbes, `${h.id}: ${step.id}`).not.toContain(step.action);
    }
  });
});

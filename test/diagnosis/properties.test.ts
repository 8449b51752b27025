import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FindingState } from '../../src/diagnosis/findings.js';
import { infer } from '../../src/diagnosis/inference.js';
import type { Cause, DiagnosisModel, Finding, Step } from '../../src/diagnosis/model.js';
import { rankCauses } from '../../src/diagnosis/rank.js';
import { OPTIONS } from './helpers.js';

const probability = fc.double({ min: 0.01, max: 0.99, noNaN: true });

interface World {
  model: DiagnosisModel;
  states: Map<string, FindingState>;
}

function finding(id: string, leak: number): Finding {
  return { id, why: id, whyNot: `not ${id}`, leak, form: 'fact', matcher: undefined, fact: { name: 'x' }, count: 1, relation: undefined };
}

const STEP: Step = { id: 'look', title: 'Look', checks: 'c', kind: 'console', action: 'x', confirms: 'x', refutes: 'y', expect: undefined, settles: [], cost: 1 };

/** A random model: 2–6 causes, 2–6 findings, random priors, leaks and links; and a random three-valued state per finding. */
const world: fc.Arbitrary<World> = fc
  .record({
    causes: fc.integer({ min: 2, max: 6 }),
    findings: fc.integer({ min: 2, max: 6 }),
    seed: fc.array(probability, { minLength: 60, maxLength: 60 }),
    states: fc.array(fc.constantFrom('present', 'absent', 'unknown'), { minLength: 6, maxLength: 6 }),
    links: fc.array(fc.boolean(), { minLength: 36, maxLength: 36 }),
  })
  .map(({ causes: nc, findings: nf, seed, states, links }) => {
    const findings = Array.from({ length: nf }, (_, j) => finding(`f${j}`, seed[j]! / 4));
    const causes: Cause[] = Array.from({ length: nc }, (_, i) => ({
      id: `c${i}`,
      title: `C${i}`,
      explanation: 'x',
      prior: seed[10 + i]! / 5,
      produces: new Map(findings.flatMap((f, j) => (links[i * 6 + j] ? [[f.id, seed[20 + i * 6 + j]!] as const] : []))),
      excludedBy: [],
      requires: [],
      steps: ['look'],
      remedy: 'look',
    }));
    const model: DiagnosisModel = { thresholds: { likely: 0.8, margin: 4, ruledOut: 0.03, reversal: 0.2 }, findings, causes, steps: new Map([['look', STEP]]) };
    const stateMap = new Map<string, FindingState>(findings.map((f, j) => [f.id, states[j] === 'unknown' ? { state: 'unknown', why: 'not read' } : { state: states[j] as 'present' | 'absent', events: [] }]));
    return { model, states: stateMap };
  });

function observed(states: ReadonlyMap<string, FindingState>): Map<string, boolean> {
  return new Map([...states].filter(([, s]) => s.state !== 'unknown').map(([id, s]) => [id, s.state === 'present']));
}

describe('diagnosis properties', () => {
  it('a finding only one cause produces, turning from unknown to present, never lowers that cause', () => {
    fc.assert(
      fc.property(world, fc.nat(), probability, ({ model, states }, pick, link) => {
        const cause = model.causes[pick % model.causes.length]!;
        const own = finding('own', 0.05);
        const causes = model.causes.map((c) => (c === cause ? { ...c, produces: new Map([...c.produces, ['own', link]]) } : c));
        const before = infer(causes, [...model.findings, own], observed(states));
        const after = infer(causes, [...model.findings, own], new Map([...observed(states), ['own', true]]));
        const i = causes.findIndex((c) => c.id === cause.id);
        expect(after.marginals[i]!).toBeGreaterThanOrEqual(before.marginals[i]! - 1e-12);
      }),
    );
  });

  it('a finding no cause produces changes nothing, whatever its value; unknown is the same as leaving it out', () => {
    fc.assert(
      fc.property(world, fc.boolean(), ({ model, states }, value) => {
        const stray = finding('stray', 0.2);
        const without = infer(model.causes, model.findings, observed(states));
        const withIt = infer(model.causes, [...model.findings, stray], new Map([...observed(states), ['stray', value]]));
        withIt.marginals.forEach((m, i) => expect(m).toBeCloseTo(without.marginals[i]!, 12));
        const unknownFirst = [...states].find(([, s]) => s.state === 'unknown');
        if (unknownFirst) {
          const dropped = infer(model.causes, model.findings.filter((f) => f.id !== unknownFirst[0]), observed(states));
          dropped.marginals.forEach((m, i) => expect(m).toBeCloseTo(without.marginals[i]!, 12));
        }
      }),
    );
  });

  it('the order of causes in the pack changes nothing', () => {
    fc.assert(
      fc.property(world, fc.nat(), ({ model, states }, shift) => {
        const k = shift % model.causes.length;
        const rotated = { ...model, causes: [...model.causes.slice(k), ...model.causes.slice(0, k)].reverse() };
        const strip = (hs: ReturnType<typeof rankCauses>) => hs.map((h) => ({ id: h.id, score: h.score, verdict: h.verdict }));
        expect(strip(rankCauses(rotated, states, OPTIONS))).toEqual(strip(rankCauses(model, states, OPTIONS)));
      }),
    );
  });

  it('every verdict is consistent with the order, and at most one cause is likely unless a pair carries the posterior', () => {
    fc.assert(
      fc.property(world, ({ model, states }) => {
        const ranked = rankCauses(model, states, OPTIONS);
        const rank = { likely: 0, possible: 1, unlikely: 2 } as const;
        for (let i = 1; i < ranked.length; i++) {
          expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
          expect(rank[ranked[i - 1]!.verdict]).toBeLessThanOrEqual(rank[ranked[i]!.verdict]);
          if (ranked[i - 1]!.score === ranked[i]!.score) expect(ranked[i - 1]!.id < ranked[i]!.id).toBe(true);
        }
        const likely = ranked.filter((h) => h.verdict === 'likely');
        expect(likely.length).toBeLessThanOrEqual(2);
        if (likely.length === 2) {
          const p = infer(model.causes, model.findings, observed(states));
          const ids = likely.map((h) => model.causes.findIndex((c) => c.id === h.id));
          const pair = p.sets.findIndex((s) => s.length === 2 && ids.every((i) => s.includes(i)));
          expect(p.probabilities[pair]!).toBeGreaterThanOrEqual(model.thresholds.likely);
        }
      }),
    );
  });

  it('the reversal rule only ever takes a likely verdict away, never gives one', () => {
    fc.assert(
      fc.property(world, ({ model, states }) => {
        const likelyIds = (m: DiagnosisModel) => rankCauses(m, states, OPTIONS).filter((h) => h.verdict === 'likely').map((h) => h.id);
        const withRule = likelyIds(model);
        const without = likelyIds({ ...model, thresholds: { ...model.thresholds, reversal: 1 } });
        for (const id of withRule) expect(without).toContain(id);
      }),
    );
  });

  it('a premise (requires) keeps a cause from being likely until it is present, and only ever takes likely away', () => {
    fc.assert(
      fc.property(world, fc.nat(), fc.nat(), ({ model, states }, pick, which) => {
        const cause = model.causes[pick % model.causes.length]!;
        const produced = [...cause.produces.keys()];
        if (produced.length === 0) return;
        const premise = produced[which % produced.length]!;
        const withPremise = { ...model, causes: model.causes.map((c) => (c === cause ? { ...c, requires: [premise] } : c)) };
        const ranked = rankCauses(withPremise, states, OPTIONS);
        if (states.get(premise)!.state !== 'present') expect(ranked.find((h) => h.id === cause.id)!.verdict).not.toBe('likely');
        const likelyWithout = rankCauses(model, states, OPTIONS).filter((h) => h.verdict === 'likely').map((h) => h.id);
        for (const h of ranked.filter((r) => r.verdict === 'likely')) expect(likelyWithout).toContain(h.id);
      }),
    );
  });

  it('posteriors over cause sets sum to one', () => {
    fc.assert(
      fc.property(world, ({ model, states }) => {
        const p = infer(model.causes, model.findings, observed(states));
        expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }),
    );
  });
});

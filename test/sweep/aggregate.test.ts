import { describe, expect, it } from 'vitest';
import { markLeads } from '../../src/sweep/changes.js';
import { MAX_SERIALS, MAX_SIGNATURES, SignatureAggregator, SPARK_BUCKETS } from '../../src/sweep/signatures.js';
import { sparkline } from '../../src/sweep/sparkline.js';
import type { ChangeObservation, FailureObservation } from '../../src/sweep/types.js';

const T0 = Date.parse('2026-11-20T12:00:00Z');
const MIN = 60_000;

function failure(n: number, over: Partial<FailureObservation> = {}): FailureObservation {
  return {
    id: `okta:${n}`, timeMs: T0 + n * MIN, eventType: 'policy.evaluate_sign_on', outcome: 'DENY', reason: 'denied', policy: 'P', rule: 'R',
    policyId: 'p1', ruleId: 'r1', client: 'c', osVersion: '15.1', user: `u${n % 5}`, device: `d${n % 7}`, serial: null, ...over,
  };
}

function change(id: string, atMin: number, targetKeys: string[]): ChangeObservation {
  return { id, timeMs: T0 + atMin * MIN, eventType: 'policy.rule.update', actor: 'admin', target: targetKeys.join(', '), targetKeys, summary: 'Update policy rule' };
}

describe('failure signatures', () => {
  it('groups by shape, counts distinct users and devices, keeps three examples and a sparkline over the window', () => {
    const agg = new SignatureAggregator(T0, T0 + 240 * MIN);
    for (let n = 10; n < 70; n++) agg.add(failure(n));
    agg.add(failure(100, { outcome: 'FAILURE', reason: 'invalid_client', policy: null, rule: null, policyId: null, ruleId: null }));
    const [deny, other] = agg.signatures();
    expect(deny).toMatchObject({ events: 60, users: 5, devices: 7, firstMs: T0 + 10 * MIN, lastMs: T0 + 69 * MIN, examples: ['okta:10', 'okta:11', 'okta:12'] });
    expect(deny!.buckets).toHaveLength(SPARK_BUCKETS);
    expect(deny!.buckets.reduce((a, b) => a + b, 0)).toBe(60);
    expect(deny!.buckets.slice(0, 2)).toEqual([0, 0]);
    expect(other).toMatchObject({ events: 1, reason: 'invalid_client' });
  });

  it('stays bounded: signatures beyond the cap are counted, devices remembered for the inventory are capped', () => {
    const agg = new SignatureAggregator(T0, T0 + 1000 * MIN);
    for (let n = 0; n < MAX_SIGNATURES + 25; n++) agg.add(failure(n, { reason: `reason ${n}` }));
    expect(agg.signatures()).toHaveLength(MAX_SIGNATURES);
    expect(agg.overflow).toBe(25);
    const one = new SignatureAggregator(T0, T0 + 1000 * MIN);
    for (let n = 0; n < MAX_SERIALS + 50; n++) one.add(failure(n, { device: `dev${n}`, serial: `S${n}` }));
    expect(one.signatures()[0]).toMatchObject({ devices: MAX_SERIALS + 50 });
    expect(one.signatures()[0]!.deviceSerials.size).toBe(MAX_SERIALS);
  });
});

describe('leads', () => {
  it('marks the last change to the named policy or rule before the first failure, with its lead time', () => {
    const agg = new SignatureAggregator(T0, T0 + 240 * MIN);
    for (let n = 30; n < 40; n++) agg.add(failure(n));
    const changes = [change('a', -600, ['r1']), change('b', 20, ['r1', 'R']), change('c', 25, ['other']), change('d', 35, ['r1'])];
    const marked = markLeads(changes, agg.signatures());
    expect(marked.map((c) => [c.id, c.leadsSignature, c.secondsBefore])).toEqual([
      ['a', null, 630 * 60],
      ['b', 0, 10 * 60],
      ['c', null, 5 * 60],
      ['d', null, null],
    ]);
  });

  it('matches on names when the failures carry no ids', () => {
    const agg = new SignatureAggregator(T0, T0 + 240 * MIN);
    agg.add(failure(30, { policyId: null, ruleId: null }));
    expect(markLeads([change('x', 10, ['P'])], agg.signatures())[0]).toMatchObject({ leadsSignature: 0, secondsBefore: 1200 });
  });
});

describe('sparkline', () => {
  it('scales to the largest interval and leaves empty ones blank', () => {
    expect(sparkline([0, 1, 4, 8])).toBe(' ▁▄█');
    expect(sparkline([0, 0])).toBe('  ');
  });
});

import { describe, expect, it } from 'vitest';
import { oktaChange, oktaFailure } from '../../../src/sources/okta/fleet-events.js';

const denial = {
  uuid: 'd1a2b3c4-0000-4000-8000-000000000001',
  published: '2026-11-20T13:02:00.000Z',
  eventType: 'policy.evaluate_sign_on',
  actor: { id: '00u1', type: 'User', alternateId: 'alice@example.com' },
  client: { id: '0oaMacSso' },
  device: { id: 'guo1', name: 'Mac15,6', os_version: '15.1' },
  outcome: { result: 'deny', reason: 'Denied \u001b[31mred\u001b[0m \u202eevil' },
  target: [
    { id: 'rst1', type: 'PolicyEntity', displayName: 'Mac SSO' },
    { id: '0pr1', type: 'PolicyRule', displayName: 'Managed only' },
  ],
};

describe('System Log events as sweep observations', () => {
  it('reads a denial: shape, policy and rule with ids, client, OS, user and device; external text made safe', () => {
    const o = oktaFailure(denial)!;
    expect(o).toMatchObject({
      id: 'okta:d1a2b3c4-0000-4000-8000-000000000001', timeMs: Date.parse('2026-11-20T13:02:00Z'), eventType: 'policy.evaluate_sign_on', outcome: 'DENY',
      policy: 'Mac SSO', rule: 'Managed only', policyId: 'rst1', ruleId: '0pr1', client: '0oaMacSso', osVersion: '15.1', user: 'alice@example.com', device: 'guo1', serial: null,
    });
    expect(o.reason).toMatch(/^Denied /);
    expect(o.reason).not.toMatch(/[\u001b\u202e]/);
  });

  it('counts, rather than guesses at, records with no uuid or no readable time', () => {
    expect(oktaFailure({ ...denial, uuid: null })).toBeUndefined();
    expect(oktaFailure({ ...denial, published: 'yesterday' })).toBeUndefined();
    expect(oktaChange('not an event')).toBeUndefined();
  });

  it('reads a change: actor, targets by name and id (to match a signature), a one-line summary', () => {
    const c = oktaChange({ ...denial, eventType: 'policy.rule.update', displayMessage: 'Update policy rule', actor: { type: 'User', alternateId: 'it-admin@example.com' }, outcome: { result: 'SUCCESS' } })!;
    expect(c).toMatchObject({ eventType: 'policy.rule.update', actor: 'it-admin@example.com', target: 'Mac SSO, Managed only', summary: 'Update policy rule: Mac SSO, Managed only' });
    expect(c.targetKeys).toEqual(['rst1', '0pr1', 'Mac SSO', 'Managed only']);
  });
});

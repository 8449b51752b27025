import { describe, expect, it } from 'vitest';
import { diagnose } from '../../src/diagnosis/diagnose.js';
import { complete, context, ev, modelOf, OPTIONS } from './helpers.js';

// A cause with one strong sign and three predictions nobody has looked at yet (the Mac's log was not read).
function pack(reversal?: number): string {
  return `
engine: 2
thresholds: { likely: 0.8, margin: 4, ruledOut: 0.03${reversal === undefined ? '' : `, reversal: ${reversal}`} }
findings:
  - { id: denied, why: Okta denied the device, leak: 0.01, match: { source: idp, kind: "okta.*" } }
  - { id: trust-a, why: The Mac logged a trust failure, leak: 0.05, match: { source: endpoint, kind: device.trust.failure, text: "a" } }
  - { id: trust-b, why: The Mac logged an SSO error, leak: 0.05, match: { source: endpoint, kind: device.sso.error } }
  - { id: trust-c, why: The Mac logged a second trust failure, leak: 0.05, match: { source: endpoint, kind: device.trust.failure, text: "c" } }
causes:
  - id: broken
    title: Broken trust
    explanation: x
    prior: 0.1
    produces: { denied: 0.95, trust-a: 0.7, trust-b: 0.7, trust-c: 0.7 }
    steps: [okta-console]
    remedy: fix
  - id: other
    title: Something else
    explanation: y
    prior: 0.05
    produces: { trust-b: 0.5 }
    steps: [okta-console]
    remedy: fix
steps:
  - { id: read-log, title: Read the Mac's log, checks: trust errors, probe: log-trust, confirms: failures, refutes: none, settles: [trust-a, trust-b, trust-c] }
  - { id: okta-console, title: Okta console, checks: the device, console: Okta Admin, confirms: x, refutes: y }
  - { id: fix, title: Fix it, checks: fix it, command: fix, confirms: x, refutes: y, expect: sign-in works }
`;
}

const OKTA_ONLY = [complete('okta', 'idp', 'idp.system-log', ['okta.*'])];
const WITH_LOG = [...OKTA_ONLY, complete('device', 'endpoint', 'endpoint.log', ['device.*'])];
const denial = ev('okta', 'okta.policy.evaluate_sign_on', 0, 'deny');

describe('a likely verdict survives what was not looked at', () => {
  it('leads on the posterior but stays possible while its untested predictions could overturn it; the next step looks there', () => {
    const [first, second] = diagnose(modelOf(pack()), [denial], context({ coverage: OKTA_ONLY }), OPTIONS);
    // Posterior alone: 0.1/0.9 · 0.95/0.01 ≈ 10.6 to 1, about 0.91, nine times the next cause.
    expect(first).toMatchObject({ id: 'broken', verdict: 'possible' });
    expect(first!.score).toBeGreaterThan(0.9);
    expect(first!.score).toBeGreaterThan(4 * second!.score);
    expect(first!.next.stepId).toBe('read-log');
    expect(first!.next.why).toMatch(/^"Broken trust" leads \(posterior 0\.9\d\) but is not yet likely: it predicts that the Mac logged .*, which is not known yet \(/);
  });

  it('the same evidence is likely once the predictions were looked at and hold', () => {
    const log = [ev('device', 'device.trust.failure', 1, 'a'), ev('device', 'device.sso.error', 2, 'b'), ev('device', 'device.trust.failure', 3, 'c')];
    const [first] = diagnose(modelOf(pack()), [denial, ...log], context({ coverage: WITH_LOG }), OPTIONS);
    expect(first).toMatchObject({ id: 'broken', verdict: 'likely', next: { stepId: 'fix' } });
  });

  it('and not likely once they were looked at and fail', () => {
    const ranked = diagnose(modelOf(pack()), [denial], context({ coverage: WITH_LOG }), OPTIONS);
    expect(ranked.filter((h) => h.verdict === 'likely')).toEqual([]);
  });

  it("the pack's reversal threshold sets how much of that risk a likely verdict may carry", () => {
    const [first] = diagnose(modelOf(pack(1)), [denial], context({ coverage: OKTA_ONLY }), OPTIONS);
    expect(first).toMatchObject({ id: 'broken', verdict: 'likely' });
  });
});

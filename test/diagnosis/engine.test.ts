import { describe, expect, it } from 'vitest';
import { diagnose, Diagnosis } from '../../src/diagnosis/diagnose.js';
import { EventIndex } from '../../src/diagnosis/event-index.js';
import { FindingBook } from '../../src/diagnosis/finding-book.js';
import { complete, context, ev, facts, modelOf, OPTIONS, T0 } from './helpers.js';

const ALICE = { user: 'alice@example.com' };

const PACK = `
engine: 2
window: 30s
thresholds: { likely: 0.8, margin: 4, ruledOut: 0.03 }
lists:
  idp-traffic: ["okta.user.*", "okta.app.*", "okta.policy.*"]
findings:
  - { id: trust-failure, why: trust failed, leak: 0.05, match: { source: endpoint, kind: device.trust.failure } }
  - { id: okta-silent, why: Okta silent, whyNot: Okta answered, leak: 0.3, absent: { kind: "@idp-traffic", mine: true }, near: trust-failure, within: 60s }
  - { id: offset-large, why: clock off, whyNot: clock fine, leak: 0.01, fact: { name: endpoint.clock.offset-seconds, gt: 60 } }
  - { id: no-cert, why: no certificate, whyNot: certificate present, leak: 0.02, fact: { name: endpoint.trust-cert.count, lt: 1 } }
  - { id: denied, why: Okta denied, leak: 0.05, match: { kind: okta.policy.evaluate_sign_on, mine: true, fields: { outcome: DENY } } }
causes:
  - id: chain
    title: Chain break
    explanation: The Mac rejects the chain.
    prior: 0.06
    produces: { trust-failure: 0.95, okta-silent: 0.9 }
    steps: [read-trust-log]
    remedy: fix-chain
  - id: skew
    title: Clock skew
    explanation: The clock is off.
    prior: 0.06
    produces: { offset-large: 0.98, trust-failure: 0.5, okta-silent: 0.5 }
    steps: [measure-clock]
    remedy: set-clock
  - id: certless
    title: No certificate
    explanation: No certificate.
    prior: 0.06
    produces: { no-cert: 0.95, denied: 0.7 }
    steps: [look-for-cert, okta-console]
    remedy: okta-console
steps:
  - { id: read-trust-log, title: Read trust log, checks: trust errors, probe: log-trust, confirms: a failure, refutes: none, settles: [trust-failure] }
  - { id: fix-chain, title: Fix the chain, checks: serve the full chain, command: fix, confirms: x, refutes: y, expect: the next request reaches Okta }
  - { id: measure-clock, title: Measure the clock, checks: the offset, probe: sntp, confirms: over a minute, refutes: seconds, settles: [offset-large] }
  - { id: set-clock, title: Set the clock, checks: Set it, command: sntp -sS, confirms: x, refutes: y, expect: sign-in works }
  - { id: look-for-cert, title: Look for the certificate, checks: keychain, probe: okta-mtls-cert, confirms: empty, refutes: listed, settles: [no-cert] }
  - { id: okta-console, title: Okta console, checks: devices, console: Okta Admin, confirms: x, refutes: y, settles: [no-cert, denied] }
`;
const MODEL = modelOf(PACK);

function findingsOf(events: Parameters<typeof diagnose>[1], ctx = context()) {
  return new FindingBook(MODEL, new EventIndex(events), ctx).states;
}

describe('findings', () => {
  it('a present finding carries every event that shows it, not the first three', () => {
    const events = Array.from({ length: 7 }, (_, i) => ev('device', 'device.trust.failure', i * 600, 'fail'));
    const state = findingsOf(events).get('trust-failure')!;
    expect(state).toMatchObject({ state: 'present' });
    expect(state.state === 'present' && state.events.map((e) => e.id)).toEqual(events.map((e) => e.id));
  });

  it('judges a relation against every anchor: a fifth trust failure still has its own window', () => {
    // Four failures hours earlier with Okta answering, a fifth one with Okta silent: the relation sees all five.
    const early = Array.from({ length: 4 }, (_, i) => ev('device', 'device.trust.failure', -4 * 3600 + i * 60, 'fail'));
    const answers = early.map((e) => ev('okta', 'okta.user.session.start', (e.epochMs - T0) / 1000 + 5, 'login', { outcome: 'SUCCESS' }, ALICE));
    const late = ev('device', 'device.trust.failure', 0, 'fail');
    const states = findingsOf([...early, ...answers, late]);
    expect(states.get('okta-silent')).toMatchObject({ state: 'absent' });
    const onlyLate = findingsOf([late]);
    expect(onlyLate.get('okta-silent')).toMatchObject({ state: 'present', events: [late] });
  });

  it('an absence holds only inside complete coverage; elsewhere it is unknown, with why', () => {
    const failure = ev('device', 'device.trust.failure', 0, 'fail');
    const failed = context({ coverage: [{ ...complete('okta', 'idp', 'idp.system-log', ['okta.*']), complete: false, why: 'HTML error page instead of JSON' }, complete('device', 'endpoint', 'endpoint.log', ['device.*'])] });
    expect(findingsOf([failure], failed).get('okta-silent')).toEqual({ state: 'unknown', why: 'idp.system-log was not read completely (HTML error page instead of JSON)' });
    const devicesOnly = context({ coverage: [complete('okta', 'idp', 'idp.devices', ['okta.device.state']), complete('device', 'endpoint', 'endpoint.log', ['device.*'])] });
    expect(findingsOf([failure], devicesOnly).get('okta-silent')).toMatchObject({ state: 'unknown', why: expect.stringMatching(/^no source read/) });
    const window = context({ coverage: [complete('okta', 'idp', 'idp.system-log', ['okta.*'], T0 + 30_000, T0 + 3_600_000), complete('device', 'endpoint', 'endpoint.log', ['device.*'])] });
    expect(findingsOf([failure], window).get('okta-silent')).toMatchObject({ state: 'unknown', why: expect.stringMatching(/was not read for/) });
    // A match finding with no event is absent only inside coverage too.
    expect(findingsOf([], context({ coverage: [] })).get('trust-failure')).toMatchObject({ state: 'unknown' });
    expect(findingsOf([], context()).get('trust-failure')).toMatchObject({ state: 'absent' });
  });

  it("`mine` matches the Mac's own log events and events naming this device or user", () => {
    const model = modelOf(PACK.replace('match: { source: endpoint, kind: device.trust.failure }', 'match: { kind: device.trust.failure, mine: true }'));
    const book = new FindingBook(model, new EventIndex([ev('device', 'device.trust.failure', 0, 'fail')]), context({ mine: () => false }));
    expect(book.states.get('trust-failure')).toMatchObject({ state: 'present' });
  });

  it('facts are three-valued: unknown facts stay unknown, with the why the source gave', () => {
    expect(findingsOf([]).get('offset-large')).toEqual({ state: 'unknown', why: 'endpoint.clock.offset-seconds not measured' });
    expect(findingsOf([], context({ facts: facts({ 'endpoint.clock.offset-seconds': 94 }) })).get('offset-large')).toMatchObject({ state: 'present' });
    expect(findingsOf([], context({ facts: facts({ 'endpoint.clock.offset-seconds': 2 }) })).get('offset-large')).toMatchObject({ state: 'absent' });
  });

  it('count, before and after relate events to other findings', () => {
    const model = modelOf(`
engine: 2
findings:
  - { id: denial, why: d, leak: 0.05, match: { kind: okta.policy.evaluate_sign_on, fields: { outcome: DENY } } }
  - { id: change-before, why: c, leak: 0.05, match: { kind: okta.policy.rule.update }, before: denial, within: 2h }
  - { id: change-after, why: c, leak: 0.05, match: { kind: okta.policy.rule.update }, after: denial, within: 2h }
  - { id: five-grants, why: g, leak: 0.05, match: { kind: okta.app.oauth2.token.grant }, count: 5 }
causes:
  - { id: a, title: A, explanation: A, prior: 0.1, produces: { denial: 0.9 }, steps: [s], remedy: s }
steps:
  - { id: s, title: S, checks: c, console: x, confirms: x, refutes: y }
`);
    const events = [ev('okta', 'okta.policy.rule.update', -3600), ev('okta', 'okta.policy.evaluate_sign_on', 0, '', { outcome: 'DENY' }), ...Array.from({ length: 4 }, (_, i) => ev('okta', 'okta.app.oauth2.token.grant', i))];
    const states = new FindingBook(model, new EventIndex(events), context()).states;
    expect(states.get('change-before')).toMatchObject({ state: 'present' });
    expect(states.get('change-after')).toMatchObject({ state: 'absent' });
    expect(states.get('five-grants')).toMatchObject({ state: 'absent' });
    const more = new FindingBook(model, new EventIndex([...events, ev('okta', 'okta.app.oauth2.token.grant', 9)]), context()).states;
    expect(more.get('five-grants')).toMatchObject({ state: 'present' });
  });
});

describe('ranking', () => {
  it('explains away: a large clock offset accounts for the trust failure and Okta silence, so the chain break falls back', () => {
    const failure = ev('device', 'device.trust.failure', 0, 'fail');
    const chainOnly = diagnose(MODEL, [failure], context({ facts: facts({ 'endpoint.clock.offset-seconds': 2 }) }), OPTIONS);
    expect(chainOnly[0]!.id).toBe('chain');
    const skewed = diagnose(MODEL, [failure], context({ facts: facts({ 'endpoint.clock.offset-seconds': 94 }) }), OPTIONS);
    expect(skewed[0]).toMatchObject({ id: 'skew', verdict: 'likely' });
    expect(skewed.filter((h) => h.verdict === 'likely')).toHaveLength(1);
    expect(skewed.find((h) => h.id === 'chain')!.score).toBeLessThan(chainOnly[0]!.score / 4);
    expect(skewed[0]!.explains).toEqual(['offset-large', 'okta-silent', 'trust-failure']);
  });

  it('leaves unknown findings out, never counts them as false', () => {
    const failure = ev('device', 'device.trust.failure', 0, 'fail');
    const unknownClock = diagnose(MODEL, [failure], context(), OPTIONS);
    const smallClock = diagnose(MODEL, [failure], context({ facts: facts({ 'endpoint.clock.offset-seconds': 2 }) }), OPTIONS);
    const skewUnknown = unknownClock.find((h) => h.id === 'skew')!;
    expect(skewUnknown.score).toBeGreaterThan(smallClock.find((h) => h.id === 'skew')!.score);
    expect(skewUnknown.unknown).toEqual(['clock off (unknown: endpoint.clock.offset-seconds not measured)']);
  });

  it('scores are posteriors ranked highest first, with evidence for and against by event id', () => {
    const failure = ev('device', 'device.trust.failure', 0, 'fail');
    const answer = ev('okta', 'okta.user.session.start', 10, 'login', {}, ALICE);
    const ranked = diagnose(MODEL, [failure, answer], context({ facts: facts({ 'endpoint.clock.offset-seconds': 2, 'endpoint.trust-cert.count': 1 }) }), OPTIONS);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
    const chain = ranked.find((h) => h.id === 'chain')!;
    expect(chain.evidence).toEqual([
      { eventId: failure.id, supports: true, why: 'trust failed' },
      { eventId: answer.id, supports: false, why: 'Okta answered' },
    ]);
  });

  it('when the top cause is likely, its next step is its remedy, with what to expect', () => {
    const ranked = diagnose(MODEL, [ev('device', 'device.trust.failure', 0, 'fail')], context({ facts: facts({ 'endpoint.clock.offset-seconds': 94 }) }), OPTIONS);
    expect(ranked[0]!.next).toEqual({ stepId: 'set-clock', title: 'Set the clock', command: 'sntp -sS', why: expect.stringMatching(/^Clock skew is likely \(posterior 0\.\d\d\)\. Set it\. Expect: sign-in works\.$/) });
  });

  it('with nothing likely, the next step is the runnable one that tells the causes apart best, never a probe already in hand', () => {
    const thin = diagnose(MODEL, [], context({ coverage: [] }), OPTIONS);
    expect(thin.filter((h) => h.verdict === 'likely')).toEqual([]);
    expect(thin[0]!.next.why).toMatch(/^Evidence is not conclusive yet; this separates /);
    const chosen = thin[0]!.next.stepId;
    const step = MODEL.steps.get(chosen)!;
    expect(step.kind).toBe('probe');
    const held = diagnose(MODEL, [], context({ coverage: [] }), { ...OPTIONS, probesInHand: new Set([step.action]) });
    expect(held[0]!.next.stepId).not.toBe(chosen);
    // Without a reachable Mac no probe is proposed; an admin-console step still is.
    const offline = diagnose(MODEL, [], context({ coverage: [] }), { ...OPTIONS, macReachable: false });
    expect(MODEL.steps.get(offline[0]!.next.stepId)!.kind).not.toBe('probe');
  });

  it('an incremental update gives the same ranking as a diagnosis from scratch', () => {
    const first = [ev('device', 'device.trust.failure', 0, 'fail')];
    const later = [ev('okta', 'okta.user.session.start', 10, 'login', {}, ALICE), ev('device', 'device.trust.failure', 600, 'fail')];
    const session = Diagnosis.of(MODEL, first, () => context());
    session.update(later, () => context({ facts: facts({ 'endpoint.clock.offset-seconds': 2 }) }));
    const scratch = diagnose(MODEL, [...first, ...later], context({ facts: facts({ 'endpoint.clock.offset-seconds': 2 }) }), OPTIONS);
    expect(session.rank(OPTIONS)).toEqual(scratch);
  });
});

import { describe, expect, it } from 'vitest';
import type { Analysis, SourceSummary } from '../../src/model/analysis.js';
import type { EventFields, SourceName, TimelineEvent } from '../../src/model/event.js';
import { parsePack } from '../../src/triage/load-pack.js';
import { genericOf } from '../../src/sources/registry.js';
import { triage } from '../../src/triage/triage.js';
import { handAnalysis, sourceSummary } from '../helpers/analysis.js';

const T0 = Date.UTC(2026, 10, 20, 14, 2);

function ev(id: string, source: SourceName, kind: string, offsetS: number, summary: string, fields: EventFields = {}, severity: TimelineEvent['severity'] = 'info'): TimelineEvent {
  return { id, epochMs: T0 + offsetS * 1000, originalTime: '', source, kind, generic: genericOf(source, kind), severity, summary, keys: {}, raw: { file: 'f' }, fields };
}

function analysis(timeline: TimelineEvent[], opts: { missing?: SourceName[]; offsetMs?: number | null; certs?: number } = {}): Analysis {
  const sources: SourceSummary[] = (['jamf', 'okta', 'device'] as const).map((name) =>
    opts.missing?.includes(name) ? sourceSummary(name, 'missing') : sourceSummary(name, 'ok', 1),
  );
  const probes = opts.certs === undefined ? {} : { oktaCertificates: Array.from({ length: opts.certs }, () => ({ sha256: 'A', sha1: 'B', subject: 'Okta MTLS', issuer: 'Okta', notBeforeMs: T0 - 1e9, notAfterMs: T0 + 1e9 })) };
  const clock = { deviceOffsetMs: opts.offsetMs ?? null, basis: opts.offsetMs === undefined || opts.offsetMs === null ? null : ('sntp' as const), applied: true };
  return handAnalysis({
    device: { serial: 'C02', hostname: null, user: null },
    collectedAtMs: T0 + 600_000,
    sources,
    clock,
    timeline,
    state: { device: { probes, clock } },
  });
}

const PACK = parsePack(
  `window: 30s
hypotheses:
  - id: chain
    title: Chain break
    explanation: The Mac rejects the chain; Okta sees nothing.
    evidence:
      - { id: trust, core: true, weight: 0.6, why: trust failed, match: { kind: device.trust.failure } }
      - { id: okta-silent, weight: 0.4, why: Okta silent, absent: { source: okta }, near: trust }
    contradictions:
      - { id: okta-answered, strong: true, weight: 0.5, why: Okta answered, match: { source: okta, fields: { outcome: [DENY, FAILURE] } }, near: trust }
    runbook:
      - { title: Read trust log, checks: trust errors, probe: log-trust, confirms: a failure, refutes: none, produces: [trust] }
  - id: skew
    title: Clock skew
    explanation: The clock is off.
    evidence:
      - { id: offset, core: true, weight: 0.7, why: offset over a minute, fact: { name: clock.offset-seconds, gt: 60 } }
      - { id: validity, weight: 0.3, why: validity errors, match: { kind: device.trust.failure, text: TemporalValidity } }
    contradictions:
      - { id: small, strong: true, weight: 0.6, why: offset under 5 s, fact: { name: clock.offset-seconds, lt: 5 } }
    runbook:
      - { title: Read the Okta console, checks: nothing, console: Okta Admin, confirms: x, refutes: y }
      - { title: Measure the clock, checks: the offset, probe: sntp, confirms: over a minute, refutes: seconds, produces: [offset, small] }
  - id: certless
    title: No certificate
    explanation: No Okta certificate.
    evidence:
      - { id: none, core: true, weight: 1, why: no certificate, fact: { name: okta-cert.count, lt: 1 } }
    runbook:
      - { title: Look for the certificate, checks: keychain, probe: okta-mtls-cert, confirms: empty, refutes: listed, produces: [none] }
`,
  'test-pack.yaml',
);
const ACTIVE = { hypotheses: PACK.hypotheses, windowMs: 30_000 };

describe('triage engine', () => {
  it('ranks the hypothesis whose core evidence holds and explains it with event ids', () => {
    const result = triage(analysis([ev('d1', 'device', 'device.trust.failure', 0, 'Trust evaluate failure: [leaf MissingIntermediate]'), ev('o1', 'okta', 'okta.user.session.start', 300, 'later sign-in')]), ACTIVE);
    expect(result[0]).toMatchObject({ id: 'chain', score: 1, verdict: 'likely' });
    expect(result[0]!.evidence).toEqual([
      { eventId: 'd1', supports: true, why: 'trust failed' },
      { eventId: 'd1', supports: true, why: 'Okta silent' },
    ]);
    expect(result[0]!.next).toEqual({ title: 'Read trust log', command: expect.stringContaining('/usr/bin/log show'), why: expect.stringContaining('trust errors') });
  });

  it('counts an Okta event inside the window as contradiction, outside as nothing', () => {
    const inside = triage(analysis([ev('d1', 'device', 'device.trust.failure', 0, 'fail'), ev('o1', 'okta', 'okta.policy.evaluate_sign_on', 20, 'deny', { outcome: 'DENY' })]), ACTIVE);
    const chain = inside.find((h) => h.id === 'chain')!;
    expect(chain.verdict).toBe('unlikely');
    expect(chain.evidence).toContainEqual({ eventId: 'o1', supports: false, why: 'Okta answered' });
    const outside = triage(analysis([ev('d1', 'device', 'device.trust.failure', 0, 'fail'), ev('o1', 'okta', 'okta.policy.evaluate_sign_on', 45, 'deny', { outcome: 'DENY' })]), ACTIVE);
    expect(outside.find((h) => h.id === 'chain')!.verdict).toBe('likely');
  });

  it('treats absence in a missing source as unknown, not as evidence', () => {
    const result = triage(analysis([ev('d1', 'device', 'device.trust.failure', 0, 'fail')], { missing: ['okta'] }), ACTIVE);
    const chain = result.find((h) => h.id === 'chain')!;
    expect(chain.score).toBe(0.6);
    expect(chain.verdict).toBe('likely');
    expect(chain.unknown).toEqual(['Okta silent', 'Okta answered']);
  });

  it('does not call a small clock offset skew, and a large one likely', () => {
    expect(triage(analysis([], { offsetMs: 2100 }), ACTIVE).find((h) => h.id === 'skew')!.verdict).toBe('unlikely');
    const large = triage(analysis([], { offsetMs: 412_500 }), ACTIVE).find((h) => h.id === 'skew')!;
    expect(large).toMatchObject({ verdict: 'likely', score: 0.7 });
  });

  it('halves the score of a hypothesis whose core evidence is missing', () => {
    const result = triage(analysis([ev('d1', 'device', 'device.trust.failure', 0, 'Trust evaluate failure: [leaf TemporalValidity]')], { offsetMs: 30_000 }), ACTIVE);
    expect(result.find((h) => h.id === 'skew')).toMatchObject({ score: 0.15, verdict: 'unlikely' });
  });

  it('with thin evidence calls nothing likely and asks for the probe that separates the leaders', () => {
    const result = triage(analysis([]), ACTIVE);
    expect(result.every((h) => h.verdict !== 'likely')).toBe(true);
    expect(result.map((h) => h.score)).toEqual([0, 0, 0]);
    expect(result[0]!.next.command).toBe('/usr/bin/sntp time.apple.com');
    expect(result[0]!.id).toBe('chain');
    expect(result[0]!.next.why).toBe(
      'Evidence is not conclusive yet; this separates "Chain break" from "Clock skew". the offset. Confirms: over a minute. Refutes: seconds.',
    );
    expect(result[1]!.unknown).toEqual(['offset over a minute', 'offset under 5 s']);
  });

  it('uses derived facts from probes, pointing at the probe event', () => {
    const probe = ev('device:probe:okta-mtls-cert', 'device', 'device.probe.okta-mtls-cert', 500, 'no certificate');
    const result = triage(analysis([probe], { certs: 0 }), ACTIVE);
    expect(result[0]).toMatchObject({ id: 'certless', verdict: 'likely', evidence: [{ eventId: 'device:probe:okta-mtls-cert', supports: true, why: 'no certificate' }] });
  });
});

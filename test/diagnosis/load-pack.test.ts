import { describe, expect, it } from 'vitest';
import { loadDiagnosisModel, readBuiltinPack, readPackDirectory } from '../../src/config/diagnosis-packs.js';
import { DocumentError } from '../../src/config/yaml-document.js';
import { compileModel, parsePackText, unsafePatternReason } from '../../src/diagnosis/load-pack.js';

import { writeTree } from '../helpers/temp-files.js';
import { VOCABULARY } from './helpers.js';

const GOOD = `engine: 2
window: 45s
lists:
  resets: [reset, "-9806"]
findings:
  - id: tls-reset
    why: TLS resets to Okta hosts.
    leak: 0.05
    match: { source: endpoint, kind: device.trust.failure, text: "reset" }
  - id: okta-silent
    why: Okta logged nothing around the reset.
    leak: 0.3
    absent: { kind: "okta.*", mine: true }
    near: tls-reset
causes:
  - id: vpn-split-tunnel
    title: The VPN sends Okta traffic the wrong way
    explanation: Okta hosts resolve to the VPN's proxy.
    prior: 0.05
    produces: { tls-reset: 0.9, okta-silent: 0.8 }
    steps: [check-route]
    remedy: check-route
steps:
  - id: check-route
    title: Check the route
    checks: Which interface carries Okta traffic.
    command: route get example.okta.com
    confirms: The VPN interface.
    refutes: The primary interface.
    settles: [tls-reset]
`;

function errorOf(text: string, file = 'org/pack.yaml'): string {
  try {
    compileModel([parsePackText(text, file)], VOCABULARY);
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError);
    return (error as Error).message;
  }
  throw new Error('expected the pack to be rejected');
}

describe('pack format v2', () => {
  it('accepts a valid pack and fills defaults', () => {
    const model = compileModel([parsePackText(GOOD, 'org/pack.yaml')], VOCABULARY);
    expect(model.causes.map((c) => c.id)).toEqual(['vpn-split-tunnel']);
    expect(model.findings.find((f) => f.id === 'okta-silent')!.relation).toEqual({ type: 'near', anchor: 'tls-reset', withinMs: 45_000 });
    expect(model.steps.get('check-route')).toMatchObject({ kind: 'command', cost: 3 });
    expect(model.thresholds).toEqual({ likely: 0.8, margin: 4, ruledOut: 0.03, reversal: 0.2 });
  });

  it("a matcher naming only roles reads those roles' generic kinds (so the index hands it only their events)", () => {
    const pack = GOOD.replace('absent: { kind: "okta.*", mine: true }', 'absent: { source: idp, mine: true }');
    const model = compileModel([parsePackText(pack, 'org/pack.yaml')], VOCABULARY);
    expect(model.findings.find((f) => f.id === 'okta-silent')!.matcher).toMatchObject({ sources: ['idp'], kinds: ['idp.*'] });
    const byAdapter = compileModel([parsePackText(pack.replace('source: idp', 'source: okta'), 'org/pack.yaml')], VOCABULARY);
    expect(byAdapter.findings.find((f) => f.id === 'okta-silent')!.matcher).toMatchObject({ sources: ['okta'], kinds: [] });
  });

  it('names file, line and field for a wrong type or a missing field', () => {
    expect(errorOf(GOOD.replace('prior: 0.05', 'prior: likely'))).toBe('org/pack.yaml:19: causes[0].prior: Invalid input: expected number, received string');
    expect(errorOf(GOOD.replace('    title: The VPN sends Okta traffic the wrong way\n', ''))).toMatch(/^org\/pack\.yaml:16: causes\[0\]\.title: /);
  });

  it('fails at load on a kind, fact, source or probe no one declares', () => {
    expect(errorOf(GOOD.replace('kind: device.trust.failure', 'kind: device.trust.failur'))).toBe(
      'org/pack.yaml:9: findings[0].match.kind: no source declares a kind matching "device.trust.failur"',
    );
    expect(errorOf(GOOD.replace('match: { source: endpoint, kind: device.trust.failure, text: "reset" }', 'fact: { name: moon.phase, is: true }'))).toBe(
      'org/pack.yaml:9: findings[0].fact.name: no source declares a fact "moon.phase"',
    );
    expect(errorOf(GOOD.replace('source: endpoint', 'source: crm'))).toMatch(/^org\/pack\.yaml:9: findings\[0\]\.match\.source: unknown source "crm"/);
    expect(errorOf(GOOD.replace('command: route get example.okta.com', 'probe: crystal-ball'))).toMatch(/^org\/pack\.yaml:27: steps\[0\]\.probe: unknown probe "crystal-ball"/);
    expect(errorOf(GOOD.replace('text: "reset" }', 'text: "reset", fields: { trustResultt: 5 } }'))).toMatch(/findings\[0\]\.match\.fields\.trustResultt: no kind this finding matches has a field/);
  });

  it('checks references, lists and cycles across findings, causes and steps', () => {
    expect(errorOf(GOOD.replace('near: tls-reset', 'near: nowhere'))).toBe('org/pack.yaml:14: findings[1].near: no finding "nowhere"');
    expect(errorOf(GOOD.replace('produces: { tls-reset: 0.9', 'produces: { tls-rest: 0.9'))).toMatch(/causes\[0\]\.produces\.tls-rest: no finding "tls-rest"/);
    expect(errorOf(GOOD.replace('remedy: check-route', 'remedy: pray'))).toMatch(/causes\[0\]\.remedy: no step "pray"/);
    // A premise is something the cause produces; naming another finding is a mistake in the pack.
    const premise = (ids: string) => GOOD.replace('    steps: [check-route]\n', `    requires: [${ids}]\n    steps: [check-route]\n`);
    expect(compileModel([parsePackText(premise('tls-reset'), 'x')], VOCABULARY).causes[0]!.requires).toEqual(['tls-reset']);
    expect(errorOf(premise('okta-silent, nowhere'))).toMatch(/^org\/pack\.yaml:\d+: causes\[0\]\.requires\[1\]: "nowhere" is not among the findings it produces/);
    expect(errorOf(GOOD.replace('text: "reset" }', 'text: "reset" }\n    near: okta-silent').replace('absent: { kind: "okta.*", mine: true }', 'match: { kind: "okta.*" }'))).toMatch(
      /findings refer to each other in a cycle: (okta-silent → tls-reset → okta-silent|tls-reset → okta-silent → tls-reset)/,
    );
    expect(errorOf(GOOD.replace('kind: device.trust.failure', 'kind: "@nolist"'))).toMatch(/findings\[0\]\.match\.kind: no list named "nolist"/);
    const withList = compileModel([parsePackText(GOOD.replace('text: "reset" }', 'fields: { trustResult: "@resets" } }'), 'x')], VOCABULARY);
    expect(withList.findings.find((f) => f.id === 'tls-reset')!.matcher!.fields[0]![1]('-9806')).toBe(true);
  });

  it('refuses patterns that could backtrack catastrophically', () => {
    expect(errorOf(GOOD.replace('text: "reset"', 'text: "(a+)+$"'))).toMatch(/findings\[0\]\.match\.text: nested repetition/);
    expect(unsafePatternReason('(a|ab)*c')).toMatch(/alternatives that match the same text/);
    expect(unsafePatternReason('(\\w+\\s?)*$')).toMatch(/nested repetition/);
    expect(unsafePatternReason('(x)\\1')).toMatch(/backreference/);
    expect(unsafePatternReason('(unclosed')).toMatch(/not a valid regular expression/);
    for (const safe of ['RecoverableTrustFailure|trust result 5|-9807', 'okta.*(scep|attestation)', '[a-z]+\\d{2,4}', '(ab)?c*', 'HTTP 40[01]', '\\biat\\b']) {
      expect(unsafePatternReason(safe), safe).toBeUndefined();
    }
  });

  it('says how to convert a v1 pack, and refuses other engine versions', () => {
    expect(errorOf('window: 30s\nhypotheses: []\n')).toMatch(/^org\/pack\.yaml:1: engine: this is a v1 pack .*To convert: /);
    expect(errorOf(GOOD.replace('engine: 2', 'engine: 3'))).toBe('org/pack.yaml:1: engine: written for engine 3; this trustline runs engine 2');
  });

  it('reports YAML syntax errors with their line', () => {
    expect(errorOf('engine: 2\nfindings:\n  - id: [unclosed\n')).toMatch(/^org\/pack\.yaml:\d+: not valid YAML: /);
  });
});

describe('the built-in pack', () => {
  it('loads against the sources’ declarations and covers the eighteen causes of the catalogue', async () => {
    const { model } = await loadDiagnosisModel({});
    expect(model.causes.map((c) => c.id)).toEqual(
      [
        'cert-chain-break',
        'clock-skew',
        'device-assurance-failed',
        'device-trust-cert-expired',
        'device-trust-cert-missing',
        'device-trust-cert-revoked',
        'enrollment-limit-reached',
        'management-attestation-missing',
        'mdm-payload-mismatch',
        'mdm-push-broken',
        'mtls-handshake-blocked',
        'not-managed-in-jamf',
        'ocsp-unreachable',
        'okta-device-inactive',
        'okta-policy-regression',
        'psso-registration-incomplete',
        'scep-profile-not-deployed',
        'sso-extension-missing',
      ],
    );
    for (const c of model.causes) expect(model.steps.get(c.remedy)!.expect ?? model.steps.get(c.remedy)!.confirms, c.id).toBeTruthy();
    expect((await readBuiltinPack()).pack.engine).toBe(2);
  });
});

describe('organisation packs', () => {
  it('add causes, replace built-in entries by id, and keep their window to their own findings', async () => {
    const override = GOOD.replace('id: vpn-split-tunnel', 'id: clock-skew');
    const dir = writeTree({ 'a-new.yaml': GOOD, 'b-override.yml': override, 'notes.txt': 'ignored' });
    const packs = await readPackDirectory(dir);
    expect(packs.map((p) => p.file.split('/').pop())).toEqual(['a-new.yaml', 'b-override.yml']);
    const { model } = await loadDiagnosisModel({ rulesDir: dir });
    expect(model.causes).toHaveLength(19);
    expect(model.causes.find((c) => c.id === 'clock-skew')!.title).toBe('The VPN sends Okta traffic the wrong way');
    // The organisation pack's 45 s window applies to its okta-silent; the built-in findings keep 30 s.
    expect(model.findings.find((f) => f.id === 'okta-silent')!.relation!.withinMs).toBe(45_000);
    expect(model.findings.find((f) => f.id === 'chain-failure-okta-host')!.relation!.withinMs).toBe(2_000);
    expect(model.findings.find((f) => f.id === 'mdm-error-near-ocsp')!.relation!.withinMs).toBe(120_000);
  });

  it('fail as a whole when one file is invalid', async () => {
    const dir = writeTree({ 'a.yaml': GOOD, 'b.yaml': GOOD.replace('prior: 0.05', 'prior: 7') });
    await expect(loadDiagnosisModel({ rulesDir: dir })).rejects.toThrow(/b\.yaml:19: causes\[0\]\.prior: Too big/);
  });
});

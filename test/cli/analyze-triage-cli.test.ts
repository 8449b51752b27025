import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-files.js';

const FULL = fileURLToPath(new URL('../fixtures/bundles/full', import.meta.url));

const ORG_PACK = `engine: 2
findings:
  - { id: our-deny, why: Okta denied it, leak: 0.01, match: { kind: okta.policy.evaluate_sign_on, fields: { outcome: DENY } } }
causes:
  - id: okta-policy-regression
    title: Our own policy story
    explanation: Replaces the built-in one.
    prior: 0.2
    produces: { our-deny: 0.99, idp-grant-failed: 0.9, device-invalid-grant: 0.9 }
    steps: [ask-identity-team]
    remedy: ask-identity-team
steps:
  - { id: ask-identity-team, title: Ask the identity team, checks: the rule, console: Okta Admin Console > Security > Authentication Policies, confirms: a new rule, refutes: no change, expect: the grant succeeds }
`;

interface Hyp {
  id: string;
  title: string;
  score: number;
  verdict: string;
  evidence: { eventId: string; supports: boolean; why: string }[];
  explains: string[];
  next: { stepId: string; title: string; command: string; why: string };
}

function hypotheses(args: string[], env: NodeJS.ProcessEnv = {}): Hyp[] {
  const r = runCli(['analyze', '--bundle', FULL, '--json', ...args], env);
  expect(r.status, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { hypotheses: Hyp[] }).hypotheses;
}

describe('analyze --json hypotheses', () => {
  const ranked = hypotheses([], { XDG_CONFIG_HOME: tempDir() });

  it('ranks every cause of the built-in pack, sorted by score, in the contract shape', () => {
    expect(ranked).toHaveLength(18);
    expect(ranked.map((h) => h.score)).toEqual([...ranked.map((h) => h.score)].sort((a, b) => b - a));
    for (const h of ranked) {
      expect(Object.keys(h)).toEqual(['id', 'title', 'score', 'verdict', 'evidence', 'explains', 'next']);
      expect(Object.keys(h.next)).toEqual(['stepId', 'title', 'command', 'why']);
      expect(h.score).toBeGreaterThanOrEqual(0);
      expect(h.score).toBeLessThanOrEqual(1);
    }
  });

  it('weighs the mixed signals of the full bundle without calling any cause likely, with evidence from Okta and the device', () => {
    // 94 s of clock offset, a policy DENY and failed SCEP installs at once: nothing has a clear margin.
    expect(ranked.filter((h) => h.verdict === 'likely')).toEqual([]);
    const policy = ranked.find((h) => h.id === 'okta-policy-regression')!;
    expect(policy.verdict).toBe('possible');
    expect(policy.evidence.map((e) => e.eventId)).toContain('okta:3c9e8f70-c6f2-11f0-9a11-5d2f6a7b8c04');
    expect(ranked[0]!.evidence.some((e) => e.eventId.startsWith('device:'))).toBe(true);
    expect(ranked[0]!.next.why).toMatch(/^Evidence is not conclusive yet/);
  });
});

describe('organisation packs', () => {
  it('--rules replaces a built-in hypothesis by id', () => {
    const rules = writeTree({ 'ours.yaml': ORG_PACK });
    const ranked = hypotheses(['--rules', rules], { XDG_CONFIG_HOME: tempDir() });
    expect(ranked).toHaveLength(18);
    const ours = ranked.find((h) => h.id === 'okta-policy-regression')!;
    expect(ours).toMatchObject({ title: 'Our own policy story', explains: expect.arrayContaining(['our-deny']) });
    // Its own step, unless it leads without being likely (then the step that best separates the leaders).
    if (ranked[0]!.id !== ours.id || ours.verdict === 'likely') {
      expect(ours.next).toMatchObject({ stepId: 'ask-identity-team', command: 'Okta Admin Console > Security > Authentication Policies' });
    } else {
      expect(ours.next.why).toMatch(/^Evidence is not conclusive yet/);
    }
  });

  it('the config key rules works like --rules', () => {
    const rules = writeTree({ 'ours.yaml': ORG_PACK });
    const config = writeTree({ 'trustline/config.yaml': `rules: ${rules}\n` });
    expect(hypotheses([], { XDG_CONFIG_HOME: config })[0]!.title).toBe('Our own policy story');
  });

  it('an invalid pack fails with file, line and field, and prints no analysis', () => {
    const rules = writeTree({ 'ours.yaml': ORG_PACK.replace('prior: 0.2', 'prior: 2') });
    const r = runCli(['analyze', '--bundle', FULL, '--json', '--rules', rules], { XDG_CONFIG_HOME: tempDir() });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`trustline: ${join(rules, 'ours.yaml')}:8: causes[0].prior: Too big: expected number to be <1\n`);
  });

  it('a broken config file fails with its line', () => {
    const config = writeTree({ 'trustline/config.yaml': 'window: soon\n' });
    const r = runCli(['analyze', '--bundle', FULL], { XDG_CONFIG_HOME: config });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/config\.yaml:1: window: a duration such as 30s or 2m\n$/);
  });

  it('--window rejects a malformed duration', () => {
    const r = runCli(['analyze', '--bundle', FULL, '--window', 'soon']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("trustline: option '--window <duration>' argument 'soon' is invalid. expected a duration longer than zero, such as 30s or 2m\n");
  });
});

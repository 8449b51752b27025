import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../src/config/yaml-document.js';
import { combinePacks, parsePack, readBuiltinPack, readPackDirectory } from '../../src/triage/load-pack.js';
import { writeTree } from '../helpers/temp-files.js';

const GOOD = `window: 45s
hypotheses:
  - id: vpn-split-tunnel
    title: The VPN sends Okta traffic the wrong way
    explanation: Okta hosts resolve to the VPN's proxy.
    evidence:
      - id: tls-reset
        core: true
        weight: 0.6
        why: TLS resets to Okta hosts.
        match: { source: device, kind: device.tls.error, text: "reset" }
    runbook:
      - title: Check the route
        checks: Which interface carries Okta traffic.
        command: route get example.okta.com
        confirms: The VPN interface.
        refutes: The primary interface.
`;

function errorOf(text: string, file = 'org/pack.yaml'): string {
  try {
    parsePack(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError);
    return (error as Error).message;
  }
  throw new Error('expected the pack to be rejected');
}

describe('parsePack', () => {
  it('accepts a valid pack and fills defaults', () => {
    const pack = parsePack(GOOD, 'org/pack.yaml');
    expect(pack.window).toBe('45s');
    expect(pack.hypotheses[0]!.contradictions).toEqual([]);
    expect(pack.hypotheses[0]!.runbook[0]!.produces).toEqual([]);
  });

  it('names file, line and field for a wrong type', () => {
    expect(errorOf(GOOD.replace('weight: 0.6', 'weight: heavy'))).toBe(
      'org/pack.yaml:9: hypotheses[0].evidence[0].weight: Invalid input: expected number, received string',
    );
  });

  it('points at the parent line for a missing field', () => {
    expect(errorOf(GOOD.replace('    title: The VPN sends Okta traffic the wrong way\n', ''))).toMatch(/^org\/pack\.yaml:3: hypotheses\[0\]\.title: /);
  });

  it('rejects unknown keys, bad regular expressions and unknown facts', () => {
    expect(errorOf(GOOD.replace('core: true', 'core: true\n        colour: red'))).toMatch(/^org\/pack\.yaml:7: hypotheses\[0\]\.evidence\[0\]: .*colour/);
    expect(errorOf(GOOD.replace('text: "reset"', 'text: "(unclosed"'))).toBe(
      'org/pack.yaml:11: hypotheses[0].evidence[0].match.text: not a valid regular expression',
    );
    expect(errorOf(GOOD.replace('match: { source: device, kind: device.tls.error, text: "reset" }', 'fact: { name: moon.phase, is: true }'))).toMatch(
      /^org\/pack\.yaml:11: hypotheses\[0\]\.evidence\[0\]\.fact\.name: /,
    );
    expect(errorOf(GOOD.replace('        match: { source: device, kind: device.tls.error, text: "reset" }\n', ''))).toBe(
      'org/pack.yaml:7: hypotheses[0].evidence[0]: a signature needs exactly one of match, absent or fact',
    );
  });

  it('checks references between signatures and steps', () => {
    expect(errorOf(GOOD.replace('text: "reset" }', 'text: "reset" }\n        near: nowhere'))).toBe(
      'org/pack.yaml:12: hypotheses[0].evidence[0].near: near names no other signature of this hypothesis: "nowhere"',
    );
    expect(errorOf(GOOD.replace('command: route get example.okta.com', 'probe: crystal-ball'))).toMatch(
      /^org\/pack\.yaml:15: hypotheses\[0\]\.runbook\[0\]\.probe: unknown probe "crystal-ball"/,
    );
    expect(errorOf(GOOD.replace('        core: true\n', ''))).toMatch(/evidence: at least one evidence signature must be core: true$/);
    expect(errorOf(GOOD.replace('command: route get example.okta.com', 'command: route get example.okta.com\n        console: Settings'))).toMatch(
      /runbook\[0\]: a step needs exactly one of probe, command or console$/,
    );
  });

  it('reports YAML syntax errors with their line', () => {
    expect(errorOf('hypotheses:\n  - id: [unclosed\n')).toMatch(/^org\/pack\.yaml:\d+: not valid YAML: /);
  });

  it('reads JSON packs too', () => {
    expect(parsePack(JSON.stringify({ hypotheses: parsePack(GOOD, 'x').hypotheses }), 'org/pack.json').hypotheses[0]!.id).toBe('vpn-split-tunnel');
  });
});

describe('the built-in pack', () => {
  it('covers every hypothesis id of the catalogue', async () => {
    const pack = await readBuiltinPack();
    expect(pack.hypotheses.map((h) => h.id).sort()).toEqual(
      [
        'cert-chain-break',
        'okta-policy-regression',
        'mdm-payload-mismatch',
        'clock-skew',
        'device-trust-cert-missing',
        'device-trust-cert-expired',
        'enrollment-limit-reached',
        'not-managed-in-jamf',
        'mtls-handshake-blocked',
        'ocsp-unreachable',
        'sso-extension-missing',
        'scep-profile-not-deployed',
      ].sort(),
    );
  });
});

describe('organisation packs', () => {
  it('add new hypotheses and replace built-in ones by id', async () => {
    const builtin = await readBuiltinPack();
    const override = GOOD.replace('id: vpn-split-tunnel', 'id: clock-skew').replace('window: 45s\n', '');
    const dir = writeTree({ 'a-new.yaml': GOOD, 'b-override.yml': override, 'notes.txt': 'ignored' });
    const packs = await readPackDirectory(dir);
    expect(packs.map((p) => p.file.split('/').pop())).toEqual(['a-new.yaml', 'b-override.yml']);
    const combined = combinePacks(builtin, packs.map((p) => p.pack));
    expect(combined.hypotheses).toHaveLength(13);
    expect(combined.hypotheses.find((h) => h.id === 'clock-skew')!.title).toBe('The VPN sends Okta traffic the wrong way');
    expect(combined.window).toBe('45s');
  });

  it('fail as a whole when one file is invalid', async () => {
    const dir = writeTree({ 'a.yaml': GOOD, 'b.yaml': GOOD.replace('weight: 0.6', 'weight: 7') });
    await expect(readPackDirectory(dir)).rejects.toThrow(/b\.yaml:9: hypotheses\[0\]\.evidence\[0\]\.weight: Too big/);
  });
});

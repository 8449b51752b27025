import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPseudonymKey, pseudonymKeyPath } from '../../src/report/pseudonym-key.js';
import { Pseudonymizer } from '../../src/report/pseudonymize.js';
import { redactSecrets } from '../../src/secrets/registry.js';
import { tempDir } from '../helpers/temp-files.js';

const KEY = Buffer.from('test-pseudonym-key-0123456789abcdef');

function known(key = KEY): Pseudonymizer {
  const p = new Pseudonymizer(key, ['jamf', 'okta', 'device']);
  p.add('serial', 'C02FX1TLQ6L4');
  p.add('host', 'alice-mbp');
  p.add('host', "Alice's MacBook Pro");
  p.add('user', 'alice@example.com');
  p.add('user', 'alice');
  p.add('udid', '8E2B4F7A-1C3D-5A6B-9E0F-2D4C6B8A0E1F');
  return p;
}

describe('pseudonyms', () => {
  it('replaces identifiers everywhere in free text, the same value always the same way', () => {
    const p = known();
    const text = "C02FX1TLQ6L4 (alice-mbp.local, Alice's MacBook Pro) for Alice@Example.com: /Users/alice/Library; user alice; carol@corp.example.org; 00008103-001A2B3C4D5E001E";
    const out = p.text(text);
    for (const raw of ['C02FX1TLQ6L4', 'alice', 'Alice', 'carol', 'corp.example.org', '00008103-001A2B3C4D5E001E']) expect(out).not.toContain(raw);
    expect(out).toMatch(/^serial-[0-9a-f]{8} \(host-[0-9a-f]{8}\.local, host-[0-9a-f]{8}\) for user-[0-9a-f]{8}@example\.invalid: \/Users\/user-[0-9a-f]{8}\/Library; user user-[0-9a-f]{8}; user-[0-9a-f]{8}@example\.invalid; udid-[0-9a-f]{8}$/);
    expect(p.text('alice@example.com')).toBe(p.text('ALICE@EXAMPLE.COM'));
    expect(p.text('/Users/alice/x')).toBe(`/Users/${p.text('alice')}/x`);
    expect(known().text(text)).toBe(out);
    expect(p.text(out)).toBe(out);
  });

  it('depends on the key: another key, other pseudonyms', () => {
    expect(known(Buffer.from('another-key-for-pseudonyms-000000')).text('C02FX1TLQ6L4')).not.toBe(known().text('C02FX1TLQ6L4'));
  });

  it('leaves event ids (uuids in either case), commands and times alone', () => {
    const text = 'okta:3c9e8f70-c6f2-11f0-9a11-5d2f6a7b8c04 at 2026-11-20T14:02:11.804Z: /usr/bin/sntp time.apple.com; okta:2D6FC3CC-3BFB-4AC1-8259-016CF6A5976C~2, jamf:cmd:aaaaaaaa-3f1e-4b3a-a5b3-ca0cd7430937';
    expect(known().text(text)).toBe(text);
  });

  it('pseudonymises a UUID that is not an event id, whatever its case, to one pseudonym', () => {
    const p = known();
    expect(p.text('udid:9b2a1c3d-1111-2222-3333-444455556666')).toBe(p.text('udid:9B2A1C3D-1111-2222-3333-444455556666'));
    expect(p.text('udid:9b2a1c3d-1111-2222-3333-444455556666')).toMatch(/^udid:udid-[0-9a-f]{8}$/);
  });

  it('handles damaged identifiers of any length without a pattern blow-up', () => {
    const p = new Pseudonymizer(KEY);
    const huge = 'h'.repeat(200_000);
    p.add('host', huge);
    p.add('host', 'x(y]z\\');
    expect(p.text(`a ${huge} b x(y]z\\ c`)).toMatch(/^a host-[0-9a-f]{8} b host-[0-9a-f]{8} c$/);
  });
});

describe('the pseudonym key', () => {
  it('is created once, 0600, beside the config, and kept out of all output', async () => {
    const home = tempDir();
    const env = { XDG_CONFIG_HOME: home };
    const [a, b] = await Promise.all([loadPseudonymKey(env), loadPseudonymKey(env)]);
    expect(a.equals(b)).toBe(true);
    const path = pseudonymKeyPath(env);
    expect(path).toBe(join(home, 'trustline', 'pseudonym.key'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await loadPseudonymKey(env)).equals(a)).toBe(true);
    expect(redactSecrets(`key ${readFileSync(path, 'utf8').trim()}`)).toBe('key [redacted]');
  });

  it('TRUSTLINE_PSEUDONYM_KEY overrides the file; too short a key is refused', async () => {
    const home = tempDir();
    const key = await loadPseudonymKey({ XDG_CONFIG_HOME: home, TRUSTLINE_PSEUDONYM_KEY: 'team-wide-pseudonym-key-2026' });
    expect(key.toString()).toBe('team-wide-pseudonym-key-2026');
    await expect(loadPseudonymKey({ XDG_CONFIG_HOME: home, TRUSTLINE_PSEUDONYM_KEY: 'short' })).rejects.toThrow('TRUSTLINE_PSEUDONYM_KEY: the pseudonym key must be at least 16 characters');
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadDiagnosisModel } from '../../src/config/diagnosis-packs.js';

const README = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');

/** The YAML example of the README's "Writing a diagnosis pack" section. */
function examplePack(): string {
  const section = README.slice(README.indexOf('## Writing a diagnosis pack'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('no YAML example in "Writing a diagnosis pack"');
  return block[1]!;
}

describe("the README's pack example", () => {
  it('loads next to the built-in pack with the registered adapters, with generic kinds, and adds its cause', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trustline-readme-pack-'));
    writeFileSync(join(dir, 'example.yaml'), examplePack());
    const active = await loadDiagnosisModel({ rulesDir: dir });
    const cause = active.model.causes.find((c) => c.id === 'vpn-split-tunnel');
    expect(cause?.produces.get('mtls-handshake-failure')).toBe(0.4);
    expect(active.model.findings.find((f) => f.id === 'tls-reset')?.matcher?.kinds).toEqual(['endpoint.tls.error']);
    expect(active.model.thresholds.reversal).toBe(0.2);
  });
});

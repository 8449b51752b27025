import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeReport } from '../../../src/report/make-report.js';
import { analyzeJsonChunks } from '../../../src/report/json-report.js';
import { renderMarkdown } from '../../../src/report/markdown-report.js';
import { declaredFacts, declaredKinds, registerAdapterForTest } from '../../../src/sources/registry.js';
import { tempDir } from '../../helpers/temp-files.js';
import { readConfig } from '../../../src/config/config-file.js';
import { resolveLiveSettings } from '../../../src/config/credentials.js';
import { loadBundle, storeFor } from '../../helpers/console-fixtures.js';
import { renderTui } from '../../helpers/render-tui.js';
import { acmeAdapter } from './acme-adapter.js';

const FULL = fileURLToPath(new URL('../../fixtures/bundles/full', import.meta.url));
let undo: () => void;
beforeAll(() => {
  undo = registerAdapterForTest(acmeAdapter);
});
afterAll(() => undo());

function bundleWithAcme(): string {
  const dir = join(tempDir(), 'bundle');
  cpSync(FULL, dir, { recursive: true });
  mkdirSync(join(dir, 'acme'));
  const rows = [
    { at: '2026-11-20T13:00:00Z', what: 'Acme check-in: managed', managed: true },
    { at: '2026-11-20T14:00:00Z', what: 'Acme check-in: management removed', managed: false },
  ];
  writeFileSync(join(dir, 'acme', 'checkins.json'), JSON.stringify(rows));
  return dir;
}

describe('a fourth source is one adapter plus one registry line', () => {
  it('reads its own bundle folder into the timeline, the JSON, the facts and the declared vocabulary', async () => {
    const { analysis } = await loadBundle(bundleWithAcme());
    const json = JSON.parse([...analyzeJsonChunks(analysis)].join('')) as { sources: { name: string; role: string; status: string; events: number }[]; timeline: { source: string }[] };
    expect(json.sources.map((s) => s.name)).toEqual(['jamf', 'okta', 'device', 'acme']);
    expect(json.sources.at(-1)).toEqual({ name: 'acme', role: 'mdm', status: 'ok', events: 2 });
    expect(json.timeline.filter((e) => e.source === 'acme')).toHaveLength(2);
    expect(analysis.facts.get('acme.managed')).toMatchObject({ state: 'known', value: false });
    expect(analysis.coverage.some((c) => c.source === 'acme' && c.stream === 'mdm.inventory')).toBe(true);
    expect(declaredKinds().map((k) => k.kind)).toContain('acme.checkin');
    expect(declaredFacts().map((f) => f.name)).toContain('acme.managed');
    expect(analysis.notes.filter((n) => n.startsWith('acme/'))).toEqual([]);
  });

  it('has its own config section and environment variable, composed by the config layer', async () => {
    const file = join(tempDir(), 'config.yaml');
    writeFileSync(file, 'profiles:\n  default:\n    acme: { url: "https://acme.example.com" }\n');
    const config = await readConfig(file);
    expect((await resolveLiveSettings(config, {})).sources).toEqual({ acme: { url: 'https://acme.example.com' } });
    expect((await resolveLiveSettings(config, { TRUSTLINE_ACME_URL: 'https://other.example.com' })).sources).toEqual({ acme: { url: 'https://other.example.com' } });
    writeFileSync(file, 'profiles:\n  default:\n    acme: { uri: "typo" }\n');
    await expect(readConfig(file)).rejects.toThrow(/acme/);
  });

  it('is a section of the Markdown report', async () => {
    const { analysis } = await loadBundle(bundleWithAcme());
    const { report } = await makeReport(analysis, { redact: false, nowMs: Date.UTC(2026, 10, 20, 15) });
    expect(renderMarkdown(report)).toMatch(/acme/);
  });

  it('shows in the console header and gutter, and key 4 toggles it', async () => {
    const loaded = await loadBundle(bundleWithAcme());
    const store = storeFor(loaded);
    const tui = await renderTui(store, { columns: 120, rows: 30 });
    try {
      expect(tui.frame()).toContain('A acme');
      await tui.press('4');
      expect(store.getState().filters.sources['acme']).toBe(false);
      expect(tui.frame()).toContain('JOD-');
    } finally {
      tui.unmount();
    }
  });
});

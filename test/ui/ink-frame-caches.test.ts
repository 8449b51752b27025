import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions } from '../../bin/bundle-options.js';
import { tempDir, writeTree } from '../helpers/temp-files.js';

const ENTRY = new URL('../helpers/frames-entry.ts', import.meta.url).pathname;
const THEME = new URL('../../themes/dark.json', import.meta.url).pathname;

/** Log lines that leave the narrow fast paths: wide, emoji, combining, bidi, Hangul, invisible, fullwidth. */
const TEXTS = [
  'trustd: cert[0]: TemporalValidity =(leaf)[]> 1 · box ─│┌ arrows ←↑→ ✓ ✗ ⏎ ▶ braille ⠋⠙ » ² … –',
  '日本語のメッセージ trustd 証明書',
  'emoji 😀👍🏽 family 👨‍👩‍👧 flag 🇩🇪 wide ⌚ ⏰ ✅ ❌',
  'combining e\u0301 a\u0308 o\u0302 z\u0336\u0335a\u0337',
  'bidi \u202eevil\u202c rtl עברית عربي',
  'hangul 한국어 jamo \u1100\u1161\u11a8',
  'soft\u00adhyphen zero\u200bwidth tab\there',
  'fullwidth ＡＢＣ１２３ halfwidth ｶﾀｶﾅ',
];

function unicodeBundle(): string {
  const lines = ['Timestamp                       (process)[PID]    '];
  for (let i = 0; i < 300; i++) {
    const t = `2026-11-20 05:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i).padStart(6, '0')}-0800`;
    lines.push(`${t}  localhost proc${i % 5}[${100 + i}]: [com.apple.test:cat] ${TEXTS[i % TEXTS.length]} #${i}${i % 7 === 0 ? ' error -9807' : ''}`);
  }
  return writeTree({
    'meta.json': JSON.stringify({ serial: 'C02', collectedAt: '2026-11-20T14:30:00Z', deviceTimeZone: 'America/Los_Angeles' }),
    'device/unicode.log': `${lines.join('\n')}\n`,
  });
}

describe('the Ink frame caches of the bundle (bin/bundle-options.js, src/ui/ink-frames)', () => {
  // Frames are throttled by time: a loaded machine can batch them differently in one run; retry once.
  it('write exactly the bytes plain Ink writes, frame after frame, at 80x24 and 200x60', { timeout: 120_000, retry: 1 }, async () => {
    const out = tempDir();
    // The diagnosis packs are read beside the bundle, as bin/build/packs beside trustline.mjs.
    cpSync(new URL('../../src/diagnosis/packs', import.meta.url), join(out, 'packs'), { recursive: true });
    const bundles = { cached: join(out, 'cached.mjs'), plain: join(out, 'plain.mjs') };
    await build({ ...bundleOptions, entryPoints: [ENTRY], outfile: bundles.cached, sourcemap: false });
    const plugins = bundleOptions.plugins.filter((p) => p.name !== 'ink-frames');
    expect(plugins).toHaveLength(bundleOptions.plugins.length - 1);
    await build({ ...bundleOptions, plugins, entryPoints: [ENTRY], outfile: bundles.plain, sourcemap: false });
    const dir = unicodeBundle();
    for (const [columns, rows] of [
      ['80', '24'],
      ['200', '60'],
    ] as const) {
      const run = (bundle: string) => execFileSync(process.execPath, [bundle, dir, columns, rows, THEME], { env: { ...process.env, FORCE_COLOR: '3', CI: 'false' }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      const cached = run(bundles.cached);
      expect(cached).toContain('Timeline');
      expect(cached).toBe(run(bundles.plain));
    }
  });
});

/** Exit codes and lines (issue 17, item 16): a closed pipe, an empty --out. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCliAsync } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-files.js';

const launcher = fileURLToPath(new URL('../../bin/trustline.js', import.meta.url));

describe('exit codes and lines (item 16)', () => {
  it('`analyze … | head` ends quietly when the reader stops reading', () => {
    const lines: string[] = [];
    for (let i = 0; i < 20_000; i++) lines.push(`Nov 20 14:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')} alice-mbp trustd[123]: trust result 7 number ${i}`);
    const dir = writeTree({ 'meta.json': '{"collectedAt":"2026-11-20T15:00:00Z","deviceTimeZone":"UTC"}', 'device/system.log': `${lines.join('\n')}\n` });
    const r = spawnSync('sh', ['-c', '"$0" "$1" analyze --bundle "$2" --json | head -c 100 > /dev/null', process.execPath, launcher, dir], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: tempDir() },
    });
    expect(r.stderr).not.toContain('EPIPE');
    expect(r.stderr).not.toContain('internal error');
  }, 60_000);

  it("`collect --out ''` is a usage error before anything is fetched", async () => {
    const r = await runCliAsync(['collect', '--serial', 'C02TEST', '--out', '']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('trustline: --out needs the path of a new directory\n');
  }, 30_000);
});

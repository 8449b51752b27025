/**
 * Hostile bundles and files (issue 17, items 1, 6, 8, 9, 13, 17): links that leave the bundle, special
 * files, oversized files, too many files, names that are Object.prototype members.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTextFile, MAX_OPEN_FILES, withRegularFile } from '../../src/io/bounded-file.js';
import { MAX_FILES_PER_FOLDER } from '../../src/io/bundle-entries.js';
import { bundleProbeOutputs } from '../../src/sources/mac/recorded-outputs.js';
import { analyzeBundle } from '../../src/sources/bundle/analyze-bundle.js';
import { readBundleLayout, type BundleLayout } from '../../src/sources/bundle/layout.js';
import { sourceAdapters } from '../../src/sources/registry.js';
import { loadTheme } from '../../src/ui/theme/load-theme.js';
import { runCliAsync } from '../helpers/run-cli.js';
import { tempDir, writeTree } from '../helpers/temp-files.js';

const FULL = fileURLToPath(new URL('../fixtures/bundles/full', import.meta.url));
const SECRET = 'jamf-client-secret-canary-7f3a9c';

/** A copy of the full fixture bundle the test may change. */
function fullBundle(): string {
  const dir = join(tempDir(), 'bundle');
  cpSync(FULL, dir, { recursive: true });
  return dir;
}

function mkfifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

const SYSLOG_LINE = 'Nov 20 14:02:05 alice-mbp trustd[123]: SecTrustEvaluateWithError: trust result 7\n';

/** The bundle-relative paths a source's adapter was given. */
function owned(layout: BundleLayout, source: string): string[] {
  return (layout.sources.get(source) ?? []).map((f) => f.rel);
}

describe('bundle entries (items 1, 13)', () => {
  it('refuses a link to a file outside the bundle: the report never quotes it', async () => {
    const secrets = writeTree({ 'config.yaml': `jamf:\n  clientSecret: ${SECRET}\n` });
    const dir = fullBundle();
    const probe = join(dir, 'device/probes/keychain-info.txt');
    execFileSync('rm', [probe]);
    symlinkSync(join(secrets, 'config.yaml'), probe);
    for (const args of [['--md'], ['--json', '--report']]) {
      const r = await runCliAsync(['analyze', '--bundle', dir, ...args]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(SECRET);
      expect(r.stdout + r.stderr).toContain('device/probes/keychain-info.txt: a symbolic link to a file outside the bundle; not read');
    }
    expect((await bundleProbeOutputs(dir)).map((p) => p.name)).not.toContain('keychain-info');
  }, 60_000);

  it('follows a link that stays inside the bundle', async () => {
    const dir = fullBundle();
    mkdirSync(join(dir, 'saved'));
    cpSync(join(dir, 'device/system.log'), join(dir, 'saved/system.log'));
    execFileSync('rm', [join(dir, 'device/system.log')]);
    symlinkSync('../saved/system.log', join(dir, 'device/system.log'));
    const layout = await readBundleLayout(dir, sourceAdapters());
    expect(owned(layout, 'device')).toContain('device/system.log');
    expect(layout.refused).toEqual([]);
  });

  it('names FIFOs, sockets-like entries, dangling links, loops and directories named like files instead of dropping them', async () => {
    const dir = writeTree({ 'device/system.log': SYSLOG_LINE });
    mkfifo(join(dir, 'device/fifo.log'));
    symlinkSync('nowhere.log', join(dir, 'device/dangling.log'));
    symlinkSync('loop-b.log', join(dir, 'device/loop-a.log'));
    symlinkSync('loop-a.log', join(dir, 'device/loop-b.log'));
    mkdirSync(join(dir, 'device/folder.log'));
    symlinkSync('/dev/zero', join(dir, 'device/zero.log'));
    const layout = await readBundleLayout(dir, sourceAdapters());
    expect(owned(layout, 'device')).toEqual(['device/system.log']);
    expect(layout.refused).toEqual([
      'device/dangling.log: a symbolic link to nothing; not read',
      'device/fifo.log: a FIFO, not a regular file; not read',
      'device/folder.log: a directory, not a file; not read',
      'device/loop-a.log: a symbolic link loop; not read',
      'device/loop-b.log: a symbolic link loop; not read',
      'device/zero.log: a symbolic link to a file outside the bundle; not read',
    ]);
    const analysis = await analyzeBundle(dir);
    expect(analysis.notes).toEqual(expect.arrayContaining(layout.refused));
  });

  it('treats names that are Object.prototype members as unknown files', async () => {
    const dir = writeTree({
      'jamf/constructor': '{}',
      'jamf/__proto__': '{}',
      'jamf/toString': '{}',
      'jamf/hasOwnProperty': '{}',
      'device/system.log': SYSLOG_LINE,
    });
    const layout = await readBundleLayout(dir, sourceAdapters());
    expect(owned(layout, 'jamf')).toEqual([]);
    expect(layout.ignored).toEqual(['jamf/__proto__', 'jamf/constructor', 'jamf/hasOwnProperty', 'jamf/toString']);
    const analysis = await analyzeBundle(dir);
    expect(analysis.sources.find((s) => s.name === 'jamf')?.status).toBe('missing');
  });

  it('names a folder it may not list and reads the others', async () => {
    const dir = writeTree({ 'device/system.log': SYSLOG_LINE, 'jamf/computer.json': '{}' });
    // As root, permissions do not stop a read: a file where the folder should be fails the listing the same way.
    if (process.getuid?.() === 0) {
      execFileSync('rm', ['-r', join(dir, 'jamf')]);
      mkfifo(join(dir, 'jamf'));
    } else {
      chmodSync(join(dir, 'jamf'), 0);
    }
    const layout = await readBundleLayout(dir, sourceAdapters());
    expect(owned(layout, 'device')).toHaveLength(1);
    expect(layout.refused).toContain(
      process.getuid?.() === 0 ? 'jamf: not a directory; its files were not read' : 'jamf: cannot list the folder (EACCES); its files were not read',
    );
  });
});

describe('file counts (item 17)', () => {
  it(`reads at most ${MAX_FILES_PER_FOLDER} files of a folder and says so`, async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'okta'));
    for (let i = 0; i < MAX_FILES_PER_FOLDER + 5; i++) writeFileSync(join(dir, 'okta', `logs-${String(i).padStart(5, '0')}.json`), '[]');
    const layout = await readBundleLayout(dir, sourceAdapters());
    expect(owned(layout, 'okta')).toHaveLength(MAX_FILES_PER_FOLDER);
    expect(layout.refused).toEqual([`okta/: ${MAX_FILES_PER_FOLDER + 5} entries; only the first ${MAX_FILES_PER_FOLDER} by name were considered`]);
  });
});

describe('one bounded reader (items 6, 8, 9)', () => {
  it('an oversized (2 GiB sparse) probe output is a reading note, not a crash of --md or --json --report', async () => {
    const dir = fullBundle();
    truncateSync(join(dir, 'device/probes/sntp.txt'), 2 * 1024 * 1024 * 1024 + 1);
    for (const args of [['--md'], ['--json', '--report']]) {
      const r = await runCliAsync(['analyze', '--bundle', dir, ...args]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout + r.stderr).toContain('device/probes/sntp.txt: probe output larger than 1 MiB; not read');
    }
  }, 60_000);

  it.skipIf(process.getuid?.() === 0)('an unreadable probe output is a reading note, not a crash', async () => {
    const dir = fullBundle();
    chmodSync(join(dir, 'device/probes/sntp.txt'), 0);
    const r = await runCliAsync(['analyze', '--bundle', dir, '--md']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('device/probes/sntp.txt: cannot read probe output (EACCES)');
  }, 60_000);

  it('refuses a FIFO and a device without waiting or reading', async () => {
    const dir = tempDir();
    mkfifo(join(dir, 'fifo'));
    await expect(readTextFile(join(dir, 'fifo'), 1024)).rejects.toThrow('a FIFO, not a regular file; not read');
    await expect(readTextFile('/dev/zero', 1024)).rejects.toThrow('a device, not a regular file; not read');
  });

  it('a theme, config or CA that is a device or FIFO is refused before reading; config and CA exit 2', async () => {
    const home = tempDir();
    mkdirSync(join(home, 'trustline'));
    mkfifo(join(home, 'trustline', 'config.yaml'));
    expect(() => loadTheme('/dev/zero')).toThrow('/dev/zero: a device, not a regular file; not read');
    expect(() => loadTheme(join(home, 'trustline', 'config.yaml'))).toThrow('a FIFO, not a regular file; not read');
    const config = await runCliAsync(['analyze', '--serial', 'C02TEST', '--json'], { XDG_CONFIG_HOME: home });
    expect(config.status).toBe(2);
    expect(config.stderr).toContain('config.yaml: a FIFO, not a regular file; not read');
    const ca = await runCliAsync(['analyze', '--serial', 'C02TEST', '--json'], {
      TRUSTLINE_OKTA_URL: 'https://127.0.0.1:9',
      TRUSTLINE_OKTA_TOKEN: '00abcdefghijabcdefghijabcdefghijabcdefghij',
      TRUSTLINE_CA_FILE: '/dev/zero',
    });
    expect(ca.status, ca.stderr).toBe(2);
    expect(ca.stderr).toContain('cannot read CA file /dev/zero: a device, not a regular file; not read');
  }, 60_000);

  it(`holds at most ${MAX_OPEN_FILES} files open at once`, async () => {
    const dir = tempDir();
    const paths = Array.from({ length: MAX_OPEN_FILES * 3 }, (_, i) => join(dir, `f${i}`));
    for (const p of paths) writeFileSync(p, 'x');
    let open = 0;
    let most = 0;
    await Promise.all(
      paths.map((p) =>
        withRegularFile(p, {}, async () => {
          most = Math.max(most, ++open);
          await new Promise((resolve) => setTimeout(resolve, 5));
          open--;
        }),
      ),
    );
    expect(most).toBe(MAX_OPEN_FILES);
  });

  it('reads 300 device logs under a 128 open-file limit without losing one', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`device/log-${String(i).padStart(3, '0')}.log`] = SYSLOG_LINE;
    const dir = writeTree(files);
    const launcher = fileURLToPath(new URL('../../bin/trustline.js', import.meta.url));
    const r = spawnSync('sh', ['-c', 'ulimit -n 128 && exec "$0" "$1" analyze --bundle "$2" --json', process.execPath, launcher, dir], {
      encoding: 'utf8',
      env: { ...process.env, XDG_CONFIG_HOME: tempDir() },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.stderr).not.toContain('EMFILE');
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { timeline: unknown[] };
    expect(json.timeline).toHaveLength(300);
  }, 60_000);
});

/**
 * The SSH ControlMaster is stopped and its directory removed on every exit path (issue 17, item 2):
 * a signal while the connection is up must not leave an orphaned master behind.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useFakeMac } from '../../../helpers/sshd.js';

const suite = useFakeMac();
let dir: string;
let child: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trustline-master-'));
  child = join(dir, 'master-child.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('../../../fixtures/ssh/master-child.ts', import.meta.url))],
    outfile: child,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // execa's CommonJS dependencies require Node built-ins.
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
  });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** ssh processes still serving a control socket under `base`. */
function mastersUnder(base: string): string[] {
  const ps = spawnSync('ps', ['-eo', 'args'], { encoding: 'utf8' }).stdout;
  return ps.split('\n').filter((line) => line.includes('ssh') && line.includes(base));
}

describe('the ControlMaster on every exit path', () => {
  it.each([['SIGTERM'], ['SIGINT'], ['SIGHUP']] as const)('after %s: no master left, its directory removed', async (signal) => {
    const base = mkdtempSync(join(dir, 'tmp-'));
    const mac = suite.mac();
    const proc = spawn(process.execPath, [child, mac.host, mac.clientConfig], {
      env: { ...process.env, TMPDIR: base },
      stdio: ['ignore', 'pipe', 'pipe'],
      cwd: fileURLToPath(new URL('../../../..', import.meta.url)),
    });
    let stderr = '';
    proc.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    await new Promise<void>((resolve, reject) => {
      proc.stdout.setEncoding('utf8').on('data', (d: string) => d.includes('READY') && resolve());
      proc.on('exit', (code) => reject(new Error(`child ended early (${code}): ${stderr}`)));
    });
    expect(readdirSync(base).filter((n) => n.startsWith('trustline-ssh-'))).toHaveLength(1);
    expect(mastersUnder(base).length).toBeGreaterThan(0);
    const ended = new Promise<void>((resolve) => proc.on('exit', () => resolve()));
    proc.kill(signal);
    await ended;
    expect(readdirSync(base).filter((n) => n.startsWith('trustline-ssh-'))).toEqual([]);
    expect(mastersUnder(base)).toEqual([]);
  }, 30_000);
});

import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const launcher = fileURLToPath(new URL('../../bin/trustline.js', import.meta.url));
const bundle = fileURLToPath(new URL('../../bin/build/trustline.mjs', import.meta.url));

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A config home with no config in it, so the machine's own trustline config never leaks into tests. */
const EMPTY_CONFIG_HOME = join(tmpdir(), 'trustline-test-no-config');

function childEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (!existsSync(bundle)) throw new Error('bin/build/trustline.mjs is missing: run `npm run build` (npm test does)');
  return { ...process.env, XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, ...env };
}

/** Runs the built CLI the way a user does (`npm test` builds it first). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [launcher, ...args], { encoding: 'utf8', env: childEnv(env), maxBuffer: 256 * 1024 * 1024 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same without blocking this process, for CLI runs against servers (emulators) living in the test. */
export function runCliAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [launcher, ...args], { env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

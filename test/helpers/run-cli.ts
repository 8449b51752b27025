import { spawnSync } from 'node:child_process';
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

/** Runs the built CLI the way a user does (`npm test` builds it first). */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  if (!existsSync(bundle)) throw new Error('bin/build/trustline.mjs is missing: run `npm run build` (npm test does)');
  const result = spawnSync(process.execPath, [launcher, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CONFIG_HOME: EMPTY_CONFIG_HOME, ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

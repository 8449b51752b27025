import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { tempDir } from './temp-files.js';

/**
 * Bundles a TypeScript program from test/fixtures into one .mjs (as the terminal tests do), so a test
 * can run real src/ code in a child process it may kill, without `npm run build` first.
 */
export async function buildChild(fixture: string): Promise<string> {
  const outfile = join(tempDir(), 'child.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL(`../fixtures/${fixture}`, import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
  });
  return outfile;
}

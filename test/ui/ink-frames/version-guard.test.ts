import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInkFrames, INK_FRAMES } from '../../../bin/bundle-options.js';
import { tempDir } from '../../helpers/temp-files.js';

const NODE_MODULES = new URL('../../../node_modules/', import.meta.url).pathname;

/** A node_modules holding just the packages the guard reads, copied from the installed ones. */
function copyOfNodeModules(): string {
  const dir = tempDir();
  for (const pkg of Object.keys(INK_FRAMES.versions)) cpSync(join(NODE_MODULES, pkg), join(dir, pkg), { recursive: true });
  return dir;
}

describe('the build guard of src/ui/ink-frames (bin/bundle-options.js)', () => {
  it('passes for the installed Ink', () => {
    expect(() => checkInkFrames()).not.toThrow();
  });

  it('fails an Ink bump, naming the version and the file to re-check', () => {
    const dir = copyOfNodeModules();
    writeFileSync(join(dir, 'ink/package.json'), JSON.stringify({ name: 'ink', version: '6.9.0' }));
    writeFileSync(join(dir, 'ink/build/output.js'), '// a new get()\n', { flag: 'a' });
    expect(() => checkInkFrames(dir)).toThrow(/ink is 6\.9\.0, src\/ui\/ink-frames was written for 6\.8\.0.*node_modules\/ink\/build\/output\.js changed .*re-check Output/);
  });

  it('fails a changed string-width with the same version', () => {
    const dir = copyOfNodeModules();
    writeFileSync(join(dir, 'string-width/index.js'), '\n', { flag: 'a' });
    expect(() => checkInkFrames(dir)).toThrow(/string-width\/index\.js changed .*cellWidth/);
  });
});

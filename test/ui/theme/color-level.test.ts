import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectColorLevel, type ColorLevel } from '../../../src/ui/theme/color-level.js';

// [what, environment, stdout is a TTY, level]
const CASES: [string, NodeJS.ProcessEnv, boolean, ColorLevel][] = [
  ['16 colours: plain xterm', { TERM: 'xterm' }, true, 1],
  ['16 colours: the Linux console', { TERM: 'linux' }, true, 1],
  ['16 colours: screen', { TERM: 'screen' }, true, 1],
  ['16 colours: an unknown TERM with COLORTERM set', { TERM: 'foo', COLORTERM: 'yes' }, true, 1],
  ['256 colours: xterm-256color (SSH without COLORTERM)', { TERM: 'xterm-256color' }, true, 2],
  ['256 colours: tmux-256color', { TERM: 'tmux-256color' }, true, 2],
  ['256 colours: screen-256color', { TERM: 'screen-256color' }, true, 2],
  ['256 colours: Apple Terminal', { TERM: 'xterm-256color', TERM_PROGRAM: 'Apple_Terminal' }, true, 2],
  ['truecolor: COLORTERM=truecolor', { TERM: 'xterm-256color', COLORTERM: 'truecolor' }, true, 3],
  ['truecolor: kitty', { TERM: 'xterm-kitty' }, true, 3],
  ['truecolor: iTerm 3', { TERM: 'xterm-256color', TERM_PROGRAM: 'iTerm.app', TERM_PROGRAM_VERSION: '3.5.0' }, true, 3],
  ['none: not a TTY', { TERM: 'xterm-256color', COLORTERM: 'truecolor' }, false, 0],
  ['none: FORCE_COLOR=0 on a TTY', { TERM: 'xterm-256color', COLORTERM: 'truecolor', FORCE_COLOR: '0' }, true, 0],
  ['none: FORCE_COLOR=false', { TERM: 'xterm-256color', FORCE_COLOR: 'false' }, true, 0],
  ['none: TERM=dumb', { TERM: 'dumb' }, true, 0],
  ['none: no TERM at all', {}, true, 0],
  ['none: a CI variable, even CI=false (chalk counts its presence)', { TERM: 'xterm-256color', CI: 'false' }, true, 0],
  ['forced: FORCE_COLOR=1 through a pipe', { TERM: 'xterm-256color', FORCE_COLOR: '1' }, false, 2],
  ['forced: FORCE_COLOR=3 with TERM=dumb', { TERM: 'dumb', FORCE_COLOR: '3' }, true, 3],
  ['forced: FORCE_COLOR empty', { TERM: 'dumb', FORCE_COLOR: '' }, true, 1],
  ['forced: FORCE_COLOR=true in CI', { TERM: 'xterm-256color', FORCE_COLOR: 'true', CI: 'true' }, true, 1],
  ['CI that colours: GitHub Actions', { CI: 'true', GITHUB_ACTIONS: 'true' }, false, 0],
  ['CI that colours: GitHub Actions with FORCE_COLOR', { CI: 'true', GITHUB_ACTIONS: 'true', FORCE_COLOR: '1' }, false, 3],
];

/** Runs `fn` with process.env holding exactly `env` (supports-color reads process.env), then restores it. */
function withEnv<T>(env: NodeJS.ProcessEnv, fn: () => T): T {
  const saved = { ...process.env };
  try {
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, env);
    return fn();
  } finally {
    for (const key of Object.keys(process.env)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

describe('detectColorLevel', () => {
  it.each(CASES)('%s', (_what, env, isTTY, level) => {
    expect(withEnv(env, () => detectColorLevel({ isTTY }))).toBe(level);
  });

  it('counts COLORTERM=24bit as what chalk writes there: the 256 palette under xterm-256color', () => {
    expect(withEnv({ TERM: 'xterm-256color', COLORTERM: '24bit' }, () => detectColorLevel({ isTTY: true }))).toBe(2);
  });
});

// chalk's own vendored copy decides what Ink writes: the level must agree with it for every case above.
const supportsColorFile = new URL('../../../node_modules/chalk/source/vendor/supports-color/index.js', import.meta.url);

describe.runIf(existsSync(supportsColorFile))('agreement with chalk', () => {
  it('gives the level chalk gives for every case above', async () => {
    const { createSupportsColor } = (await import(supportsColorFile.href)) as {
      createSupportsColor: (stream: { isTTY: boolean }, options?: { sniffFlags?: boolean }) => false | { level: ColorLevel };
    };
    for (const [what, env, isTTY, level] of CASES) {
      const chalk = withEnv(env, () => createSupportsColor({ isTTY }, { sniffFlags: false }));
      expect(chalk === false ? 0 : chalk.level, what).toBe(level);
    }
  });
});

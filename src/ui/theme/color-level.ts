/**
 * How many colours the terminal shows: 0 none, 1 the 16 ANSI colours, 2 the 256-colour palette,
 * 3 truecolor. Mirrors the rules of chalk 5's vendored supports-color (which decides what Ink
 * actually writes), so the theme picked agrees with what reaches the screen. Differences: command-line
 * flags such as `--color=256`, which chalk also sniffs from argv, are not read (trustline has no such
 * flags), and `COLORTERM=24bit` counts as truecolor like `truecolor`.
 */
export type ColorLevel = 0 | 1 | 2 | 3;

/** FORCE_COLOR: `true` or empty is 1, `false` is 0, a number is that level (at most 3). */
function forcedLevel(env: NodeJS.ProcessEnv): ColorLevel | undefined {
  const force = env['FORCE_COLOR'];
  if (force === undefined) return undefined;
  if (force === 'true' || force === '') return 1;
  if (force === 'false') return 0;
  const level = Number.parseInt(force, 10);
  // chalk lets an unparsable value through as "not forced"; so do we.
  return Number.isNaN(level) ? undefined : (Math.max(0, Math.min(level, 3)) as ColorLevel);
}

const TRUECOLOR_TERMS = new Set(['xterm-kitty', 'xterm-ghostty', 'wezterm']);

export function detectColorLevel(env: NodeJS.ProcessEnv, isTTY: boolean): ColorLevel {
  const forced = forcedLevel(env);
  if (forced === 0) return 0;
  // Azure DevOps pipelines colour even when not a TTY.
  if ('TF_BUILD' in env && 'AGENT_NAME' in env) return 1;
  if (!isTTY && forced === undefined) return 0;
  const min: ColorLevel = forced ?? 0;
  const term = env['TERM'] ?? '';
  if (term === 'dumb') return min;
  if (process.platform === 'win32') return 3; // chalk: 2 or 3 by Windows build; either way colour
  // chalk counts any CI variable, even CI=false: no colour there unless forced or a known CI.
  if ('CI' in env) {
    if (['GITHUB_ACTIONS', 'GITEA_ACTIONS', 'CIRCLECI'].some((key) => key in env)) return 3;
    if (['TRAVIS', 'APPVEYOR', 'GITLAB_CI', 'BUILDKITE', 'DRONE'].some((key) => key in env) || env['CI_NAME'] === 'codeship') return 1;
    return min;
  }
  if ('TEAMCITY_VERSION' in env) return /^(9\.(0*[1-9]\d*)\.|\d{2,}\.)/.test(env['TEAMCITY_VERSION'] ?? '') ? 1 : 0;
  if (env['COLORTERM'] === 'truecolor' || env['COLORTERM'] === '24bit' || TRUECOLOR_TERMS.has(term)) return 3;
  if (env['TERM_PROGRAM'] === 'iTerm.app') return Number.parseInt((env['TERM_PROGRAM_VERSION'] ?? '').split('.')[0] ?? '', 10) >= 3 ? 3 : 2;
  if (env['TERM_PROGRAM'] === 'Apple_Terminal') return 2;
  if (/-256(color)?$/i.test(term)) return 2;
  if (/^screen|^xterm|^vt100|^vt220|^rxvt|color|ansi|cygwin|linux/i.test(term)) return 1;
  if ('COLORTERM' in env) return 1;
  return min;
}

import type { ColorLevel } from './color-level.js';
import { DEFAULT_THEME, loadTheme } from './load-theme.js';
import { NO_COLOR_THEME, type Theme } from './types.js';

export interface ThemeRequest {
  /** `--theme NAME|PATH`. */
  flag?: string;
  /** `theme:` from the config file. */
  config?: string;
  env: NodeJS.ProcessEnv;
  /** From detectColorLevel(process.stdout). */
  colorLevel: ColorLevel;
}

export interface ThemeSelection {
  theme: Theme;
  /** What decided: the flag, the config, the default, or what forced colours off. */
  source: 'flag' | 'config' | 'default' | 'NO_COLOR' | 'TERM=dumb' | 'no-color-terminal';
  /** Set when colours were forced off: one line saying why, to show once (status bar or stderr). */
  note?: string;
}

/** Why colours are off whatever was asked, if they are. */
function forcedOff(env: NodeJS.ProcessEnv, colorLevel: ColorLevel): { source: ThemeSelection['source']; why: string } | undefined {
  // https://no-color.org: every non-empty value counts. chalk does not read it, so it is honoured here.
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return { source: 'NO_COLOR', why: 'NO_COLOR is set' };
  if (env['TERM'] === 'dumb') return { source: 'TERM=dumb', why: 'TERM is dumb' };
  if (colorLevel === 0) return { source: 'no-color-terminal', why: 'the terminal shows no colour (not a terminal, FORCE_COLOR=0, or a CI variable)' };
  return undefined;
}

/**
 * Picks the console's theme. NO_COLOR (non-empty), TERM=dumb and a colour level of 0 force the
 * no-colour theme whatever was asked, with a note; otherwise `--theme`, then the config's `theme:`,
 * then `dark`. A theme that does not load throws DocumentError (one line), colours or not.
 */
export function selectTheme(request: ThemeRequest): ThemeSelection {
  const off = forcedOff(request.env, request.colorLevel);
  if (off) {
    const asked = request.flag ?? request.config;
    // Still loaded: a theme that does not exist is an error with or without colours.
    if (asked !== undefined) loadTheme(asked);
    const ignored = asked !== undefined && asked !== NO_COLOR_THEME.name ? ` (theme "${asked}" not used)` : '';
    return { theme: NO_COLOR_THEME, source: off.source, note: `${off.why}: colours off${ignored}` };
  }
  if (request.flag !== undefined) return { theme: loadTheme(request.flag), source: 'flag' };
  if (request.config !== undefined) return { theme: loadTheme(request.config), source: 'config' };
  return { theme: loadTheme(DEFAULT_THEME), source: 'default' };
}

/**
 * Semantic colour tokens the console draws with. Theme files (themes/*.json) map each token to a
 * colour; a token mapped to nothing is drawn in the terminal's default colour. Meaning never rests on
 * colour alone: every severity, source and verdict also has a text marker.
 */
export const THEME_TOKENS = [
  'text',
  'muted',
  'accent',
  'border',
  'border.focus',
  'severity.info',
  'severity.warn',
  'severity.error',
  'source.mdm',
  'source.idp',
  'source.endpoint',
  'verdict.likely',
  'verdict.possible',
  'verdict.unlikely',
  'score.bar',
  'score.empty',
  'search.match',
  'selection.fg',
  'selection.bg',
  'hint.key',
  'hint.text',
  'status.ok',
  'status.error',
  'status.loading',
  'time.adjusted',
  'histogram.info',
  'histogram.warn',
  'histogram.error',
] as const;

export type ThemeToken = (typeof THEME_TOKENS)[number];

export interface Theme {
  name: string;
  /** A colour Ink understands (a named colour such as "red", or "#rrggbb"), or undefined for the default. */
  tokens: Readonly<Record<ThemeToken, string | undefined>>;
  /** False for the no-colour theme (NO_COLOR, TERM=dumb): selection then shows as inverse video only. */
  color: boolean;
}

/** A theme with no colours at all: what NO_COLOR and TERM=dumb get, and a safe default for tests. */
export const NO_COLOR_THEME: Theme = {
  name: 'no-color',
  tokens: Object.fromEntries(THEME_TOKENS.map((t) => [t, undefined])) as Record<ThemeToken, undefined>,
  color: false,
};

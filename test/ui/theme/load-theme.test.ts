import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DocumentError } from '../../../src/config/yaml-document.js';
import { BUILTIN_THEMES, isNamedColor, loadTheme, parseThemeFile, themesDirectory } from '../../../src/ui/theme/load-theme.js';
import { NO_COLOR_THEME, THEME_TOKENS, type Theme, type ThemeToken } from '../../../src/ui/theme/types.js';
import { writeTree } from '../../helpers/temp-files.js';

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DocumentError);
    return (error as Error).message;
  }
  throw new Error('expected an error');
}

/** The dark theme's file text, to break in the tests below. */
const DARK = readFileSync(join(themesDirectory(), 'dark.json'), 'utf8');
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('the built-in themes', () => {
  it.each(BUILTIN_THEMES)('%s validates, is named after its file and maps every token', (name) => {
    const theme = loadTheme(name);
    expect(theme.name).toBe(name);
    expect(Object.keys(theme.tokens).sort()).toEqual([...THEME_TOKENS].sort());
    const file = parseThemeFile(readFileSync(join(themesDirectory(), `${name}.json`), 'utf8'), `${name}.json`);
    expect(Object.keys(file.tokens)).toEqual([...THEME_TOKENS]); // written in the contract's order
    expect(file.description).toBeTruthy();
  });

  it('no-color sets no colour at all and is the contract NO_COLOR_THEME; the others are coloured', () => {
    expect(loadTheme('no-color')).toEqual(NO_COLOR_THEME);
    for (const name of ['dark', 'light', 'high-contrast']) expect(loadTheme(name).color).toBe(true);
  });

  it('use named ANSI colours only, so meaning survives 16-colour terminals and follows the terminal palette', () => {
    for (const name of BUILTIN_THEMES) {
      for (const [token, color] of Object.entries(loadTheme(name).tokens)) {
        if (color !== undefined) expect(isNamedColor(color), `${name} ${token}: ${color}`).toBe(true);
      }
    }
  });
});

// Readability, judged in xterm's default 16-colour palette (the one most terminals start from).
const XTERM: Record<string, string> = {
  black: '#000000', red: '#cd0000', green: '#00cd00', yellow: '#cdcd00', blue: '#0000ee', magenta: '#cd00cd', cyan: '#00cdcd', white: '#e5e5e5',
  blackBright: '#7f7f7f', gray: '#7f7f7f', grey: '#7f7f7f', redBright: '#ff0000', greenBright: '#00ff00', yellowBright: '#ffff00',
  blueBright: '#5c5cff', magentaBright: '#ff00ff', cyanBright: '#00ffff', whiteBright: '#ffffff',
};

function luminance(color: string): number {
  const hex = XTERM[color] ?? color;
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio, 1 to 21. */
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Tokens drawn as text (sources and histogram bars are marks next to a text label). */
const TEXT_TOKENS: ThemeToken[] = THEME_TOKENS.filter((t) => !/^(source|histogram|selection|border|score)\./.test(t) && t !== 'border');

function colored(theme: Theme, tokens: readonly ThemeToken[]): [ThemeToken, string][] {
  return tokens.flatMap((t) => (theme.tokens[t] === undefined ? [] : [[t, theme.tokens[t]] as [ThemeToken, string]]));
}

describe('readability', () => {
  it.each([
    ['dark', '#000000', 3],
    ['light', '#ffffff', 3],
    ['high-contrast', '#000000', 4.5],
  ] as const)('%s: text colours reach %s-background contrast', (name, background, minimum) => {
    const theme = loadTheme(name);
    for (const [token, color] of colored(theme, name === 'high-contrast' ? THEME_TOKENS.filter((t) => t !== 'selection.bg' && t !== 'selection.fg') : TEXT_TOKENS)) {
      expect(contrast(color, background), `${token}: ${color}`).toBeGreaterThanOrEqual(minimum);
    }
    expect(contrast(theme.tokens['selection.fg']!, theme.tokens['selection.bg']!)).toBeGreaterThanOrEqual(4.5);
  });

  it('in every coloured theme the three severities have three different colours', () => {
    for (const name of ['dark', 'light', 'high-contrast']) {
      const t = loadTheme(name).tokens;
      expect(new Set([t['severity.info'], t['severity.warn'], t['severity.error']]).size, name).toBe(3);
    }
  });

  it('high-contrast severities differ in lightness, not only hue (contrast between each pair at least 1.5)', () => {
    const t = loadTheme('high-contrast').tokens;
    const severities = [t['severity.info']!, t['severity.warn']!, t['severity.error']!];
    for (const [i, a] of severities.entries()) {
      for (const b of severities.slice(i + 1)) expect(contrast(a, b), `${a} vs ${b}`).toBeGreaterThanOrEqual(1.5);
    }
  });
});

describe('theme files given by path', () => {
  it('loads a user theme (JSON or YAML) by path', () => {
    const dir = writeTree({ 'mine.json': DARK.replace('"name": "dark"', '"name": "mine"').replace('"accent": "cyan"', '"accent": "#ff8800"') });
    const theme = loadTheme(join(dir, 'mine.json'));
    expect(theme.name).toBe('mine');
    expect(theme.tokens.accent).toBe('#ff8800');
    expect(theme.tokens.text).toBeUndefined(); // null: the terminal's default colour
  });

  it('names file, line and field for an unknown token, a bad colour and a missing token', () => {
    const typo = DARK.replace('"severity.warn"', '"sevrity.warn"');
    const dir = writeTree({ 'typo.json': typo, 'bad.json': DARK.replace('"severity.error": "redBright"', '"severity.error": "crimson"'), 'short.json': DARK.replace(/\n\s*"score\.empty": "gray",/, '') });
    expect(errorOf(() => loadTheme(join(dir, 'typo.json')))).toBe(
      `${join(dir, 'typo.json')}:${lineOf(typo, 'sevrity')}: tokens.sevrity.warn: unknown token (themes/README.md lists the tokens)`,
    );
    expect(errorOf(() => loadTheme(join(dir, 'bad.json')))).toMatch(
      new RegExp(`^${join(dir, 'bad.json')}:${lineOf(DARK, '"severity.error"')}: tokens\\.severity\\.error: "crimson" is not a colour: use a name \\(black, red, .*\\), "#rrggbb" or null$`),
    );
    expect(errorOf(() => loadTheme(join(dir, 'short.json')))).toBe(`${join(dir, 'short.json')}:${lineOf(DARK, '"tokens"')}: tokens.score.empty: missing: every token needs a colour or null`);
  });

  it('rejects short hex, unknown top-level keys and broken JSON, each on one line', () => {
    expect(errorOf(() => parseThemeFile(DARK.replace('"accent": "cyan"', '"accent": "#f80"'), 't.json'))).toMatch(/^t\.json:\d+: tokens\.accent: "#f80" is not a colour/);
    expect(errorOf(() => parseThemeFile(DARK.replace('"background"', '"colours": {},\n  "background"'), 't.json'))).toMatch(/^t\.json:4: colours: Unrecognized key: "colours"$/);
    expect(errorOf(() => parseThemeFile(DARK.replace('"muted": "gray",', '"muted": "gray"'), 't.json'))).toMatch(/^t\.json:\d+: not valid JSON: /);
    expect(errorOf(() => parseThemeFile('{"name": "x", "tokens": []}', 't.json'))).toMatch(/^t\.json:1: tokens: Invalid input: expected record/);
  });

  it('says which themes exist for an unknown name, and why a path cannot be read', () => {
    expect(errorOf(() => loadTheme('solarized'))).toBe('unknown theme "solarized" (built-in: dark, light, high-contrast, no-color; or a path to a theme file)');
    expect(errorOf(() => loadTheme('/nowhere/theme.json'))).toBe('/nowhere/theme.json: cannot read: ENOENT');
  });
});

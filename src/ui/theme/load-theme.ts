import { existsSync } from 'node:fs';
import { FileRefused, readTextFileSync } from '../../io/bounded-file.js';
import { fileURLToPath } from 'node:url';
import * as z from '../../config/zod.js';
import { DocumentError, parseYamlDocument } from '../../config/yaml-document.js';
import { THEME_TOKENS, type Theme, type ThemeToken } from './types.js';

/**
 * Theme files: `themes/NAME.json` for the built-in themes, or any JSON (or YAML) file a user names.
 * The format is described in themes/README.md.
 */

/** The colour names Ink (through chalk) understands, as chalk's `foregroundColorNames`. */
export const NAMED_COLORS = [
  'black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white',
  'blackBright', 'gray', 'grey', 'redBright', 'greenBright', 'yellowBright', 'blueBright', 'magentaBright', 'cyanBright', 'whiteBright',
] as const;
export type NamedColor = (typeof NAMED_COLORS)[number];

export const BUILTIN_THEMES = ['dark', 'light', 'high-contrast', 'no-color'] as const;
export type BuiltinThemeName = (typeof BUILTIN_THEMES)[number];
export const DEFAULT_THEME: BuiltinThemeName = 'dark';

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const NAMED = new Set<string>(NAMED_COLORS);
const TOKENS = new Set<string>(THEME_TOKENS);
const MAX_THEME_BYTES = 64 * 1024;

export function isNamedColor(value: string): value is NamedColor {
  return NAMED.has(value);
}

function colorProblem(value: unknown): string | undefined {
  if (value === null) return undefined;
  if (typeof value === 'string' && (NAMED.has(value) || HEX_COLOR.test(value))) return undefined;
  return `${JSON.stringify(value) ?? String(value)} is not a colour: use a name (${NAMED_COLORS.join(', ')}), "#rrggbb" or null`;
}

/** Every token once, each a colour or null; unknown tokens are errors (usually a typo). */
const TokensSchema = z.pipe(
  z.record(z.string(), z.unknown()).check(z.superRefine((tokens, ctx) => {
    for (const [key, value] of Object.entries(tokens)) {
      if (!TOKENS.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: 'unknown token (themes/README.md lists the tokens)' });
      else {
        const problem = colorProblem(value);
        if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem });
      }
    }
    for (const token of THEME_TOKENS) {
      if (!(token in tokens)) ctx.addIssue({ code: 'custom', path: [token], message: 'missing: every token needs a colour or null' });
    }
  })),
  z.transform((tokens: Record<string, unknown>) => tokens as Record<ThemeToken, string | null>),
);

export const ThemeFileSchema = z.strictObject({
  name: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes')),
  description: z.optional(z.string()),
  /** The terminal background the theme is made for; `any` when it sets no colours that depend on it. */
  background: z.optional(z.enum(['dark', 'light', 'any'])),
  tokens: TokensSchema,
});
export type ThemeFile = z.infer<typeof ThemeFileSchema>;

/** A theme as the console uses it: null becomes undefined (the terminal's default colour). */
export function toTheme(file: ThemeFile): Theme {
  const tokens = Object.fromEntries(THEME_TOKENS.map((t) => [t, file.tokens[t] ?? undefined])) as Record<ThemeToken, string | undefined>;
  return { name: file.name, tokens, color: THEME_TOKENS.some((t) => tokens[t] !== undefined) };
}

/** Parses and validates theme file text; errors are one line, `file:line: field: reason`. */
export function parseThemeFile(text: string, file: string): ThemeFile {
  try {
    return parseYamlDocument(text, file, ThemeFileSchema).data;
  } catch (error) {
    // The YAML parser reads JSON too; name the format the user wrote.
    if (error instanceof DocumentError && /\.json$/i.test(file)) throw new DocumentError(error.message.replace(': not valid YAML: ', ': not valid JSON: '));
    throw error;
  }
}

/** The built-in themes folder: bin/build/themes beside the bundle, the top-level themes/ in source. */
export function themesDirectory(): string {
  const bundled = new URL('./themes/', import.meta.url);
  return fileURLToPath(existsSync(bundled) ? bundled : new URL('../../../themes/', import.meta.url));
}

function readThemeFile(path: string, shown: string): ThemeFile {
  let text: string;
  try {
    text = readTextFileSync(path, MAX_THEME_BYTES);
  } catch (error) {
    throw new DocumentError(`${shown}: ${error instanceof FileRefused ? error.message : `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`}`);
  }
  return parseThemeFile(text, shown);
}

/**
 * A built-in theme: plain JSON written by this project, read with JSON.parse (the YAML parser's first use
 * costs ~20 ms of start-up: README, figure 5). Anything that does not read and validate that way goes
 * through readThemeFile, for the same one-line error as a user's file.
 */
function readBuiltinThemeFile(path: string, shown: string): ThemeFile {
  try {
    const parsed = ThemeFileSchema.safeParse(JSON.parse(readTextFileSync(path, MAX_THEME_BYTES)));
    if (parsed.success) return parsed.data;
  } catch {
    // Unreadable or not JSON: reported below.
  }
  return readThemeFile(path, shown);
}

/** True when the argument names a file rather than a built-in theme. */
function looksLikePath(nameOrPath: string): boolean {
  return /[/\\]/.test(nameOrPath) || /\.(json|ya?ml)$/i.test(nameOrPath);
}

/**
 * A built-in theme by name (`dark`, `light`, `high-contrast`, `no-color`) or a theme file by path
 * (anything with a slash or ending in .json/.yaml/.yml). Synchronous: theme files are small and read once
 * at start-up. Throws DocumentError with one line.
 */
export function loadTheme(nameOrPath: string): Theme {
  if (looksLikePath(nameOrPath)) return toTheme(readThemeFile(nameOrPath, nameOrPath));
  if (!(BUILTIN_THEMES as readonly string[]).includes(nameOrPath)) {
    throw new DocumentError(`unknown theme "${nameOrPath}" (built-in: ${BUILTIN_THEMES.join(', ')}; or a path to a theme file)`);
  }
  return toTheme(readBuiltinThemeFile(`${themesDirectory()}${nameOrPath}.json`, `${nameOrPath}.json`));
}

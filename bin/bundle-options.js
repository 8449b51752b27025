// The esbuild options every bundle of trustline is built with (bin/build.js; the frame-cache test), and
// the Ink frame caches they apply.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = (path) => new URL(path, import.meta.url).pathname;

/*
 * Ink 6.8 rebuilds every frame from scratch: each line of text is cut into grapheme clusters
 * (Intl.Segmenter), measured and turned into one object per cell, then every row is turned back into a
 * string by diffing the styles of each cell with the one before, and its caches live for one frame.
 * At 200x60 that alone took ~30 ms a key (`npm run bench`, figure 4). These patches keep the same
 * work's results across frames, bounded, so a frame costs what changed in it: a row written as before
 * (the same lines at the same columns) reuses its string, lines already seen are not tokenized or
 * measured again, plain lines skip the segmenter, cells of one colour share their styles. Each patch
 * must match its source exactly (the build stops otherwise), and test/ui/ink-frame-caches.test.ts
 * checks that the bundle writes the same bytes as plain Ink, frame after frame.
 */
const FRAME_CACHE = `
// Results kept across frames: two generations of at most \`limit\` entries each, so memory stays
// bounded (a line's cells are ~10 KB at 200 columns; a 200x60 frame writes a few hundred lines).
export function frameCache(compute, limit = 2000) {
  let now = new Map();
  let before = new Map();
  return (key) => {
    let value = now.get(key);
    if (value !== undefined) return value;
    value = before.get(key);
    if (value === undefined) value = compute(key);
    now.set(key, value);
    if (now.size > limit) {
      before = now;
      now = new Map();
    }
    return value;
  };
}
`;

/*
 * Characters that are one cell wide and a grapheme cluster each, whatever stands next to them: ASCII,
 * Latin, punctuation, arrows, maths, box drawing, blocks, shapes, braille, and the marks the console
 * draws (✓ ✗ ⏎). A line made only of these (and SGR colour sequences) needs no Intl.Segmenter pass to
 * be measured or cut into cells; its width is its length. Checked below against the string-width and
 * ansi-tokenize that Ink bundles, character by character, before any patch is applied.
 */
const NARROW = '\\u0020-\\u007E\\u00A0-\\u00AC\\u00AE-\\u02FF\\u2010-\\u2027\\u2030-\\u205E\\u2190-\\u22FF\\u23CE\\u2500-\\u25FC\\u2713\\u2717\\u2800-\\u28FF';

/** A file of a package as Node finds it from Ink's folder (its own node_modules first, then upwards). */
function besideInk(pkg, file) {
  for (let dir = here('../node_modules/ink/'); dir !== '/'; dir = dirname(dir)) {
    const path = join(dir, 'node_modules', pkg, file);
    if (existsSync(path)) return pathToFileURL(path).href;
  }
  throw new Error(`ink-frame-caches: cannot find ${pkg}/${file} from Ink's folder`);
}

/** Fails unless every NARROW character is narrow and a grapheme of its own for the packages Ink bundles. */
export async function checkNarrow() {
  const { default: stringWidth } = await import(besideInk('string-width', 'index.js'));
  const { tokenize } = await import(besideInk('@alcalzone/ansi-tokenize', 'build/tokenize.js'));
  const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  const all = new RegExp(`^[${NARROW}]$`, 'u');
  for (let cp = 0x20; cp < 0x3000; cp++) {
    const ch = String.fromCodePoint(cp);
    if (!all.test(ch)) continue;
    const [token, ...more] = tokenize(ch);
    const single = [...segmenter.segment(`a${ch}${ch}a`)].length === 4;
    if (stringWidth(ch) !== 1 || more.length > 0 || token?.type !== 'char' || token.fullWidth || !single) {
      throw new Error(`ink-frame-caches: U+${cp.toString(16)} is not a narrow single-cell character for this string-width/ansi-tokenize; narrow NARROW`);
    }
  }
}

const INK_PATCHES = {
  'output.js': [
    ['caches = new OutputCaches();', 'caches = sharedCaches;'],
    // Ink's get() stays, renamed; framedGet (below) does the same from the same operations.
    ['    get() {', '    get() {\n        return framedGet(this);\n    }\n    inkGet() {'],
    [
      'export default class Output {',
      `import { frameCache } from 'ink-frame-cache';
const BLANK = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
const styledChars = frameCache((line) => styledCharsFromTokens(tokenize(line)), 1000);
const widths = frameCache((text) => stringWidth(text), 20000);
const blockWidths = frameCache((text) => Math.max(0, ...text.split('\\n').map(widths)));
const sharedCaches = { getStyledChars: styledChars, getStringWidth: widths, getWidestLine: blockWidths };

/** One output row from what was written to it, in order (x, line, x, line…): Ink's cell placement and row string. */
function buildRow(width, placements) {
  const cells = Array(width).fill(BLANK);
  for (let i = 0; i < placements.length; i += 2) {
    let offsetX = placements[i];
    for (const character of styledChars(placements[i + 1])) {
      cells[offsetX] = character;
      // Determine printed width using string-width to align with measurement
      const characterWidth = Math.max(1, widths(character.value));
      // For multi-column characters, clear following cells to avoid stray spaces/artifacts
      for (let index = 1; index < characterWidth; index++) {
        cells[offsetX + index] = { type: 'char', value: '', fullWidth: false, styles: character.styles };
      }
      offsetX += characterWidth;
    }
  }
  // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
  return styledCharsToString(cells.filter((item) => item !== undefined)).trimEnd();
}
// A row written exactly as before (same lines at the same columns, in the same order) is the same string.
const rows = frameCache((key) => {
  const [width, ...placements] = JSON.parse(key);
  return buildRow(width, placements);
}, 2000);

/** Ink's Output.get() with its clipping unchanged, writing each row as the (cached) string of its placements. */
function framedGet(output) {
  const placements = Array.from({ length: output.height }, () => [output.width]);
  const clips = [];
  for (const operation of output.operations) {
    if (operation.type === 'clip') clips.push(operation.clip);
    if (operation.type === 'unclip') clips.pop();
    if (operation.type !== 'write') continue;
    const { text, transformers } = operation;
    let { x, y } = operation;
    let lines = text.split('\\n');
    const clip = clips.at(-1);
    if (clip) {
      const clipHorizontally = typeof clip?.x1 === 'number' && typeof clip?.x2 === 'number';
      const clipVertically = typeof clip?.y1 === 'number' && typeof clip?.y2 === 'number';
      if (clipHorizontally) {
        const width = output.caches.getWidestLine(text);
        if (x + width < clip.x1 || x > clip.x2) continue;
      }
      if (clipVertically) {
        const height = lines.length;
        if (y + height < clip.y1 || y > clip.y2) continue;
      }
      if (clipHorizontally) {
        lines = lines.map((line) => {
          const from = x < clip.x1 ? clip.x1 - x : 0;
          const width = output.caches.getStringWidth(line);
          const to = x + width > clip.x2 ? clip.x2 - x : width;
          return sliceAnsi(line, from, to);
        });
        if (x < clip.x1) x = clip.x1;
      }
      if (clipVertically) {
        const from = y < clip.y1 ? clip.y1 - y : 0;
        const height = lines.length;
        const to = y + height > clip.y2 ? clip.y2 - y : height;
        lines = lines.slice(from, to);
        if (y < clip.y1) y = clip.y1;
      }
    }
    let offsetY = 0;
    for (let [index, line] of lines.entries()) {
      const row = placements[y + offsetY];
      // Line can be missing if the text is taller than the output
      if (!row) continue;
      for (const transformer of transformers) line = transformer(line, index);
      row.push(x, line);
      offsetY++;
    }
  }
  return { output: placements.map((row) => rows(JSON.stringify(row))).join('\\n'), height: placements.length };
}
export default class Output {`,
    ],
  ],
  'string-width/index.js': [
    [
      `if (/^[\\u0020-\\u007E]*$/.test(string)) {
		return string.length;
	}`,
      `if (/^[\\u0020-\\u007E]*$/.test(string) || /^[${NARROW}]*$/.test(string)) {
		return string.length;
	}`,
    ],
  ],
  'ansi-tokenize/build/tokenize.js': [
    [
      'for (const { segment, index } of segmenter.segment(str)) {',
      `for (const { segment, index } of (/^[\\u001B${NARROW}]*$/.test(str) ? Array.from(str, (segment, index) => ({ segment, index })) : segmenter.segment(str))) {`,
    ],
  ],
  // Characters between two colour changes share one styles array, and a character whose styles are
  // the same array as its neighbour's needs no codes between them (diffAnsiCodes of equal styles is
  // empty): rows are no longer diffed cell by cell through three Sets.
  'ansi-tokenize/build/styledChars.js': [
    [
      `    let codes = [];
    const ret = [];
    for (const token of tokens) {
        if (token.type === "ansi") {
            codes = reduceAnsiCodesIncremental(codes, [token]);
        }
        else if (token.type === "char") {
            ret.push({
                ...token,
                styles: [...codes],
            });
        }
    }`,
      `    let codes = [];
    let styles;
    const ret = [];
    for (const token of tokens) {
        if (token.type === "ansi") {
            codes = reduceAnsiCodesIncremental(codes, [token]);
            styles = undefined;
        }
        else if (token.type === "char") {
            styles ??= [...codes];
            ret.push({
                ...token,
                styles,
            });
        }
    }`,
    ],
    [
      `        else {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }`,
      `        else if (chars[i - 1].styles !== char.styles) {
            ret += ansiCodesToString(diffAnsiCodes(chars[i - 1].styles, char.styles));
        }`,
    ],
  ],
  'render-node-to-output.js': [["import widestLine from 'widest-line';", "import measureWidestLine from 'widest-line';\nimport { frameCache } from 'ink-frame-cache';\nconst widestLine = frameCache(measureWidestLine);"]],
};

// The files patched, by path: Ink's own, and the string-width and ansi-tokenize it resolves to.
const PATCHED_FILES = new Map(
  Object.entries({
    'output.js': here('../node_modules/ink/build/output.js'),
    'render-node-to-output.js': here('../node_modules/ink/build/render-node-to-output.js'),
    'string-width/index.js': fileURLToPath(besideInk('string-width', 'index.js')),
    'ansi-tokenize/build/tokenize.js': fileURLToPath(besideInk('@alcalzone/ansi-tokenize', 'build/tokenize.js')),
    'ansi-tokenize/build/styledChars.js': fileURLToPath(besideInk('@alcalzone/ansi-tokenize', 'build/styledChars.js')),
  }).map(([key, path]) => [path, INK_PATCHES[key]]),
);

export const inkFrameCaches = {
  name: 'ink-frame-caches',
  setup(b) {
    b.onResolve({ filter: /^ink-frame-cache$/ }, () => ({ path: 'ink-frame-cache', namespace: 'ink-frame-cache' }));
    b.onLoad({ filter: /.*/, namespace: 'ink-frame-cache' }, () => ({ contents: FRAME_CACHE, loader: 'js' }));
    b.onLoad({ filter: /[\\/]node_modules[\\/].*\.js$/ }, (args) => {
      const patches = PATCHED_FILES.get(args.path);
      if (patches === undefined) return undefined;
      let contents = readFileSync(args.path, 'utf8');
      for (const [from, to] of patches) {
        if (contents.split(from).length !== 2) throw new Error(`ink-frame-caches: ${args.path} no longer contains the code it patches (${from.slice(0, 40)}…); update the patch for this Ink version`);
        contents = contents.replace(from, () => to);
      }
      return { contents, loader: 'js' };
    });
  },
};

/** The options every bundle shares: Node 20 ESM, production React, Ink's frame caches. */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  logLevel: 'warning',
  // Ink loads React DevTools only when DEV=true and it is not a dependency: bundle an empty module for it.
  plugins: [
    inkFrameCaches,
    {
      name: 'no-react-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'empty' }));
        b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};', loader: 'js' }));
      },
    },
  ],
};

// Bundles the CLI into one ESM file so start-up does not walk node_modules.
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

/*
 * Ink 6.8 rebuilds every frame from scratch: each line of text is cut into grapheme clusters
 * (Intl.Segmenter), measured and turned into one object per cell, then every row is turned back into a
 * string, and its caches live for one frame. At 200x60 that alone took ~30 ms a key (`npm run bench`,
 * figure 4). These patches keep the same work's results across frames, bounded, so a frame costs what
 * changed in it: lines already seen are not tokenized or measured again, blank cells are one shared
 * object, a row whose cells are the same as last frame's reuses last frame's string. Each patch must
 * match Ink's source exactly; when Ink changes, the build stops here rather than ship a wrong patch.
 */
const FRAME_CACHE = `
// Results kept across frames: two generations of at most LIMIT entries each, so memory stays bounded.
const LIMIT = 20000;
export function frameCache(compute) {
  let now = new Map();
  let before = new Map();
  return (key) => {
    let value = now.get(key);
    if (value !== undefined) return value;
    value = before.get(key);
    if (value === undefined) value = compute(key);
    now.set(key, value);
    if (now.size > LIMIT) {
      before = now;
      now = new Map();
    }
    return value;
  };
}
`;

const INK_PATCHES = {
  'output.js': [
    ['caches = new OutputCaches();', 'caches = sharedCaches;'],
    [
      `row.push({
                    type: 'char',
                    value: ' ',
                    fullWidth: false,
                    styles: [],
                });`,
      'row.push(BLANK);',
    ],
    [
      `.map(line => {
            // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
            const lineWithoutEmptyItems = line.filter(item => item !== undefined);
            return styledCharsToString(lineWithoutEmptyItems).trimEnd();
        })`,
      '.map((line, y) => rowString(line, y))',
    ],
    [
      'export default class Output {',
      `import { frameCache } from 'ink-frame-cache';
const BLANK = Object.freeze({ type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([]) });
const styledChars = frameCache((line) => styledCharsFromTokens(tokenize(line)));
const widths = frameCache((text) => stringWidth(text));
const blockWidths = frameCache((text) => Math.max(0, ...text.split('\\n').map(widths)));
const sharedCaches = { getStyledChars: styledChars, getStringWidth: widths, getWidestLine: blockWidths };
// Last frame's rows: cells (shared objects, see above) and the string made of them.
let lastRows = [];
function rowString(cells, y) {
  const last = lastRows[y];
  if (last && last.cells.length === cells.length && last.cells.every((c, x) => c === cells[x])) return last.text;
  // See https://github.com/vadimdemedes/ink/pull/564#issuecomment-1637022742
  const text = styledCharsToString(cells.filter((item) => item !== undefined)).trimEnd();
  lastRows[y] = { cells, text };
  if (lastRows.length > 500) lastRows = [];
  return text;
}
export default class Output {`,
    ],
  ],
  'render-node-to-output.js': [["import widestLine from 'widest-line';", "import measureWidestLine from 'widest-line';\nimport { frameCache } from 'ink-frame-cache';\nconst widestLine = frameCache(measureWidestLine);"]],
};

const inkFrameCaches = {
  name: 'ink-frame-caches',
  setup(b) {
    b.onResolve({ filter: /^ink-frame-cache$/ }, () => ({ path: 'ink-frame-cache', namespace: 'ink-frame-cache' }));
    b.onLoad({ filter: /.*/, namespace: 'ink-frame-cache' }, () => ({ contents: FRAME_CACHE, loader: 'js' }));
    b.onLoad({ filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/](output|render-node-to-output)\.js$/ }, (args) => {
      let contents = readFileSync(args.path, 'utf8');
      for (const [from, to] of INK_PATCHES[args.path.split(/[\\/]/).pop()]) {
        if (contents.split(from).length !== 2) throw new Error(`ink-frame-caches: ${args.path} no longer contains the code it patches (${from.slice(0, 40)}…); update the patch for this Ink version`);
        contents = contents.replace(from, () => to);
      }
      return { contents, loader: 'js' };
    });
  },
};

const shared = {
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

const here = (path) => new URL(path, import.meta.url).pathname;

// Split at dynamic imports (the console's Ink and React, the live sources' HTTP stack): a command loads
// only the code it runs. Chunks sit beside the entry, so import.meta.url-relative data (packs, themes,
// scenarios) resolves the same from any of them.
await build({ ...shared, entryPoints: { trustline: here('../src/cli/main.ts') }, outdir: here('./build'), outExtension: { '.js': '.mjs' }, splitting: true, chunkNames: 'chunk-[hash]' });
// The benchmark runner (`npm run bench`) is bundled the same way, so it measures the shipped code; its
// child processes (pipeline, baselines, memory) get a bundle of their own that loads only what they measure.
await build({ ...shared, entryPoints: [here('../test/bench/run.ts')], outfile: here('./build/bench.mjs') });
await build({ ...shared, entryPoints: [here('../test/bench/child.ts')], outfile: here('./build/bench-child.mjs') });

// Hypothesis packs are data read at run time, next to the bundle.
cpSync(new URL('../src/triage/packs', import.meta.url), new URL('./build/packs', import.meta.url), { recursive: true });
// The built-in pack is also validated now, with the code that validates packs at run time, and written
// as the validated JSON the bundle reads instead of parsing YAML at every start (see readBuiltinPack).
const packCompiler = here('./build/.pack-compiler.mjs');
await build({ ...shared, entryPoints: [here('../src/triage/load-pack.ts')], outfile: packCompiler, sourcemap: false });
try {
  const { parsePack } = await import(packCompiler);
  const pack = parsePack(readFileSync(here('../src/triage/packs/builtin.yaml'), 'utf8'), 'builtin.yaml');
  writeFileSync(here('./build/packs/builtin.json'), `${JSON.stringify(pack)}\n`);
} finally {
  rmSync(packCompiler, { force: true });
}
// So are the demo scenarios the emulators serve (`trustline demo`).
cpSync(new URL('../src/emulators/scenarios', import.meta.url), new URL('./build/scenarios', import.meta.url), { recursive: true });
// And the console's colour themes (`--theme NAME` reads themes/NAME.json).
cpSync(new URL('../themes', import.meta.url), new URL('./build/themes', import.meta.url), { recursive: true });

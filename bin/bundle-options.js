// The esbuild options every bundle of trustline is built with (bin/build.js; the frame-cache test), and
// the stand-ins for Ink's frame building they apply.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const here = (path) => new URL(path, import.meta.url).pathname;

/*
 * Ink's frame building, replaced: Ink 6.8 rebuilds every frame from scratch (every line cut into grapheme
 * clusters, measured, turned into one object per cell, every row diffed back into a string cell by
 * cell); at 200x60 that alone took ~30 ms a key (`npm run bench`, figure 4). The bundle gives Ink, in
 * place of its `./output.js` and of the `widest-line` it imports, typed modules of src/ui/ink-frames
 * that compute the same output and keep their work across frames (tested against Ink's own class in
 * test/ui/ink-frames/, and the whole console byte for byte in test/ui/ink-frame-caches.test.ts). No file
 * of node_modules is edited. They were written for exactly the versions and files below: a version
 * bump fails the build, naming the file to re-check against the module that stands in for it.
 */
export const INK_FRAMES = {
  versions: { ink: '6.8.0', 'string-width': '8.3.0', '@alcalzone/ansi-tokenize': '0.2.5', 'widest-line': '6.0.0', 'slice-ansi': '8.0.0' },
  // sha256 of each file in full, and what to re-check when it changes.
  files: {
    'ink/build/output.js': ['de9078c7fc647c40cf9e32d6658fcbbee91dae9e3f6334e5f4ebfc5905fc401d', 'Output (operations, clipping, cell placement, get()) against src/ui/ink-frames/output.ts'],
    'ink/build/renderer.js': ['9e72b27731c38daac7e9f978e24f7bf1210c5cc26bf973e30f08c3ad4a9fe374', 'that Output is still imported as ./output.js and used through write/clip/unclip/get'],
    'ink/build/render-node-to-output.js': ['d0c06d2474bd6338fa807ba0a0a39fb713a197df38c7a266b9316c6dd80b3297', 'that it calls only write/clip/unclip on Output and imports widest-line'],
    'ink/build/measure-text.js': ['4562d24171af3063b91a0d965c652ebdf1e2bdf4fe7f75c6bc8664fefc77df6a', 'that it measures with widest-line (src/ui/ink-frames/widest-line.ts stands in)'],
    'widest-line/index.js': ['c56c70d00610e14d157c1ed4fc3a2b83d96f7e595b1842ba12f3a84217796eb1', 'widestLine against cachedWidestLine in src/ui/ink-frames/output.ts'],
    'string-width/index.js': ['abc20775da6b552188b098688ebec671e29f5416d6339d3534bb7b016174003e', 'stringWidth against cellWidth in src/ui/ink-frames/narrow.ts'],
    '@alcalzone/ansi-tokenize/build/tokenize.js': ['2685ddc940a005fb589f2af2182e90349fbe000da0b302c89ebbe782d97ade0d', 'tokenize against tokenizeLine in src/ui/ink-frames/narrow.ts'],
    '@alcalzone/ansi-tokenize/build/styledChars.js': ['4b795be4e4b072f02f0bba951b6476ba0c25ba8be059d45a09de9582cef281c2', 'styledCharsFromTokens/ToString against src/ui/ink-frames/styled-chars.ts'],
  },
};

/** Throws unless the installed Ink and the libraries it measures with are the versions and files src/ui/ink-frames was written for. */
export function checkInkFrames(nodeModules = here('../node_modules/')) {
  const nodeModule = (path) => join(nodeModules, path);
  const problems = [];
  for (const [pkg, version] of Object.entries(INK_FRAMES.versions)) {
    const installed = JSON.parse(readFileSync(nodeModule(`${pkg}/package.json`), 'utf8')).version;
    if (installed !== version) problems.push(`${pkg} is ${installed}, src/ui/ink-frames was written for ${version}`);
  }
  for (const [file, [sha256, recheck]] of Object.entries(INK_FRAMES.files)) {
    const actual = createHash('sha256').update(readFileSync(nodeModule(file))).digest('hex');
    if (actual !== sha256) problems.push(`node_modules/${file} changed (sha256 ${actual}): re-check ${recheck}, then record the new hash in bin/bundle-options.js`);
  }
  if (problems.length > 0) throw new Error(`ink-frames: ${problems.join('; ')}`);
}

const INK_BUILD = /[\\/]node_modules[\\/]ink[\\/]build[\\/][^\\/]+\.js$/;

export const inkFrames = {
  name: 'ink-frames',
  setup(b) {
    b.onStart(() => checkInkFrames());
    b.onResolve({ filter: /^\.\/output\.js$/ }, (args) => (INK_BUILD.test(args.importer) ? { path: here('../src/ui/ink-frames/output.ts') } : undefined));
    b.onResolve({ filter: /^widest-line$/ }, (args) => (INK_BUILD.test(args.importer) ? { path: here('../src/ui/ink-frames/widest-line.ts') } : undefined));
  },
};

/*
 * The YAML parser, loaded when first used: src/config/yaml-document.ts imports it statically (its callers
 * are synchronous), which ran yaml's 260 KB at every start although a start usually reads no YAML file
 * (built-in themes and the built-in pack are JSON; README, figure 5). The bundle gives that module, in
 * place of `yaml`, a CommonJS module whose exports are getters that require yaml on first access.
 */
const YAML_USER = /[\\/]src[\\/]config[\\/]yaml-document\.ts$/;
export const lazyYaml = {
  name: 'lazy-yaml',
  setup(b) {
    b.onResolve({ filter: /^yaml$/ }, (args) => (YAML_USER.test(args.importer) ? { path: 'yaml', namespace: 'lazy-yaml' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-yaml' }, async () => {
      const names = Object.keys(await import('yaml')).filter((name) => name !== 'default');
      const getters = names.map((name) => `  get ${name}() { return require('yaml').${name}; },`).join('\n');
      return { contents: `module.exports = {\n${getters}\n};\n`, loader: 'js', resolveDir: here('..') };
    });
  },
};

/** The options every bundle shares: Node 20 ESM, production React, Ink's frame caches, YAML on demand. */
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
    inkFrames,
    lazyYaml,
    {
      name: 'no-react-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'empty' }));
        b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};', loader: 'js' }));
      },
    },
  ],
};

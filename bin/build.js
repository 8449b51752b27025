// Bundles the CLI (an entry and the chunks it loads on demand) so start-up does not walk node_modules.
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { bundleOptions as shared } from './bundle-options.js';

const here = (path) => new URL(path, import.meta.url).pathname;

// The console's fast path for plain lines (src/ui/ink-frames/narrow.ts) counts some characters one cell
// wide without asking string-width: check that claim against the installed string-width and ansi-tokenize.
const narrowChecker = here('./build/.narrow-check.mjs');
await build({ ...shared, entryPoints: [here('../src/ui/ink-frames/narrow.ts')], outfile: narrowChecker, sourcemap: false });
try {
  const problem = (await import(narrowChecker)).narrowCharacterProblem();
  if (problem !== undefined) throw new Error(`ink-frames: ${problem}`);
} finally {
  rmSync(narrowChecker, { force: true });
}

// Chunks of earlier builds have other names: clear them so bin/build holds only this build's.
for (const name of existsSync(here('./build')) ? readdirSync(here('./build')) : []) {
  if (/^chunk-.*\.mjs(\.map)?$/.test(name)) rmSync(here(`./build/${name}`));
}
// Split at dynamic imports (the console's Ink and React, the live sources' HTTP stack): a command loads
// only the code it runs. Chunks sit beside the entry, so import.meta.url-relative data (packs, themes,
// scenarios) resolves the same from any of them.
await build({ ...shared, entryPoints: { trustline: here('../src/cli/main.ts') }, outdir: here('./build'), outExtension: { '.js': '.mjs' }, splitting: true, chunkNames: 'chunk-[hash]' });
// The benchmark runner (`npm run bench`) is bundled the same way, so it measures the shipped code; its
// child processes (pipeline, baselines, memory) get a bundle of their own that loads only what they measure.
await build({ ...shared, entryPoints: [here('../test/bench/run.ts')], outfile: here('./build/bench.mjs') });
await build({ ...shared, entryPoints: [here('../test/bench/child.ts')], outfile: here('./build/bench-child.mjs') });
// `npm run eval` (the diagnosis pack over the scenario bundles) runs the shipped code too.
await build({ ...shared, entryPoints: [here('../test/eval/eval.ts')], outfile: here('./build/eval.mjs') });

// Diagnosis packs are data read at run time, next to the bundle.
cpSync(new URL('../src/diagnosis/packs', import.meta.url), new URL('./build/packs', import.meta.url), { recursive: true });
// So are the demo scenarios the emulators serve (`trustline demo`).
cpSync(new URL('../src/emulators/scenarios', import.meta.url), new URL('./build/scenarios', import.meta.url), { recursive: true });
// And the console's colour themes (`--theme NAME` reads themes/NAME.json).
cpSync(new URL('../themes', import.meta.url), new URL('./build/themes', import.meta.url), { recursive: true });

// The built-in pack is also validated here, with the code that validates packs at run time, and written
// as the validated JSON the bundle reads instead of parsing YAML at every start (see readBuiltinPack).
const packCompiler = here('./build/.pack-compiler.mjs');
await build({ ...shared, entryPoints: [here('../src/config/diagnosis-packs.ts')], outfile: packCompiler, sourcemap: false });
try {
  const { compileBuiltinPack } = await import(packCompiler);
  const pack = compileBuiltinPack(readFileSync(here('../src/diagnosis/packs/builtin.yaml'), 'utf8'));
  writeFileSync(here('./build/packs/builtin.json'), `${JSON.stringify(pack)}\n`);
} finally {
  rmSync(packCompiler, { force: true });
}

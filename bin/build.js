// Bundles the CLI into one ESM file so start-up does not walk node_modules.
import { cpSync } from 'node:fs';
import { build } from 'esbuild';

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
    {
      name: 'no-react-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({ path: 'react-devtools-core', namespace: 'empty' }));
        b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export default {};', loader: 'js' }));
      },
    },
  ],
};

await build({ ...shared, entryPoints: [new URL('../src/cli/main.ts', import.meta.url).pathname], outfile: new URL('./build/trustline.mjs', import.meta.url).pathname });
// The benchmark runner (`npm run bench`) is bundled the same way, so it measures the shipped code.
await build({ ...shared, entryPoints: [new URL('../test/bench/run.ts', import.meta.url).pathname], outfile: new URL('./build/bench.mjs', import.meta.url).pathname });

// Hypothesis packs are data read at run time, next to the bundle.
cpSync(new URL('../src/triage/packs', import.meta.url), new URL('./build/packs', import.meta.url), { recursive: true });
// So are the demo scenarios the emulators serve (`trustline demo`).
cpSync(new URL('../src/emulators/scenarios', import.meta.url), new URL('./build/scenarios', import.meta.url), { recursive: true });
// And the console's colour themes (`--theme NAME` reads themes/NAME.json).
cpSync(new URL('../themes', import.meta.url), new URL('./build/themes', import.meta.url), { recursive: true });

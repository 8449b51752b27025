import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';

const INK_BUILD = /[\\/]node_modules[\\/]ink[\\/]build[\\/][^\\/]+\.js$/;
const INK_FILE = /[\\/]node_modules[\\/]ink(-testing-library)?[\\/]build[\\/].+\.js$/;
const here = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** In-process tests render with the frame building the bundle ships (bin/bundle-options.js, inkFrames), not plain Ink's. */
const inkFrames: Plugin = {
  name: 'ink-frames',
  enforce: 'pre',
  resolveId(source, importer) {
    if (importer === undefined || !INK_BUILD.test(importer)) return undefined;
    if (source === './output.js') return here('./src/ui/ink-frames/output.ts');
    if (source === 'widest-line') return here('./src/ui/ink-frames/widest-line.ts');
    return undefined;
  },
  // Ink ships source-map comments pointing at sources it does not ship; vite would warn about each file.
  load(id) {
    return INK_FILE.test(id) ? { code: readFileSync(id, 'utf8').replace(/^\/\/# sourceMappingURL=.*$/m, ''), map: null } : undefined;
  },
};

/** Tests that drive other processes (the built CLI, bundles built and run) but time no terminal: two at a time. */
const PROCESSES = [
  'test/cli/**/*.test.ts',
  'test/ui/ink-frame-caches.test.ts',
  'test/safety/atomic-kill.test.ts',
];

/** Tests that drive terminals (tmux) or a real sshd with deadlines and cancellations. */
const TIMED = [
  'test/e2e/**/*.test.ts',
  'test/sources/mac/ssh/collect.test.ts',
  'test/sources/mac/ssh/ssh-transport.test.ts',
  'test/sources/mac/ssh/master-exit.test.ts',
];

// `npx vitest run --project unit` is the quick in-process loop; `npm test` runs the unit tests first, then the
// process tests and the terminal/sshd tests together, two files at a time (the terminal tests no longer run
// alone: waiting for them one by one left a core idle for about a minute; their waits allow for a busy machine).
export default defineConfig({
  plugins: [inkFrames],
  test: {
    // Ink (and the testing library that imports it) go through vite, so the plugin above can swap its modules.
    server: { deps: { inline: ['ink', 'ink-testing-library'] } },
    // vitest's default on a 2-core machine is one worker (cores - 1): most files wait on I/O, not CPU.
    maxWorkers: 2,
    // Rendering a whole console in-process takes seconds on a loaded 2-core runner; 5 s (the default) flakes.
    testTimeout: 30_000,
    projects: [
      // In-process tests share their worker's module cache (isolate: false): each file no longer imports
      // the sources afresh (~0.5 s a file). They create their own stores and restore what they stub.
      // Three workers on two cores: a quarter of the in-process tests' time is waiting (emulators, rate-limit
      // windows, child processes), which a third worker fills.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.{ts,tsx}'], exclude: [...PROCESSES, ...TIMED], isolate: false, setupFiles: ['test/helpers/fresh-secrets.ts'], maxWorkers: 3, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'processes', include: PROCESSES, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'timed', include: TIMED, sequence: { groupOrder: 1 } } },
    ],
  },
});

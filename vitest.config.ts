import { defineConfig } from 'vitest/config';

/** Tests that drive other processes: the built CLI, a real sshd, tmux, bundles built and run. */
const PROCESSES = [
  'test/e2e/**/*.test.ts',
  'test/cli/**/*.test.ts',
  'test/sources/mac/ssh/collect.test.ts',
  'test/sources/mac/ssh/ssh-transport.test.ts',
  'test/sources/mac/ssh/master-exit.test.ts',
  'test/ui/ink-frame-caches.test.ts',
  'test/safety/atomic-kill.test.ts',
];

// `npx vitest run --project unit` is the quick in-process loop; `npm test` runs both, the process tests
// after the unit tests and one file at a time (their timing checks wait on terminals and daemons).
export default defineConfig({
  test: {
    // vitest's default on a 2-core machine is one worker (cores - 1): most files wait on I/O, not CPU.
    maxWorkers: 2,
    // Rendering a whole console in-process takes seconds on a loaded 2-core runner; 5 s (the default) flakes.
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.{ts,tsx}'], exclude: PROCESSES, sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'processes', include: PROCESSES, fileParallelism: false, sequence: { groupOrder: 1 } } },
    ],
  },
});

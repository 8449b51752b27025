/**
 * Clean-ups that must run however the process ends (normal exit, a signal, a crash, the terminal
 * closing): stopping an SSH ControlMaster and removing its directory, a journal line for a probe that
 * was interrupted. They run synchronously (an exiting process runs no more callbacks), each once.
 */
const cleanups = new Set<() => void>();

/** Registers a synchronous clean-up; returns its remover (call it when the resource is released normally). */
export function addExitCleanup(cleanup: () => void): () => void {
  cleanups.add(cleanup);
  return () => {
    cleanups.delete(cleanup);
  };
}

/** Runs every registered clean-up once; one that throws does not stop the others. */
export function runExitCleanups(): void {
  const pending = [...cleanups];
  cleanups.clear();
  for (const cleanup of pending) {
    try {
      cleanup();
    } catch {
      // Exiting anyway: a clean-up that fails has nothing left to report to.
    }
  }
}

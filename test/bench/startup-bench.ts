import { figure, type BenchFigure } from './figure.js';
import { compareProcesses, medianWallMs, type Command } from './processes.js';

const RUNS = 10;
// Beside bench.mjs in bin/build: the launcher and the demo scenarios the build ships.
const TRUSTLINE = new URL('../trustline.js', import.meta.url).pathname;
const BUNDLE = new URL('./scenarios/okta-policy-regression', import.meta.url).pathname;

const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** A command in a fresh 80x24 pseudo-terminal (util-linux `script`), as the console needs a terminal. */
function inTerminal(argv: string[]): Command {
  return {
    file: 'script',
    args: ['-qfec', `stty cols 80 rows 24; exec ${argv.map(quote).join(' ')}`, '/dev/null'],
    env: { ...process.env, TERM: 'xterm-256color', TRUSTLINE_EXIT_AFTER_FIRST_FRAME: '1' },
  };
}

/**
 * Figure 5: spawn to exit of `trustline --bundle SCENARIO` told to exit on the turn after its first frame
 * is written (TRUSTLINE_EXIT_AFTER_FIRST_FRAME=1; the quit path is not timed), against `node -e 0`, both
 * in the same kind of pseudo-terminal. Cold as far as trustline goes: Node 20 has no compile cache
 * (`module.enableCompileCache` came with Node 22), so every run compiles the bundle afresh; the files
 * are in the page cache after the warm-up run.
 */
export async function benchStartup(): Promise<BenchFigure> {
  const ours = inTerminal([process.execPath, TRUSTLINE, '--bundle', BUNDLE]);
  const c = await compareProcesses(ours, inTerminal([process.execPath, '-e', '0']), RUNS);
  if (!c.ours[0]!.stdout.includes('Timeline')) throw new Error(`the console wrote no frame: ${JSON.stringify(c.ours[0]!.stdout.slice(0, 300))}`);
  const detail = `trustline ${medianWallMs(c.ours).toFixed(0)} ms / node -e 0 ${medianWallMs(c.theirs).toFixed(0)} ms`;
  return figure(`5. start to first frame: trustline --bundle (a demo scenario) in an 80x24 pty, exit on the turn after the first frame, vs node -e 0 in the same pty (median of ${RUNS})`, c.wallRatio, '×', 2.5, detail);
}

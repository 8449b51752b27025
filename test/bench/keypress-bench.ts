import { createConsoleStore } from '../../src/store/create-console-store.js';
import { rankingDone } from './live-append-bench.js';
import { loadDiagnosisModel } from '../../src/config/diagnosis-packs.js';
import { runConsole } from '../../src/ui/run-console.js';
import { DEFAULT_THEME, loadTheme } from '../../src/ui/theme/load-theme.js';
import { fakeStdin, FakeTerminal } from '../helpers/fake-terminal.js';
import { figure, percentile, type BenchFigure } from './figure.js';
import { syntheticAnalysis } from './synthetic-analysis.js';

const SEQUENCES: Record<string, string> = { 'ctrl+d': '\u0004', enter: '\r' };
/** Ink throttles frames to maxFps 30 (34 ms, leading edge): keys further apart than this render at once. */
const IDLE_MS = 45;
const CYCLES = 10;

/** One pass over the keys of the issue; every key changes the frame. `text` steps type untimed. */
const CYCLE: { key: string; timed: boolean }[] = [
  ...['j', 'j', 'k', 'G', 'g', 'ctrl+d', 'ctrl+d', '/'].map((key) => ({ key, timed: true })),
  // The search itself (typing and Enter's pass over every event) is not one of the figure's keys.
  ...['t', 'r', 'u', 's', 't', 'enter'].map((key) => ({ key, timed: false })),
  ...['n', 'n', 'e', 'e', '1', '1', 'v', 'v', 'v', 'z', 'z', 'z'].map((key) => ({ key, timed: true })),
];

export interface KeypressSamples {
  /** Milliseconds from writing the key to stdin to the frame's last byte written, by key. */
  byKey: Record<string, number[]>;
  events: number;
}

/**
 * Figure 4, measured side: the real console (runConsole with the render options it ships with) on a
 * store of `events` synthetic events, in a fake terminal of the given size; keys are written to its
 * stdin one at a time, each after the console has been idle longer than Ink's frame throttle, and
 * timed until Ink has written the frame they cause (so: input parsing, the key table's action, the
 * store update, React's render and commit, Yoga layout, frame building and the write).
 */
export async function measureKeypresses(events: number, columns: number, rows: number): Promise<KeypressSamples> {
  const analysis = syntheticAnalysis(events);
  const store = createConsoleStore({
    analysis,
    active: await loadDiagnosisModel({}),
    ctx: { serial: 'C02', hostname: undefined, user: undefined, collectedAtMs: analysis.collectedAtMs ?? undefined, deviceTimeZone: 'America/Los_Angeles' },
    localTimeZone: 'Europe/Berlin',
  });
  // Keys are timed against a ranked console, not interleaved with the slices of its first ranking.
  await rankingDone(store);
  const stdout = new FakeTerminal(columns, rows);
  const stdin = fakeStdin();
  const first = stdout.nextFrame();
  const running = runConsole({ store, theme: loadTheme(DEFAULT_THEME), stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, env: {} });
  await first;
  await stdout.quiet(200);
  const byKey: Record<string, number[]> = {};
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    for (const step of CYCLE) {
      await stdout.quiet(IDLE_MS);
      const frame = stdout.nextFrame();
      const t0 = performance.now();
      stdin.write(SEQUENCES[step.key] ?? step.key);
      const at = await frame;
      if (step.timed) (byKey[step.key] ??= []).push(at - t0);
    }
  }
  await stdout.quiet(IDLE_MS);
  stdin.write('q');
  await running;
  return { byKey, events };
}

/** Figure 4 from the samples of one size and event count: p95 against 16 ms, p50 and the slowest key beside it. */
export function keypressFigure(s: KeypressSamples, size: string): BenchFigure {
  const all = Object.values(s.byKey).flat();
  const p95 = percentile(all, 0.95);
  const slowest = Object.entries(s.byKey)
    .map(([key, ms]) => [key, percentile(ms, 0.95)] as const)
    .sort((a, b) => b[1] - a[1])[0];
  const detail = `p50 ${percentile(all, 0.5).toFixed(1)} ms, ${all.length} keys (j k G g C-d / n e 1 v z); slowest key by p95: ${slowest?.[0]} ${slowest?.[1].toFixed(1)} ms`;
  return figure(`4. keypress to frame written, p95, ${s.events.toLocaleString('en')} events at ${size}`, p95, 'ms', 16, detail);
}

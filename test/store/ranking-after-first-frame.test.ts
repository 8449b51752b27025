/**
 * The console opened by the CLI ranks after its first frame is written (start-up: README, figure 5):
 * that frame says `ranking…`, and the ranking that follows is the one a store ranks at creation.
 */
import { describe, expect, it, vi } from 'vitest';
import { NO_COLOR_THEME } from '../../src/ui/theme/types.js';
import { runConsole } from '../../src/ui/run-console.js';
import { loadScenario, storeFor } from '../helpers/console-fixtures.js';
import { fakeStdin, FakeTerminal } from '../helpers/fake-terminal.js';

const loaded = await loadScenario('okta-policy-regression');
const rankedAtCreation = storeFor(loaded).getState().analysis.hypotheses;

describe('a ranking held back for the first frame', () => {
  it('waits for startRanking, then ranks on the next turn as a store ranked at creation does', async () => {
    expect(rankedAtCreation.length).toBeGreaterThan(0);
    const store = storeFor(loaded, { rankAfterFirstFrame: true });
    expect(store.getState().ranking).toBe('ranking');
    expect(store.getState().analysis.hypotheses).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.getState().ranking).toBe('ranking');
    store.getState().startRanking();
    expect(store.getState().ranking).toBe('ranking');
    await vi.waitFor(() => expect(store.getState().ranking).toBe('ranked'), { timeout: 10_000, interval: 5 });
    expect(store.getState().analysis.hypotheses).toEqual(rankedAtCreation);
  });

  it('the console draws its first frame before ranking, then draws the ranked hypotheses', async () => {
    const store = storeFor(loaded, { rankAfterFirstFrame: true });
    // What the store held when the console, its first frame drawn, started the ranking. (Under CI=true Ink
    // writes only the last frame, at exit, so the frames themselves cannot be read here.)
    const startRanking = store.getState().startRanking;
    let atFirstFrame: { ranking: string; hypotheses: number } | undefined;
    store.setState({
      startRanking: () => {
        atFirstFrame ??= { ranking: store.getState().ranking, hypotheses: store.getState().analysis.hypotheses.length };
        startRanking();
      },
    });
    const stdout = new FakeTerminal(100, 30);
    const stdin = fakeStdin();
    const running = runConsole({ store, theme: NO_COLOR_THEME, stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, env: {} });
    await vi.waitFor(() => expect(store.getState().ranking).toBe('ranked'), { timeout: 10_000, interval: 5 });
    expect(atFirstFrame).toEqual({ ranking: 'ranking', hypotheses: 0 });
    await stdout.quiet(100);
    stdin.write('q');
    await running;
    expect(stdout.written.join('')).toContain(`Hypotheses 1/${rankedAtCreation.length}`);
  });
});

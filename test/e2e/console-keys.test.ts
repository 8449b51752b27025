import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';
import { tempDir } from '../helpers/temp-files.js';

const launcher = fileURLToPath(new URL('../../bin/trustline.js', import.meta.url));

async function demo(cols: number, rows: number): Promise<TmuxSession> {
  const state = tempDir();
  const tmux = startTmux({
    command: [process.execPath, launcher, 'demo', '--scenario', 'okta-policy-regression'],
    cols,
    rows,
    env: { XDG_STATE_HOME: state, XDG_CONFIG_HOME: join(state, 'no-config') },
  });
  await tmux.waitFor(/✓ \d+.*✓ \d+.*✓ \d+[\s\S]*Hypotheses[\s\S]*\? help/, 15_000);
  return tmux;
}

/** The row under each pane's title, by title. */
function firstRows(screen: string): Map<string, string> {
  const lines = screen.split('\n');
  const out = new Map<string, string>();
  lines.forEach((line, y) => {
    for (const m of line.matchAll(/[╭╔][─═] (?:▶ )?(Timeline|Hypotheses|Runbook)/g)) out.set(m[1]!, [...(lines[y + 1] ?? '')].slice(m.index + 1, m.index + 30).join(''));
  });
  return out;
}

describe.each([
  [80, 24],
  [120, 40],
])('the demo console at %ix%i, keys as a terminal sends them', (cols, rows) => {
  it('counts every key of a burst, keeps first rows drawn across focus changes, and marks cut text', async () => {
    const tmux = await demo(cols, rows);
    tmux.sendKeys('g');
    const total = Number((await tmux.waitFor(/Timeline 1\/(\d+)/)).match(/Timeline 1\/(\d+)/)![1]);
    // One write: the keys reach the console in one read.
    tmux.sendText('jjjjj');
    await tmux.waitFor(`Timeline 6/${total}`);
    tmux.sendText('kkjjj');
    await tmux.waitFor(`Timeline 7/${total}`);

    for (const focus of ['Hypotheses', 'Runbook', 'Timeline']) {
      tmux.sendKeys('Tab');
      const screen = await tmux.waitUntil(() => {
        const s = tmux.capture();
        return new RegExp(`▶ ${focus}`).test(s) && /\? help/.test(s) ? s : undefined;
      }, `focus on ${focus}`);
      for (const [title, row] of firstRows(screen)) expect(row.trim(), `${title} with ${focus} focused:\n${screen}`).not.toBe('');
    }

    // The runbook's cut rows end in …; o shows the step whole.
    expect(tmux.capture()).toMatch(/…\s*[│║]$/m);
    tmux.sendKeys('o');
    const step = await tmux.waitFor(/Runbook step/);
    expect(step).toMatch(/» Okta Admin Console > /);
    expect(step).not.toMatch(/…\s*[║│]\s*$/m);
    tmux.sendKeys('q');
    expect(await tmux.waitForExit()).toBe(0);
  }, 60_000);
});

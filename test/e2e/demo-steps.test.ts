import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';
import { tempDir } from '../helpers/temp-files.js';

const launcher = fileURLToPath(new URL('../../bin/trustline.js', import.meta.url));
const COLS = 140;
const ROWS = 40;

function startDemo(scenario: string): { tmux: TmuxSession; state: string } {
  const state = tempDir();
  const tmux = startTmux({
    command: [process.execPath, launcher, 'demo', '--scenario', scenario],
    cols: COLS,
    rows: ROWS,
    env: { XDG_STATE_HOME: state, XDG_CONFIG_HOME: join(state, 'no-config') },
  });
  return { tmux, state };
}

/** The hypotheses pane row of a cause, found by its title. */
function rowOf(screen: string, title: RegExp): string {
  const row = screen.split('\n').find((line) => title.test(line));
  if (!row) throw new Error(`no row for ${title}:\n${screen}`);
  return row;
}

/** Supporting evidence count of a cause on a screen, NaN while an overlay (the probe prompt) hides its row. */
function supportingOn(screen: string, title: RegExp): number {
  const row = screen.split('\n').find((line) => title.test(line));
  return row === undefined ? NaN : supporting(row);
}

/** Supporting evidence count on a hypothesis row (`+N -M ?K`). */
function supporting(row: string): number {
  return Number(/\+(\d+) -\d+ \?\d+/.exec(row)?.[1] ?? NaN);
}

/** Runs the selected runbook step (`r`, confirmed with `y`) and waits for the re-ranked screen. */
async function runStep(tmux: TmuxSession, runs: number): Promise<string> {
  tmux.sendKeys('r');
  await tmux.waitFor(/y run/);
  tmux.sendKeys('y');
  return tmux.waitUntil(() => {
    const s = tmux.capture();
    return /events added, hypotheses re-ranked/.test(s) ? s : undefined;
  }, `run ${runs} of the step`);
}

/** Moves to the Runbook pane and up its steps (one shows at a time) to the one titled `title`. */
async function toRunbookStep(tmux: TmuxSession, title: RegExp): Promise<void> {
  tmux.sendKeys('Tab');
  await tmux.waitFor(/▶ Hypotheses/);
  tmux.sendKeys('Tab');
  await tmux.waitFor(/▶ Runbook/);
  await selectStep(tmux, title);
}

/** Moves the focused runbook to its first step, then down until the step's title shows. */
async function selectStep(tmux: TmuxSession, title: RegExp): Promise<void> {
  await tmux.waitUntil(() => {
    if (/\[.\] 1\/\d /.test(tmux.capture())) return true;
    tmux.sendKeys('k');
    return undefined;
  }, 'the first runbook step');
  await tmux.waitUntil(() => {
    if (title.test(tmux.capture())) return true;
    tmux.sendKeys('j');
    return undefined;
  }, `the runbook step ${title}`);
}

describe('trustline demo: run a step, watch the ranking change', () => {
  it('psso-registration-incomplete: app-sso says the user must register (still likely), then after registration the cause is no longer likely', async () => {
    const { tmux, state } = startDemo('psso-registration-incomplete');
    let screen = await tmux.waitFor(/LIKELY +\+\d+ -\d+ \?\d+ PSSO unregistered/, 20_000);
    await toRunbookStep(tmux, /\d\/4 Read the SSO extension state on the Mac/);
    screen = await runStep(tmux, 1);
    expect(rowOf(screen, /PSSO unregistered/)).toMatch(/LIKELY/);
    const firstRun = supporting(rowOf(screen, /PSSO unregistered/));
    // The step again: the Mac answers as it does once alice has registered.
    tmux.sendKeys('r');
    await tmux.waitFor(/y run/);
    tmux.sendKeys('y');
    // Once registered, the cause drops out of the likely ones (its row may leave the visible part of the pane).
    screen = await tmux.waitUntil(() => {
      const s = tmux.capture();
      return /Read the SSO extension state on the Mac: \d+ events added/.test(s) && !/LIKELY[^\n]*PSSO unregistered/.test(s) && (s.match(/events added/g) ?? []).length > 0 ? s : undefined;
    }, 'the PSSO cause no longer likely');
    const row = screen.split('\n').find((line) => /PSSO unregistered/.test(line));
    if (row !== undefined) expect(supporting(row)).toBeLessThanOrEqual(firstRun);
    const journal = join(state, 'trustline', 'demo-journal.ndjson');
    const entries = readFileSync(journal, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { command: string; exitCode: number });
    expect(entries).toHaveLength(2);
    expect(entries[0]!.command).toMatch(/launchctl asuser .*\/usr\/bin\/app-sso platform -s'$/);
    // Demo runs never reach the user's real journal.
    expect(existsSync(join(state, 'trustline', 'journal.ndjson'))).toBe(false);
    tmux.sendKeys('q');
    expect(await tmux.waitForExit()).toBe(0);
  }, 90_000);

  it('mdm-push-broken: possible until the push log shows apsd failing, then likely; after the fix the failures are gone', async () => {
    const { tmux } = startDemo('mdm-push-broken');
    // Once every source has loaded, and without the push log, the cause leads but is not likely yet.
    await tmux.waitFor(/J jamf ✓ \d+ +O okta ✓ \d+ +D device ✓ \d+/, 20_000);
    let screen = await tmux.waitFor(/> 1 \S+ 0\.\d\d possible +\+\d+ -\d+ \?\d+ MDM push broken/);
    const before = supporting(rowOf(screen, /MDM push broken/));
    await toRunbookStep(tmux, /\d\/5 Read push delivery on the Mac/);
    screen = await runStep(tmux, 1);
    screen = await tmux.waitUntil(() => {
      const s = tmux.capture();
      return supportingOn(s, /MDM push broken/) > before ? s : undefined;
    }, 'apsd failures counted for the push cause');
    expect(rowOf(screen, /MDM push broken/)).toMatch(/LIKELY/);
    // Now likely, its next step is the remedy; select the push log again to check the fix.
    await selectStep(tmux, /\d\/5 Read push delivery on the Mac/);
    tmux.sendKeys('r');
    await tmux.waitFor(/y run/);
    tmux.sendKeys('y');
    await tmux.waitUntil(() => {
      const s = tmux.capture();
      return supportingOn(s, /MDM push broken/) === before ? s : undefined;
    }, 'the failures gone after the fix');
    tmux.sendKeys('q');
    expect(await tmux.waitForExit()).toBe(0);
  }, 90_000);
});

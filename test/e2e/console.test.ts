import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { remoteCommand } from '../../src/sources/mac/ssh/commands.js';
import { fleetScenario } from '../helpers/fleet-scenario.js';
import { JAMF_CLIENT, OKTA_TOKEN, startEmulators } from '../helpers/live-emulators.js';
import { startTmux, type TmuxSession } from '../helpers/tmux.js';
import { tempDir } from '../helpers/temp-files.js';

const launcher = fileURLToPath(new URL('../../bin/trustline.js', import.meta.url));

/** The demo console in tmux, behind a marker line on the normal screen; the journal in a temp state home. */
async function startConsole(cols: number, rows: number): Promise<{ tmux: TmuxSession; state: string }> {
  const state = tempDir();
  const tmux = startTmux({
    command: ['/bin/sh', '-c', 'echo BEFORE-CONSOLE; exec "$0" "$1" demo --scenario not-managed-in-jamf', process.execPath, launcher],
    cols,
    rows,
    env: { XDG_STATE_HOME: state, XDG_CONFIG_HOME: join(state, 'no-config') },
  });
  await tmux.waitFor(/✓ \d+.*✓ \d+.*✓ \d+/, 15_000);
  return { tmux, state };
}

/** The frame's shape: header on the first row, the hint or message bar on row rows-1, the last row left empty. */
function frameIsWhole(screen: string, rows: number): boolean {
  const lines = screen.split('\n');
  return /^trustline [A-Z0-9]+ /.test(lines[0] ?? '') && (lines[rows - 2] ?? '').trim() !== '';
}

function expectFrameFits(screen: string, rows: number): void {
  const lines = screen.split('\n');
  expect(frameIsWhole(screen, rows)).toBe(true);
  expect(lines[rows - 1]?.trim() ?? '').toBe('');
}

/**
 * The screen once it shows `pattern` in a whole frame (a capture can land while a frame is being
 * written), checked to fit in rows - 1.
 */
async function frameShowing(tmux: TmuxSession, pattern: RegExp, rows: number, timeoutMs?: number): Promise<string> {
  const screen = await tmux.waitUntil(() => {
    const s = tmux.capture();
    return pattern.test(s) && frameIsWhole(s, rows) ? s : undefined;
  }, `a whole frame showing ${pattern}`, timeoutMs);
  expectFrameFits(screen, rows);
  return screen;
}

describe.each([
  [80, 24],
  [120, 40],
])('trustline demo in a %ix%i terminal', (cols, rows) => {
  it('shows every pane within the frame, helps, searches, copies, runs a probe that re-ranks, and quits cleanly', async () => {
    const { tmux, state } = await startConsole(cols, rows);
    expect(tmux.alternateOn()).toBe(true);
    let screen = await frameShowing(tmux, /LIKELY.*Not Jamf-managed/, rows);
    for (const pane of ['Timeline', 'Hypotheses', 'Runbook', 'events']) expect(screen).toContain(pane);

    tmux.sendKeys('?');
    await frameShowing(tmux, /Keys 1-/, rows);
    tmux.sendKeys('Escape');
    // A lone Escape is only known as one when nothing follows it at once: wait for the help to close.
    await tmux.waitUntil(() => !tmux.capture().includes('Keys 1-'), 'the help closed');

    // Keys are sent one at a time, waiting for each to show, as typing does (a burst arrives as one chunk).
    tmux.sendKeys('/');
    await tmux.waitFor(/Enter search/);
    tmux.sendText('profiles');
    await tmux.waitFor(/\/profiles▏/);
    tmux.sendKeys('Enter');
    await frameShowing(tmux, /\/profiles [1-9]\d*/, rows);

    tmux.sendKeys('c');
    await tmux.waitUntil(() => tmux.pasteBuffer() === 'sudo /usr/bin/profiles renew -type enrollment', 'the likely cause\'s remedy command in the clipboard');

    // The SSO extension ("possible", third or fourth as the pack weighs it) has a probe step the first collection lacks.
    tmux.sendKeys('Tab');
    const listed = await tmux.waitFor(/▶ Hypotheses/);
    // Its row number, as the list shows it (`║  4 possible …` at 80 columns, `║  4 ░░░ 0.04 possible …` wider).
    const sso = Number(/^║[> ]\s*(\d+) [^║]*?possible [^║]*(?:The Okta SSO|No SSO extension)/m.exec(listed)?.[1]);
    expect(sso).toBeGreaterThan(1);
    for (let row = 2; row <= sso; row++) {
      tmux.sendKeys('j');
      await tmux.waitFor(new RegExp(`> ?${row} `));
    }
    await tmux.waitFor(new RegExp(`> ?${sso} [^║]*possible .*(The Okta SSO|No SSO extension)`));
    tmux.sendKeys('r');
    await tmux.waitFor(/y run/);
    tmux.sendKeys('y');
    screen = await frameShowing(tmux, /events added, hypotheses re-ranked/, rows);
    expect(screen).not.toMatch(/possible .*(The Okta SSO|No SSO extension)/);
    expect(screen).toMatch(/unlikely .*(The Okta SSO|No SSO extension)/);
    // Demo runs are journalled apart from real ones.
    const journal = readFileSync(join(state, 'trustline', 'demo-journal.ndjson'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { command: string; exitCode: number });
    expect(journal).toEqual([expect.objectContaining({ command: remoteCommand('app-sso-platform').display, exitCode: 0 })]);
    expect(existsSync(join(state, 'trustline', 'journal.ndjson'))).toBe(false);

    tmux.sendKeys('q');
    expect(await tmux.waitForExit()).toBe(0);
    expect(tmux.alternateOn()).toBe(false);
    expect(tmux.cursorVisible()).toBe(true);
    expect(tmux.capture()).toContain('BEFORE-CONSOLE');
  }, 60_000);
});

describe('terminal size changes', () => {
  it('re-lays out on resize, down to one pane at a time below 80x24', async () => {
    const { tmux } = await startConsole(100, 30);
    tmux.resize(60, 20);
    const complete = (s: string, rows: number): boolean => frameIsWhole(s, rows) && s.includes('? help');
    let screen = await tmux.waitUntil(() => {
      const s = tmux.capture();
      return complete(s, 20) && !(s.includes('Hypotheses') && s.includes('Runbook')) ? s : undefined;
    }, 'a single-pane layout');
    expectFrameFits(screen, 20);
    tmux.resize(120, 40);
    screen = await tmux.waitUntil(() => {
      const s = tmux.capture();
      return complete(s, 40) && s.includes('Hypotheses') && s.includes('Runbook') ? s : undefined;
    }, 'all panes again');
    expectFrameFits(screen, 40);
    tmux.sendKeys('C-c');
    expect(await tmux.waitForExit()).toBe(0);
    expect(tmux.alternateOn()).toBe(false);
  }, 60_000);
});

describe('the console on other evidence', () => {
  it('replays a collected bundle (trustline --bundle)', async () => {
    const bundle = fileURLToPath(new URL('../fixtures/bundles/full', import.meta.url));
    const tmux = startTmux({ command: [process.execPath, launcher, '--bundle', bundle], cols: 80, rows: 24, env: { XDG_CONFIG_HOME: join(tempDir(), 'none') } });
    const screen = await frameShowing(tmux, /Hypotheses/, 24);
    expect(screen).toMatch(/J jamf ✗|J jamf ✓/);
    tmux.sendKeys('q');
    expect(await tmux.waitForExit()).toBe(0);
  }, 30_000);

  it('opens at once on a live fetch and fills in as the sources answer (trustline --serial)', async () => {
    const emu = await startEmulators('clock-skew', { okta: { faults: { latencyMs: 500 } } });
    const tmux = startTmux({
      command: [process.execPath, launcher, '--serial', emu.scenario.meta.serial, '--user', emu.scenario.meta.user, '--until', emu.scenario.meta.collectedAt],
      cols: 100,
      rows: 30,
      env: {
        XDG_CONFIG_HOME: join(tempDir(), 'none'),
        TRUSTLINE_OKTA_URL: emu.okta.url,
        TRUSTLINE_OKTA_TOKEN: OKTA_TOKEN,
        TRUSTLINE_JAMF_URL: emu.jamf.url,
        TRUSTLINE_JAMF_CLIENT_ID: JAMF_CLIENT.clientId,
        TRUSTLINE_JAMF_CLIENT_SECRET: JAMF_CLIENT.clientSecret,
      },
    });
    await tmux.waitFor(/O okta \d+ (starting|finding the device|reading the System Log)/, 10_000);
    const screen = await frameShowing(tmux, /J jamf ✓ \d+ +O okta ✓ \d+/, 30, 20_000);
    expect(screen).not.toContain(OKTA_TOKEN);
    tmux.sendKeys('q');
    expect(await tmux.waitForExit()).toBe(0);
  }, 30_000);

  it('several Macs for a user: the picker first, Enter fetches the chosen one (trustline --user)', async () => {
    const emu = await startEmulators(fleetScenario());
    const tmux = startTmux({
      command: [process.execPath, launcher, '--user', 'carol@example.com', '--until', emu.scenario.meta.collectedAt],
      cols: 100,
      rows: 30,
      env: {
        XDG_CONFIG_HOME: join(tempDir(), 'none'),
        TRUSTLINE_OKTA_URL: emu.okta.url,
        TRUSTLINE_OKTA_TOKEN: OKTA_TOKEN,
        TRUSTLINE_JAMF_URL: emu.jamf.url,
        TRUSTLINE_JAMF_CLIENT_ID: JAMF_CLIENT.clientId,
        TRUSTLINE_JAMF_CLIENT_SECRET: JAMF_CLIENT.clientSecret,
      },
    });
    await tmux.waitFor(/Several Macs match \(12\)/, 20_000);
    expect(tmux.capture()).toMatch(/▶ C02LAB11Q6L4 +carol-mac-11/);
    // Resolution only searched the inventory: no Mac's evidence (detail, MDM commands) before one is chosen.
    expect(emu.jamf.requests.some((r) => r.path.includes('computers-inventory-detail') || r.path.startsWith('/api/v2/mdm/commands'))).toBe(false);
    tmux.sendKeys('j');
    tmux.sendKeys('Enter');
    const screen = await frameShowing(tmux, /J jamf ✓ \d+ +O okta ✓ \d+/, 30, 20_000);
    expect(screen).toContain('C02LAB10Q6L4');
    tmux.sendKeys('q');
    expect(await tmux.waitForExit()).toBe(0);
  }, 60_000);
});

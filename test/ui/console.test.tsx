import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scenarioDir } from '../../src/emulators/index.js';
import type { TimelineEvent } from '../../src/model/event.js';
import { openRecordedTransport } from '../../src/sources/mac/ssh/recorded-transport.js';
import stringWidth from 'string-width';
import { builtinModel, loadScenario, loadScenarioWithout, makeEvent, storeFor } from '../helpers/console-fixtures.js';
import { renderTui, withoutSgr, type Tui } from '../helpers/render-tui.js';

const cert = await loadScenario('cert-chain-break');
let tui: Tui | undefined;
afterEach(() => tui?.unmount());

const HOSTILE = [
  'clear \u001b[2J\u001b[H screen',
  'clipboard \u001b]52;c;cm0gLXJmIH4K\u0007 write',
  'bell \u0007\u0007 ring',
  'bidi \u202eexe.txt\u202c and \u2066isolate\u2069',
  'title \u001b]0;pwned\u001b\\ set',
  'c1 \u009b31m csi',
  'wide 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字',
];
const RAW = /[\u0007\u0080-\u009f\u202a-\u202e\u2066-\u2069]|\u001b/;

function expectSafe(t: Tui, columns: number, rows: number): void {
  const raw = withoutSgr(t.raw());
  expect(raw).not.toMatch(RAW);
  const lines = t.lines();
  expect(lines.length).toBeLessThanOrEqual(rows - 1);
  for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(columns);
}

describe('hostile text', () => {
  it('never reaches the terminal raw: timeline, detail, evidence, search, walkthrough', async () => {
    const t0 = cert.analysis.timeline[0]!.epochMs;
    const hostile = HOSTILE.map((summary, i) =>
      makeEvent({ epochMs: t0 - 1000 + i, summary, severity: 'error', source: 'device', fields: { note: summary, [`k\u001b[31m${i}`]: summary }, raw: { file: `device/\u001b[2J${i}.log`, line: 1 } }),
    );
    const store = storeFor(cert);
    store.getState().appendEvents(hostile);
    for (const [columns, rows] of [[80, 24], [120, 40], [60, 20]] as const) {
      tui = await renderTui(store, { columns, rows });
      store.getState().edge(-1);
      await tui.press();
      expect(tui.frame()).toContain('clear ^[[2J^[[H screen');
      expect(tui.frame()).toContain('bidi \\u202eexe.txt');
      expectSafe(tui, columns, rows);
      for (let i = 0; i < hostile.length; i++) {
        await tui.press('enter');
        expectSafe(tui, columns, rows);
        await tui.press('G');
        expectSafe(tui, columns, rows);
        await tui.press('escape', 'j');
      }
      await tui.press('/');
      await tui.type('\u001b]52;c;eA==\u0007');
      expectSafe(tui, columns, rows);
      await tui.press('escape', 'w', 'j');
      expectSafe(tui, columns, rows);
      await tui.press('escape');
      tui.unmount();
      tui = undefined;
    }
  });

  it('hostile hypothesis evidence, titles and errors are sanitised too', async () => {
    const active = await builtinModel();
    const causes = active.model.causes.map((c) => ({ ...c, title: `${c.title} \u001b[2J\u202e`, explanation: `\u0007${c.explanation}` }));
    const steps = new Map([...active.model.steps].map(([id, s]) => [id, { ...s, checks: `\u001b]52;c;AA==\u0007${s.checks}` }] as const));
    const store = storeFor({ ...cert, active: { ...active, model: { ...active.model, causes, steps } } });
    store.getState().setSourceState('okta', { state: 'error', events: 0, text: 'HTTP 500 \u001b[2J <html>' });
    tui = await renderTui(store, { columns: 80, rows: 24 });
    expectSafe(tui, 80, 24);
    await tui.press('tab', 'enter');
    expectSafe(tui, 80, 24);
    await tui.press('escape', 'w', 'j', 'j', 'j', 'j');
    expectSafe(tui, 80, 24);
  });
});

describe('runbook actions', () => {
  it('c calls the clipboard prop with the runbook command', async () => {
    const store = storeFor(cert);
    tui = await renderTui(store, { columns: 80, rows: 24 });
    await tui.press('c');
    expect(tui.copies).toEqual([store.getState().analysis.hypotheses[0]!.next.command]);
    // The chain break is likely: its next step is the one that confirms and fixes it.
    expect(tui.copies[0]).toMatch(/^curl -sv /);
  });

  it('r then y runs the probe through the transport, adds its evidence and re-ranks', async () => {
    const loaded = await loadScenarioWithout('clock-skew', ['probes/sntp.txt', 'probes/date-utc.txt']);
    const transport = openRecordedTransport(join(scenarioDir('clock-skew'), 'device'));
    const run = vi.spyOn(transport, 'run');
    const store = storeFor(loaded, { transport });
    tui = await renderTui(store, { columns: 120, rows: 40 });
    const before = store.getState().analysis.hypotheses;
    const rank = before.findIndex((h) => h.id === 'clock-skew');
    expect(before[rank]!.verdict).not.toBe('likely');
    expect(tui.frame()).not.toMatch(/LIKELY .* Mac clock off/);
    await tui.press('tab', ...Array.from({ length: rank }, () => 'j'), 'r');
    expect(tui.frame()).toContain('$ /usr/bin/sntp time.apple.com');
    await tui.press('y');
    await vi.waitFor(() => expect(store.getState().run.state).toBe('ok'));
    await tui.press();
    expect(run).toHaveBeenCalledOnce();
    expect(store.getState().analysis.hypotheses[0]!.id).toBe('clock-skew');
    const f = tui.frame();
    expect(f).toMatch(/ 1 ██████████ 1\.00 LIKELY .* Mac clock off/);
    expect(f).toContain('ran: +1 events');
    expect(f).toContain('clock: Mac 413 s behind (sntp, corrected)');
    expect(store.getState().marks['probe:sntp']).toBe('done');
    // Clock skew is now likely: the runbook moves on to the step that fixes it.
    expect(f).toMatch(/\[ \] \d\/\d Set the clock .*\(next\)/);
  });
});

describe('live arrivals and large timelines', () => {
  it('appendEvents keeps the cursor on the same event', async () => {
    const store = storeFor(cert);
    tui = await renderTui(store, { columns: 80, rows: 24 });
    await tui.press('j', 'j', 'j', 'j', 'j');
    const selected = () => tui!.lines().find((l) => l.startsWith('║>'));
    const row = selected();
    const t0 = store.getState().analysis.timeline[0]!.epochMs;
    store.getState().appendEvents([makeEvent({ epochMs: t0 - 10 }), makeEvent({ epochMs: t0 - 5 }), makeEvent({ epochMs: t0 + 10 ** 10 })]);
    await tui.press();
    expect(selected()).toBe(row);
    expect(tui.frame()).toContain('Timeline 9/44');
    expect(tui.frame()).toContain('O okta ✓ 8');
  });

  // How quick keys are on a million events is figure 4 of `npm run bench`; this checks what they show.
  it('a million events: the frame holds exactly the rows that fit, and keys move over the whole timeline', { timeout: 60_000 }, async () => {
    const base = cert.analysis.timeline[0]!.epochMs;
    const kinds = ['info', 'info', 'warn', 'error'] as const;
    const timeline: TimelineEvent[] = new Array(1_000_000);
    for (let i = 0; i < timeline.length; i++) {
      timeline[i] = { id: `e${i}`, epochMs: base + i * 10, originalTime: '', source: i % 3 === 0 ? 'device' : 'okta', kind: 'okta.x', generic: 'idp.event', severity: kinds[i % 4]!, summary: `event ${i}`, keys: {}, raw: { file: 'okta/x.json' }, fields: {} };
    }
    const store = storeFor({ ...cert, analysis: { ...cert.analysis, timeline } });
    tui = await renderTui(store, { columns: 120, rows: 40 });
    await tui.press('G');
    expect(tui.frame()).toContain('Timeline 1000000/1000000');
    expect(tui.frame()).toContain('event 999999');
    await tui.press('k');
    expect(tui.frame()).toContain('Timeline 999999/1000000');
    await tui.press('ctrl+u', 'e', 'E', 'g');
    expect(tui.frame()).toContain('Timeline 1/1000000');
    expect(tui.frame()).toContain('event 0');
    await tui.press('j');
    expect(tui.frame()).toContain('Timeline 2/1000000');
    expect(tui.lines().filter((l) => /^║[> *]((\d{4}-)?\d\d-\d\d| +) [\d:.]+Z/.test(l))).toHaveLength(store.getState().timelineRows);
    await tui.press('v', 'v');
    expect(tui.frame()).toContain('Timeline 1/250000');
    // Errors are every fourth event (i % 4 === 3): 250,000 of them.
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { runbookSteps } from '../../src/store/selectors/runbook.js';
import { KEY_TABLE, keyLabel } from '../../src/ui/keys.js';
import { LEGEND } from '../../src/ui/legend.js';
import type { Theme } from '../../src/ui/theme/types.js';
import { NO_COLOR_THEME } from '../../src/ui/theme/types.js';
import { clockText } from '../../src/ui/panes/Header.js';
import { bucketCell } from '../../src/ui/panes/HistogramStrip.js';
import { scoreBar } from '../../src/ui/panes/HypothesesPane.js';
import { fixedTransport, loadScenario, makeEvent, selectProbeStep, storeFor } from '../helpers/console-fixtures.js';
import { renderTui, type Tui } from '../helpers/render-tui.js';

const cert = await loadScenario('cert-chain-break');
let tui: Tui | undefined;
afterEach(() => tui?.unmount());

describe('a failed source', () => {
  it('says why: in the header on wide terminals, in the walkthrough, and under i (with coverage and reading notes)', async () => {
    const store = storeFor(cert);
    store.getState().setSourceState('device', { state: 'error', events: 0, text: 'ssh: connect to host mac.example port 22: Connection refused' });
    tui = await renderTui(store, { columns: 80, rows: 24 });
    expect(tui.lines()[1]).toContain('D device ✗ error');
    await tui.press('i');
    expect(tui.frame()).toContain('device: error, 0 events: ssh: connect to host mac.example port 22: Connec');
    expect(tui.frame()).toMatch(/okta: 20\d\d-\d\d-\d\dT[\d:.]+Z to 20/);
    await tui.press('G');
    expect(tui.frame()).toMatch(/idp\.system-log 20\d\d-[\d-]+T[\d:.]+Z to 20.*: (comple|incompl)/);
    expect(tui.frame()).toContain(`Reading notes (${store.getState().analysis.notes.length})`);
    await tui.press('escape', 'w', 'tab');
    expect(tui.frame()).toMatch(/D ✗ failed \(ssh: connect to host/);
    await tui.resize(140, 40);
    expect(tui.lines()[1]).toContain('D device ✗ ssh: connect to host mac.example port 2…');
  });
});

describe('header and histogram', () => {
  it('shows the device, each source with its state and count, the clock offset and the time mode', async () => {
    tui = await renderTui(storeFor(cert), { columns: 120, rows: 40 });
    const [l1, l2, l3] = tui.lines();
    expect(l1).toMatch(/^trustline C02FX1TLQ6L4 · alice-mbp · alice@example.com {2}time UTC/);
    expect(l2).toMatch(/^J jamf ✓ 16 {2}O okta ✓ 5 {2}D device ✓ 20 {2}clock: Mac 18 ms behind \(sntp, corrected\)/);
    expect(l3).toMatch(/^events .*[▁▂▃▄▅▆▇█!]/);
  });

  it('spins while a source loads, with its count and text; errors and missing sources say so', async () => {
    const store = storeFor(cert);
    store.getState().setSourceState('okta', { state: 'loading', events: 42, text: 'page 3' });
    store.getState().setSourceState('jamf', { state: 'error', events: 0, text: 'HTTP 401' });
    store.getState().setSourceState('device', { state: 'missing', events: 0 });
    tui = await renderTui(store, { columns: 120, rows: 40 });
    const line = tui.lines()[1]!;
    expect(line).toMatch(/^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]/);
    expect(line).toContain('O okta 42 page 3');
    expect(line).toContain('J jamf ✗ HTTP 401');
    expect(line).toContain('D device – missing');
    expect(tui.frame()).toMatch(/Hypotheses 1\/\d+ · provisional: sources loading/);
    store.getState().setSourceState('okta', { state: 'ok', events: 43 });
    await tui.press();
    expect(tui.lines()[1]).toMatch(/^J jamf/);
    expect(tui.frame()).not.toContain('provisional');
  });

  it('words the clock offset, and marks histogram severities without colour', () => {
    expect(clockText({ deviceOffsetMs: null, basis: null, applied: false })).toMatch(/unknown/);
    expect(clockText({ deviceOffsetMs: 412_503, basis: 'sntp', applied: true })).toBe('clock: Mac 413 s ahead (sntp, corrected)');
    expect(clockText({ deviceOffsetMs: -1500, basis: 'date', applied: false })).toBe('clock: Mac 1.5 s behind (date, not applied)');
    const colour: Theme = { ...NO_COLOR_THEME, color: true };
    expect(bucketCell({ info: 0, warn: 0, error: 2 }, 4, NO_COLOR_THEME).text).toBe('!');
    expect(bucketCell({ info: 1, warn: 1, error: 0 }, 4, NO_COLOR_THEME).text).toBe('+');
    expect(bucketCell({ info: 4, warn: 0, error: 0 }, 4, NO_COLOR_THEME).text).toBe('█');
    expect(bucketCell({ info: 0, warn: 0, error: 4 }, 4, colour)).toEqual({ text: '█', token: 'histogram.error' });
    expect(bucketCell({ info: 0, warn: 0, error: 0 }, 4, colour).text).toBe(' ');
  });
});

describe('timeline, hypotheses and runbook panes', () => {
  it('draws one row per event: UTC time with Z, the source letter, a severity marker and the summary', async () => {
    const store = storeFor(cert);
    tui = await renderTui(store, { columns: 120, rows: 40 });
    const first = store.getState().analysis.timeline[0]!;
    expect(tui.frame()).toContain(`>2025-03-14 16:22:05.000Z J · ${first.summary}`);
    expect(tui.frame()).toMatch(/Z~D [E·W] /);
    expect(tui.frame()).toMatch(/Z O [·EW] /);
    expect(tui.frame()).toContain('Timeline 1/41');
    await tui.press('e');
    expect(tui.frame()).toMatch(/^║>[\d\- :.]+Z[ ~][JOD] E /m);
    await tui.press('g');
    await tui.press('z');
    expect(tui.frame()).toContain('2025-03-14 09:22:05.000-0700 J');
    await tui.press('z');
    expect(tui.frame()).toContain('2025-03-14 17:22:05.000+0100 J');
  });

  it('shows the year when the timeline spans two, and the date once per day (blank below it on the same day)', async () => {
    tui = await renderTui(storeFor(cert), { columns: 100, rows: 30 });
    const rows = tui.lines().filter((l) => /^║[> *]/.test(l));
    expect(rows[0]).toMatch(/^║>2025-03-14 16:22:05\.000Z J /);
    expect(rows[1]).toMatch(/^║ 2026-09-03 10:12:30\.000Z J /);
    expect(rows[2]).toMatch(/^║ {12}10:12:41\.000Z J /);
    tui.unmount();
    // The last year of the same scenario: one year, two days.
    const year = cert.analysis.timeline.filter((e) => new Date(e.epochMs).getUTCFullYear() === 2026);
    tui = await renderTui(storeFor({ ...cert, analysis: { ...cert.analysis, timeline: year } }), { columns: 100, rows: 30 });
    const dated = tui.lines().filter((l) => /^║[> *]\d\d-\d\d \d\d:/.test(l));
    expect(dated.length).toBeGreaterThan(0);
    expect(tui.lines().filter((l) => /^║[> *] {5} \d\d:/.test(l)).length).toBeGreaterThan(dated.length);
    expect(tui.frame()).not.toMatch(/^║[> *]\d{4}-/m);
  });

  it('renders only the visible window: the title counts all events, the rows fit the pane', async () => {
    const store = storeFor(cert);
    tui = await renderTui(store, { columns: 80, rows: 24 });
    const rows = tui.lines().filter((l) => /^║[> *]((\d{4}-)?\d\d-\d\d| +) [\d:.]+Z/.test(l));
    expect(rows).toHaveLength(store.getState().timelineRows);
    await tui.press('G');
    expect(tui.frame()).toContain('Timeline 41/41');
    expect(tui.lines().filter((l) => l.startsWith('║>'))).toHaveLength(1);
  });

  it('ranks hypotheses with a score bar, the verdict as a word and evidence counts', async () => {
    tui = await renderTui(storeFor(cert), { columns: 120, rows: 40 });
    expect(tui.frame()).toMatch(/> 1 ██████████ 0\.99 LIKELY {3}\+27 -0 \?0 TLS chain refused/);
    expect(tui.frame()).toMatch(/ 2 ░{10} 0\.01 unlikely/);
    expect(tui.frame()).toContain('Hypotheses 1/18');
    expect(scoreBar(0.5, 4)).toEqual(['██', '░░']);
  });

  it('shows the next step: what it checks, the command, what confirms or refutes, and progress', async () => {
    tui = await renderTui(storeFor(cert), { columns: 120, rows: 40 });
    // The chain break is likely: its next step is the one that confirms and fixes it.
    const expected = ['[ ] 2/2 Fetch the Okta chain from the Mac (next) [command]', '$ curl -sv -o /dev/null', 'Checks: The certificate chain', 'Confirms:', 'Refutes:', 'steps 0/2 done'];
    for (const text of expected) expect(tui.frame()).toContain(text);
    await tui.press('d');
    expect(tui.frame()).toContain('steps 1/2 done');
  });

  it('shows the run state: running, then failed with its reason', async () => {
    let fail: (e: Error) => void = () => {};
    const transport = fixedTransport(() => new Promise((_r, reject) => (fail = reject)));
    const store = storeFor(cert, { transport });
    selectProbeStep(store);
    tui = await renderTui(store, { columns: 120, rows: 40 });
    await tui.press('r', 'y');
    expect(tui.frame()).toContain('running… (Esc cancels)');
    fail(new Error('ssh: connect to host mac: Connection refused'));
    await tui.press();
    expect(tui.frame()).toContain('✗ failed: ssh: connect');
    expect(tui.lines().at(-1)).toContain('ssh: connect to host mac: Connection refused');
  });

  it("a probe that failed from one hypothesis' runbook does not show as failed on another's that has the same step", async () => {
    const transport = fixedTransport(() => Promise.reject(new Error('ssh: connect to host mac: Connection refused')));
    const store = storeFor(cert, { transport });
    selectProbeStep(store);
    const ranFrom = store.getState().analysis.hypotheses[0]!.id;
    const probe = store.getState().selectedStep!;
    const other = store
      .getState()
      .analysis.hypotheses.slice(1)
      .find((h) => runbookSteps({ ...store.getState(), selectedHypothesis: h.id }).some((x) => x.key === probe));
    expect(other).toBeDefined();
    tui = await renderTui(store, { columns: 120, rows: 40 });
    await tui.press('r', 'y');
    await vi.waitFor(() => expect(tui!.frame()).toContain('✗ failed: ssh: connect'));
    store.getState().selectHypothesis(other!.id);
    store.setState({ selectedStep: probe });
    await tui.press();
    expect(tui.frame()).toContain('Runbook');
    expect(tui.frame()).not.toContain('✗ failed');
    store.getState().selectHypothesis(ranFrom);
    await tui.press();
    expect(tui.frame()).toContain('✗ failed: ssh: connect');
  });
});

describe('overlays', () => {
  it('event detail: the raw record reference and every field, scrollable', async () => {
    const store = storeFor(cert);
    const i = store.getState().analysis.timeline.findIndex((e) => e.source === 'device' && Object.keys(e.fields).length > 3);
    const e = store.getState().analysis.timeline[i]!;
    tui = await renderTui(store, { columns: 120, rows: 40 });
    store.getState().move(i);
    await tui.press('enter');
    const f = tui.frame();
    expect(f).toContain('Event detail');
    const column = Math.max(...['raw record', ...Object.keys(e.fields)].map((k) => k.length)) + 1;
    expect(f).toContain(`${'raw record'.padEnd(column)}${e.raw.file}:${e.raw.line}`);
    for (const [k, v] of Object.entries(e.fields)) expect(f).toContain(`${k.padEnd(column)}${String(v)}`.slice(0, 60));
    expect(f).toMatch(new RegExp(`time {${column - 4}}2026-\\d\\d-\\d\\dT[\\d:.]+Z`));
    await tui.press('j');
    expect(tui.frame()).not.toMatch(/time +2026/);
    await tui.press('escape');
    expect(tui.frame()).toContain('Timeline');
  });

  it('event detail: names and values in two columns (a name too long for its column gets its own row), one severity line', async () => {
    const store = storeFor(cert);
    const e = makeEvent({
      epochMs: store.getState().analysis.timeline[3]!.epochMs + 1,
      severity: 'warn',
      fields: { severity: 'INFO', externalSessionIdOfTheOktaSession: 'idx7tlQ2', outcome: '', client: 'Okta Verify' },
    });
    store.getState().appendEvents([e]);
    store.getState().jumpToEvent(e.id);
    tui = await renderTui(store, { columns: 80, rows: 24 });
    await tui.press('enter');
    const lines = tui.lines().map((l) => l.replace(/^[│║]|[│║]$/g, ''));
    expect(lines.filter((l) => /^severity\b/.test(l))).toEqual([expect.stringMatching(/^severity +warn \(as logged: INFO\) *$/)]);
    const name = lines.findIndex((l) => l.startsWith('externalSessionIdOfThe'));
    expect(lines[name]!.trimEnd()).toBe('externalSessionIdOfTheOktaSession');
    const column = lines[name + 1]!.indexOf('idx7tlQ2');
    expect(column).toBeGreaterThan(8);
    expect(lines.find((l) => l.startsWith('client'))!.indexOf('Okta Verify')).toBe(column);
    expect(lines.some((l) => /^outcome *$/.test(l))).toBe(true);
  });

  it('hypothesis evidence: supports and contradicts with why; Enter jumps the timeline to the event', async () => {
    const store = storeFor(cert);
    tui = await renderTui(store, { columns: 120, rows: 40 });
    await tui.press('tab', 'enter');
    expect(tui.frame()).toContain('Evidence (27) · Enter jumps to the event');
    expect(tui.frame()).toMatch(/>\+ 2026-\d\d-\d\d [\d:.]+Z D /);
    await tui.press('j', 'enter');
    const target = store.getState().analysis.hypotheses[0]!.evidence[1]!.eventId;
    expect(store.getState().cursor?.id).toBe(target);
    expect(tui.frame()).toContain('▶ Timeline');
  });

  it('help lists every binding of the key table and scrolls', async () => {
    tui = await renderTui(storeFor(cert), { columns: 120, rows: 40 });
    await tui.press('?');
    let seen = tui.frame();
    await tui.press('G');
    seen += tui.frame();
    for (const b of KEY_TABLE) expect(seen).toContain(`${keyLabel(b.keys)}`);
    for (const b of KEY_TABLE) expect(seen).toContain(b.description.slice(0, 30));
    await tui.press('?');
    expect(tui.frame()).not.toContain('Keys ');
  });

  it('help: G shows a full last page, ending in the legend of the marks on screen', async () => {
    tui = await renderTui(storeFor(cert), { columns: 80, rows: 24 });
    await tui.press('?', 'G');
    const rows = () => tui!.lines().filter((l) => /^║\S/.test(l));
    expect(rows().at(-1)).toMatch(/^║… +cut to fit: o \(step\), Enter \(event\), i \(notes\) show it all *║$/);
    // Every mark's line is whole at 80 columns.
    for (const { mark } of LEGEND) expect(rows().find((l) => l.startsWith(`║${mark} `))).toMatch(/[^…]║$/);
    expect(rows().length).toBeGreaterThan(10);
    expect(tui.frame()).toMatch(/Keys \d+-(\d+)\/\1 /);
    await tui.press('k');
    expect(rows().at(-1)).not.toMatch(/^║… +cut to fit/);
  });

  it('help explains every mark the panes draw: evidence counts, clock correction, severities, search hits, histogram', async () => {
    tui = await renderTui(storeFor(cert), { columns: 120, rows: 40 });
    await tui.press('?', 'G');
    const f = tui.frame();
    expect(f).toContain('Marks on screen');
    expect(f).toMatch(/\+12-0\?1 +evidence: 12 events support, 0 contradict, 1 fact unknown/);
    expect(f).toMatch(/~ +after a time: moved by the measured Mac clock offset/);
    expect(f).toMatch(/· W E +severity: info, warning, error/);
    expect(f).toMatch(/\* +a timeline event that matches the search/);
    expect(f).toMatch(/! \+ +histogram, no colour: a slice with errors \/ with warnings/);
  });

  it('search prompt: shows what is typed, then the matches', async () => {
    tui = await renderTui(storeFor(cert), { columns: 120, rows: 40 });
    await tui.press('/');
    await tui.type('okta');
    expect(tui.lines().at(-1)).toContain('/okta▏  Enter search · Esc cancel');
    await tui.press('enter');
    expect(tui.frame()).toMatch(/Timeline \d+\/41 · \/okta \d+/);
    expect(tui.frame()).toMatch(/\d+ matches/);
    expect(tui.frame()).toMatch(/^║\*/m);
    await tui.press('N');
    expect(tui.lines().at(-1)).toMatch(/^match (\d+)\/\1 · search wrapped to the last match/);
    await tui.press('m');
    expect(tui.frame()).toMatch(/Timeline \d+\/\d+ · only \/okta\/ ═/);
    await tui.press('/');
    await tui.type('zzzz-nothing');
    await tui.press('enter');
    expect(tui.frame()).toContain('no events (check the filters: 1-3, v, m shows more than the matches)');
  });

  it('probe confirmation shows the exact command; the walkthrough walks its five stages', async () => {
    const store = storeFor(cert, { transport: fixedTransport({}) });
    selectProbeStep(store);
    tui = await renderTui(store, { columns: 120, rows: 40 });
    await tui.press('r');
    expect(tui.frame()).toContain('Run this read-only probe on the Mac?');
    expect(tui.frame()).toContain('$ /usr/bin/log show --style ndjson --info --last 1h');
    await tui.press('escape', 'w');
    const stages = ['Confirm the device', 'Gather evidence', 'Read each hypothesis', 'Run the next probe', 'Check the evidence before escalating'];
    const expected = ['Serial    C02FX1TLQ6L4', 'Probes not run:', '1. LIKELY The Mac rejects', 'Press r to run it', 'Ready to escalate'];
    for (const [i, title] of stages.entries()) {
      expect(tui.frame()).toContain(`Walkthrough ${i + 1}/5: ${title}`);
      expect(tui.frame()).toContain(expected[i]);
      await tui.press('enter');
    }
    await tui.press('escape');
    expect(tui.frame()).toContain('Hypotheses 1/18');
  });
});

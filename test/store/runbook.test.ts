import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioDir } from '../../src/emulators/index.js';
import { openRecordedTransport } from '../../src/sources/mac/ssh/recorded-transport.js';
import { remoteCommand } from '../../src/sources/mac/ssh/commands.js';
import { evidenceOf } from '../../src/sources/mac/ssh/collect.js';
import { runbookSteps, selectedStep } from '../../src/store/selectors/runbook.js';
import type { JournalEntry } from '../../src/store/types.js';
import { runExitCleanups } from '../../src/io/exit-cleanup.js';
import { INTERRUPTED } from '../../src/sources/mac/run-step.js';
import { fixedTransport, hangingTransport, loadScenario, loadScenarioWithout, selectProbeStep, storeFor } from '../helpers/console-fixtures.js';

const cert = await loadScenario('cert-chain-break');

const sha = (t: string) => createHash('sha256').update(t).digest('hex');

describe('runbook: copy and marks', () => {
  it("copies the selected step's command, the next step by default", () => {
    const store = storeFor(cert);
    expect(store.getState().copyCommand()).toBe(store.getState().analysis.hypotheses[0]!.next.command);
    expect(store.getState().message).toMatch(/^copied: /);
    store.getState().setFocus('runbook');
    store.getState().move(1);
    expect(store.getState().copyCommand()).toBe(runbookSteps(store.getState())[1]!.command);
  });

  it('marks the selected step done or skipped; the same key again clears the mark', () => {
    const store = storeFor(cert);
    const key = selectedStep(store.getState())!.key;
    store.getState().markStep('done');
    expect(store.getState().marks[key]).toBe('done');
    expect(selectedStep(store.getState())?.mark).toBe('done');
    store.getState().markStep('skipped');
    expect(store.getState().marks[key]).toBe('skipped');
    store.getState().markStep('skipped');
    expect(store.getState().marks[key]).toBeUndefined();
  });
});

describe('runbook: running a probe', () => {
  it('r asks for confirmation, then runs the probe through the transport, adds its output as evidence and re-ranks', async () => {
    const loaded = await loadScenarioWithout('clock-skew', ['probes/sntp.txt', 'probes/date-utc.txt']);
    const journal: JournalEntry[] = [];
    const transport = openRecordedTransport(join(scenarioDir('clock-skew'), 'device'));
    const store = storeFor(loaded, { transport, journal: (e) => journal.push(e) });
    const before = store.getState().analysis.hypotheses.find((h) => h.id === 'clock-skew')!;
    expect(before.verdict).not.toBe('likely');
    store.getState().selectHypothesis('clock-skew');
    expect(selectedStep(store.getState())?.probe).toBe('sntp');

    store.getState().requestRun();
    expect(store.getState().overlay).toEqual({ kind: 'confirm', stepKey: 'probe:sntp' });
    await store.getState().confirmRun();

    const s = store.getState();
    const after = s.analysis.hypotheses.find((h) => h.id === 'clock-skew')!;
    expect(after.verdict).toBe('likely');
    expect(after.score).toBeGreaterThan(before.score);
    expect(s.analysis.hypotheses[0]!.id).toBe('clock-skew');
    expect(s.analysis.timeline.some((e) => e.id === 'device:probe:sntp')).toBe(true);
    expect(s.analysis.clock.basis).toBe('sntp');
    expect(s.sourceStates['device']!.events).toBe(loaded.analysis.sources.find((x) => x.name === 'device')!.events + 1);
    expect(s.run).toMatchObject({ state: 'ok', stepKey: 'probe:sntp', events: 1 });
    expect(s.marks['probe:sntp']).toBe('done');
    const text = readFileSync(join(scenarioDir('clock-skew'), 'device', 'probes', 'sntp.txt'), 'utf8');
    const entry: JournalEntry = { at: '2026-11-20T15:00:00.000Z', step: "Measure the Mac's clock offset", command: '/usr/bin/sntp time.apple.com', exitCode: 0, outputSha256: sha(text) };
    expect(s.journalEntries).toEqual([entry]);
    expect(journal).toEqual([entry]);
  });

  it('a command the transport cannot answer fails with its reason, in the journal too', async () => {
    const loaded = await loadScenarioWithout('clock-skew', ['probes/sntp.txt', 'probes/date-utc.txt']);
    const journal: JournalEntry[] = [];
    const transport = openRecordedTransport(join(loaded.dir, 'device'));
    const store = storeFor(loaded, { transport, journal: (e) => journal.push(e) });
    store.getState().selectHypothesis('clock-skew');
    store.getState().requestRun();
    await store.getState().confirmRun();
    expect(store.getState().run).toMatchObject({ state: 'failed', error: expect.stringMatching(/no recorded output/) });
    expect(journal[0]).toMatchObject({ exitCode: null, outputSha256: sha(''), error: expect.stringMatching(/no recorded output/) });
    expect(store.getState().marks['probe:sntp']).toBeUndefined();
  });

  it('a failing command keeps its failure line; its output is not evidence when it is only an error', async () => {
    const transport = fixedTransport({ exitCode: 127, stderr: 'zsh: command not found: sntp' });
    const store = storeFor(await loadScenarioWithout('clock-skew', ['probes/sntp.txt', 'probes/date-utc.txt']), { transport });
    store.getState().selectHypothesis('clock-skew');
    store.getState().requestRun();
    await store.getState().confirmRun();
    expect(transport.calls).toEqual(['sntp']);
    expect(store.getState().run).toMatchObject({ state: 'failed', error: expect.stringMatching(/command missing/) });
    expect(store.getState().journalEntries[0]?.exitCode).toBe(127);
    const judged = evidenceOf(remoteCommand('sntp'), { stdout: 'sntp: no servers\n', stderr: '', exitCode: 1, truncated: false, startedAtMs: 0, endedAtMs: 0 });
    expect(judged.text).toBe('sntp: no servers\n');
    expect(judged.failure).toBeDefined();
  });

  it('says why a step cannot run: not a probe, or no connection to the Mac', () => {
    const store = storeFor(cert, { transport: fixedTransport({}) });
    store.getState().setFocus('runbook');
    const command = runbookSteps(store.getState()).findIndex((x) => x.kind === 'command');
    store.getState().move(command);
    store.getState().requestRun();
    expect(store.getState().overlay).toBeNull();
    expect(store.getState().message).toMatch(/run it yourself/);

    const offline = storeFor(cert);
    selectProbeStep(offline);
    offline.getState().requestRun();
    expect(offline.getState().overlay).toBeNull();
    expect(offline.getState().message).toMatch(/no connection to the Mac/);
  });

  it('refuses a second run while one is running; cancelling aborts the signal', async () => {
    let seen: AbortSignal | undefined;
    const transport = fixedTransport(
      (signal) =>
        new Promise((_resolve, reject) => {
          seen = signal;
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
    );
    const store = storeFor(cert, { transport });
    selectProbeStep(store);
    store.getState().requestRun();
    const done = store.getState().confirmRun();
    expect(store.getState().run.state).toBe('running');
    store.getState().requestRun();
    expect(store.getState().message).toMatch(/already running/);
    store.getState().cancelRun();
    await done;
    expect(seen?.aborted).toBe(true);
    expect(store.getState().run).toMatchObject({ state: 'failed', error: 'cancelled' });
    expect(store.getState().journalEntries[0]).toMatchObject({ error: 'cancelled', exitCode: null });
    store.getState().cancelRun();
    await store.getState().confirmRun();
    expect(store.getState().journalEntries).toHaveLength(1);
  });

  it('a probe still running when trustline ends (hang-up, signal, quit) leaves its line in the journal (issue 17, item 2)', async () => {
    const journal: JournalEntry[] = [];
    const store = storeFor(cert, { transport: hangingTransport(), journal: (e) => journal.push(e) });
    selectProbeStep(store);
    const step = selectedStep(store.getState())!;
    store.getState().requestRun();
    const done = store.getState().confirmRun();
    expect(journal).toEqual([]);
    // What every exit path runs (src/terminal/screen.ts, src/cli/main.ts).
    runExitCleanups();
    expect(journal).toEqual([{ at: '2026-11-20T15:00:00.000Z', step: step.title, command: expect.any(String), exitCode: null, outputSha256: sha(''), error: INTERRUPTED }]);
    store.getState().cancelRun();
    await done;
    expect(journal.map((e) => e.error)).toEqual([INTERRUPTED, 'cancelled']);
  });

  it('a probe that ended leaves nothing for the exit clean-ups', async () => {
    const journal: JournalEntry[] = [];
    const store = storeFor(cert, { transport: fixedTransport({ stdout: 'x\n' }), journal: (e) => journal.push(e) });
    selectProbeStep(store);
    store.getState().requestRun();
    await store.getState().confirmRun();
    runExitCleanups();
    expect(journal).toHaveLength(1);
    expect(journal[0]?.error).not.toBe(INTERRUPTED);
  });
});

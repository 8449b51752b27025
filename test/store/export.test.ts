import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { makeReport } from '../../src/report/make-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { writeReportFile } from '../../src/report/report-file.js';
import { runbookSteps } from '../../src/store/selectors/runbook.js';
import type { ReportSnapshot } from '../../src/store/types.js';
import { fixedTransport, loadScenario, selectProbeStep, storeFor } from '../helpers/console-fixtures.js';
import { renderTui } from '../helpers/render-tui.js';
import { tempDir } from '../helpers/temp-files.js';

const scenario = await loadScenario('clock-skew');

describe('the export key', () => {
  it('writes the report of what the console shows, probes run here included, and says where', async () => {
    const dir = tempDir();
    const snapshots: ReportSnapshot[] = [];
    const store = storeFor(scenario, {
      transport: fixedTransport({ stdout: 'sntp 4.2.8\n-301.5 +/- 0.05 time.apple.com 17.253.6.253\n' }),
      exportReport: async (snapshot) => {
        snapshots.push(snapshot);
        const made = await makeReport(snapshot.analysis, { redact: true, journal: snapshot.journalEntries, outputs: snapshot.outputs, env: { TRUSTLINE_PSEUDONYM_KEY: 'export-test-key-000000001' } });
        return writeReportFile(renderMarkdown(made.report), made.report, { TRUSTLINE_REPORT_DIR: dir });
      },
    });
    selectProbeStep(store);
    store.getState().requestRun();
    await store.getState().confirmRun();
    const tui = await renderTui(store, { columns: 100, rows: 30 });
    try {
      await tui.press('x');
      await vi.waitFor(() => expect(store.getState().message).toMatch(/^report written to /));
      await tui.press();
      expect(tui.frame()).toContain('report written to');
      const path = store.getState().message!.replace('report written to ', '');
      const md = readFileSync(path, 'utf8');
      expect(md).toContain('(run from the console at 2026-11-20T15:00:00.000Z, exit 0)');
      expect(md).toContain('-301.5 +/- 0.05 time.apple.com 17.253.6.253');
      expect(snapshots[0]!.journalEntries).toHaveLength(1);
      expect(store.getState().exporting).toBe(false);
    } finally {
      tui.unmount();
    }
  });

  it('lists a failed run as having no output (not the digest of nothing) and the steps marked done or skipped', async () => {
    const dir = tempDir();
    const store = storeFor(scenario, {
      transport: fixedTransport(() => Promise.reject(new Error('ssh: connect to host mac: Connection refused'))),
      exportReport: async (snapshot) => {
        const made = await makeReport(snapshot.analysis, { redact: false, journal: snapshot.journalEntries, outputs: snapshot.outputs, steps: snapshot.steps });
        return writeReportFile(renderMarkdown(made.report), made.report, { TRUSTLINE_REPORT_DIR: dir });
      },
    });
    selectProbeStep(store);
    store.getState().requestRun();
    await store.getState().confirmRun();
    expect(store.getState().run.state).toBe('failed');
    const steps = runbookSteps(store.getState());
    store.setState({ selectedStep: steps[0]!.key });
    store.getState().markStep('done');
    store.setState({ selectedStep: steps[1]!.key });
    store.getState().markStep('skipped');
    await store.getState().exportReport();
    const md = readFileSync(store.getState().message!.replace('report written to ', ''), 'utf8');
    expect(md).toMatch(/Failed: ssh: connect to host mac: Connection refused\n\nNo output\.\n/);
    expect(md).not.toContain(createHash('sha256').update('').digest('hex'));
    expect(md).toContain(`## Runbook steps marked\n\n- done: ${steps[0]!.title}\n- skipped: ${steps[1]!.title}\n`);
  });

  it('a missing report folder: one line, the reason first, whole in the hint bar at 80 columns', async () => {
    const store = storeFor(scenario, {
      exportReport: async (snapshot) => {
        const made = await makeReport(snapshot.analysis, { redact: false });
        return writeReportFile(renderMarkdown(made.report), made.report, { TRUSTLINE_REPORT_DIR: '/nonexistent/dir' });
      },
    });
    const tui = await renderTui(store, { columns: 80, rows: 24 });
    try {
      await tui.press('x');
      await vi.waitFor(() => expect(store.getState().exporting).toBe(false));
      await tui.press();
      expect(store.getState().message).toBe('report not written: no such directory: /nonexistent/dir');
      expect(tui.lines().at(-1)).toContain('report not written: no such directory: /nonexistent/dir  │');
    } finally {
      tui.unmount();
    }
  });

  it('says why when the report cannot be written', async () => {
    const store = storeFor(scenario, { exportReport: () => Promise.reject(new Error('EACCES: permission denied')) });
    await store.getState().exportReport();
    expect(store.getState().message).toBe('report not written: EACCES: permission denied');
  });
});

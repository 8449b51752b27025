import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { makeReport } from '../../src/report/make-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { writeReportFile } from '../../src/report/report-file.js';
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

  it('says why when the report cannot be written', async () => {
    const store = storeFor(scenario, { exportReport: () => Promise.reject(new Error('EACCES: permission denied')) });
    await store.getState().exportReport();
    expect(store.getState().message).toBe('report not written: EACCES: permission denied');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { makeReport } from '../../src/report/make-report.js';
import { renderMarkdown } from '../../src/report/markdown-report.js';
import { writeReportFile } from '../../src/report/report-file.js';
import { eventDetailLines } from '../../src/store/selectors/detail.js';
import { runbookSteps } from '../../src/store/selectors/runbook.js';
import { safeLine } from '../../src/text/boundary.js';
import type { JournalEntry } from '../../src/store/types.js';
import { fixedTransport, loadBundle, storeFor } from '../helpers/console-fixtures.js';
import { renderTui } from '../helpers/render-tui.js';
import { tempDir, writeTree } from '../helpers/temp-files.js';
import { expectClean, hostileCases } from './cases.js';

const ENV = { TRUSTLINE_PSEUDONYM_KEY: 'hostile-test-pseudonym-key-0001' };

/** hostile-console-1…3.test.tsx (one file per shard) each run every SHARDS-th case: about a minute of rendering, shared by two workers. */
export const SHARDS = 3;

/**
 * The console over each hostile bundle: the first frame, the detail of one event of every file (every
 * field and key of that record type), the top hypothesis' evidence, a probe run whose output is hostile
 * too, the exported report and the walkthrough. No frame may hold a raw control or format character.
 */
export function hostileConsoleSuite(shard: number): void {
  const cases = hostileCases().filter((_, i) => i % SHARDS === shard);
  describe(`hostile strings in the console (cases ${shard + 1}, ${shard + 1 + SHARDS}, …)`, () => {
    it.each(cases.map((c) => [c.name, c] as const))('%s: no frame, export or journal line carries a raw control character', async (_name, c) => {
      const loaded = await loadBundle(writeTree(c.files));
      const h = c.files['meta.json'] ? (JSON.parse(c.files['meta.json']) as { hostname: string }).hostname : '';
      const journal: JournalEntry[] = [];
      const reportDir = tempDir();
      const store = storeFor(loaded, {
        transport: fixedTransport({ stdout: `${h}\n-94.218342 +/- 0.050000 ${h} 17.253.6.253\n`, stderr: h }),
        journal: (entry) => void journal.push(entry),
        exportReport: async (snapshot) => {
          const made = await makeReport(snapshot.analysis, { redact: true, journal: snapshot.journalEntries, outputs: snapshot.outputs, env: ENV });
          return writeReportFile(renderMarkdown(made.report), made.report, { TRUSTLINE_REPORT_DIR: reportDir });
        },
      });
      const tui = await renderTui(store, { columns: 100, rows: 50 });
      const check = (what: string): void => expectClean(tui.raw(), `${c.name}: ${what}`);
      try {
        check('first frame');
        // Every line of every event's detail (a frame shows what fits; these are all of them), as the overlay prepares them.
        const s = store.getState();
        const details = s.analysis.timeline.flatMap((e) => eventDetailLines(e, 'utc', s.zones).map((l) => `${safeLine(l.label)} ${safeLine(l.value, 4000)}`));
        expectClean(details.join('\n'), `${c.name}: event details`);
        const firstOfFile = new Map<string, string>();
        for (const e of store.getState().analysis.timeline) if (!firstOfFile.has(e.raw.file)) firstOfFile.set(e.raw.file, e.id);
        expect(firstOfFile.size).toBeGreaterThanOrEqual(15);
        for (const [file, id] of firstOfFile) {
          store.getState().jumpToEvent(id);
          store.getState().activate();
          await tui.press();
          expect(store.getState().overlay?.kind).toBe('event');
          check(`detail of ${file}`);
          store.getState().escape();
        }
        store.getState().setFocus('hypotheses');
        store.getState().activate();
        await tui.press();
        expect(store.getState().overlay?.kind).toBe('hypothesis');
        check('hypothesis evidence');
        store.getState().escape();

        // A probe whose output is hostile: its event, the re-ranking and the journal line.
        const sntp = runbookSteps(store.getState()).find((s) => s.probe === 'sntp') ?? runbookSteps(store.getState()).find((s) => s.probe !== undefined);
        if (sntp) {
          store.setState({ selectedStep: sntp.key });
          store.getState().requestRun();
          await store.getState().confirmRun();
          await tui.press();
          check('after a probe run');
          expect(journal).toHaveLength(1);
        }
        await tui.press('x');
        await vi.waitFor(() => expect(store.getState().message).toMatch(/^report written to /));
        await tui.press();
        check('after the export');
        const path = store.getState().message!.replace(/^report written to /, '');
        expectClean(readFileSync(path, 'utf8'), `${c.name}: exported report`);
        await tui.press('w');
        for (let stage = 0; stage < 5; stage++) {
          check(`walkthrough stage ${stage + 1}`);
          await tui.press('enter');
        }
      } finally {
        tui.unmount();
      }
    }, 30_000);
  });
}

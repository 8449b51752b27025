import { markedSteps } from '../selectors/runbook.js';
import type { ExportSlice, SliceArgs } from '../types.js';

/** The `x` key: the incident report of what the console shows, written by the session's writer. */
export function exportSlice({ set, get, init }: SliceArgs): ExportSlice {
  return {
    exporting: false,
    async exportReport() {
      const s = get();
      if (!init.exportReport) return set({ message: 'no report export in this session' });
      if (s.exporting) return set({ message: 'the report is being written…' });
      // The hypotheses shown are an earlier ranking (or none) until the ranking ends.
      if (s.ranking === 'ranking') return set({ message: 'ranking… export the report when it ends' });
      set({ exporting: true, message: 'writing the incident report…' });
      try {
        const path = await init.exportReport({ analysis: s.analysis, journalEntries: s.journalEntries, outputs: new Map(Object.entries(s.runOutputs)), steps: markedSteps(s) });
        set({ exporting: false, message: `report written to ${path}` });
      } catch (error) {
        set({ exporting: false, message: `report not written: ${error instanceof Error ? error.message : String(error)}` });
      }
    },
  };
}

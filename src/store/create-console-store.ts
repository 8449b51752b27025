import { createStore, type StoreApi } from 'zustand/vanilla';
import { dataSlice } from './slices/data.js';
import { exportSlice } from './slices/export.js';
import { fleetSlice } from './slices/fleet.js';
import { guidedSlice } from './slices/guided.js';
import { navigationSlice } from './slices/navigation.js';
import { pickerSlice } from './slices/picker.js';
import { runbookSlice } from './slices/runbook.js';
import { viewSlice } from './slices/view.js';
import type { ConsoleInit, ConsoleState } from './types.js';

export type ConsoleStore = StoreApi<ConsoleState>;

/**
 * The console's state outside React: the analysis and per-source loading, the view (focus, cursor,
 * filters, search, time mode, overlays), the runbook (marks, runs, journal), the report export and
 * the walkthrough.
 * The initial analysis is ranked with `init.active`.
 */
export function createConsoleStore(init: ConsoleInit): ConsoleStore {
  return createStore<ConsoleState>()((set, get) => {
    const args = { set, get, init };
    const state = { ...dataSlice(args), ...viewSlice(args), ...navigationSlice(args), ...runbookSlice(args), ...exportSlice(args), ...guidedSlice(args), ...fleetSlice(args), ...pickerSlice(args) };
    // Several Macs match: the console opens on the picker.
    return init.candidates && init.candidates.length > 0 ? { ...state, overlay: { kind: 'picker', cursor: 0 } } : state;
  });
}

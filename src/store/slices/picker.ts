import type { PickerSlice, SliceArgs } from '../types.js';

/** Several Macs match the keys given: the console opens on them, and nothing is fetched until one is chosen. */
export function pickerSlice({ set, get, init }: SliceArgs): PickerSlice {
  return {
    candidates: init.candidates ?? [],
    openPicker(candidates) {
      if (candidates.length > 0) set({ candidates, overlay: { kind: 'picker', cursor: 0 } });
    },
    pickerMove(delta) {
      const { overlay: o, candidates } = get();
      if (o?.kind !== 'picker' || candidates.length === 0) return;
      set({ overlay: { kind: 'picker', cursor: Math.min(candidates.length - 1, Math.max(0, o.cursor + delta)) } });
    },
    pickCandidate() {
      const { overlay: o, candidates } = get();
      if (o?.kind !== 'picker' || !candidates[o.cursor]) return;
      set({ overlay: null, message: `fetching ${candidates[o.cursor]![0] ?? 'the Mac'}…` });
      init.onPick?.(o.cursor);
    },
  };
}

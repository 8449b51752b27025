import type { PickerSlice, SliceArgs } from '../types.js';

/** Several Macs match the keys given: the console opens on them, and nothing is fetched until one is chosen. */
export function pickerSlice({ set, get, init }: SliceArgs): PickerSlice {
  const candidates = init.candidates ?? [];
  return {
    candidates,
    pickerMove(delta) {
      const o = get().overlay;
      if (o?.kind !== 'picker' || candidates.length === 0) return;
      set({ overlay: { kind: 'picker', cursor: Math.min(candidates.length - 1, Math.max(0, o.cursor + delta)) } });
    },
    pickCandidate() {
      const o = get().overlay;
      if (o?.kind !== 'picker' || !candidates[o.cursor]) return;
      set({ overlay: null, message: `fetching ${candidates[o.cursor]![0] ?? 'the Mac'}…` });
      init.onPick?.(o.cursor);
    },
  };
}

import type { GuidedSlice, SliceArgs } from '../types.js';

export const GUIDED_STAGE_COUNT = 5;

export function guidedSlice({ set, get, init }: SliceArgs): GuidedSlice {
  return {
    guided: init.guided ?? false,
    guidedStage: 0,
    guidedOffset: 0,
    guidedMaxOffset: 0,
    toggleGuided() {
      const on = !get().guided;
      set({ guided: on, guidedStage: 0, guidedOffset: 0, overlay: null });
    },
    setGuidedStage(stage) {
      set({ guidedStage: Math.max(0, Math.min(GUIDED_STAGE_COUNT - 1, Math.floor(stage))), guidedOffset: 0 });
    },
    setGuidedMaxOffset(max) {
      const m = Math.max(0, Math.floor(max));
      const s = get();
      if (m !== s.guidedMaxOffset || s.guidedOffset > m) set({ guidedMaxOffset: m, guidedOffset: Math.min(s.guidedOffset, m) });
    },
  };
}

import type { FleetSlice, SliceArgs } from '../types.js';

export function fleetSlice({ set, get }: SliceArgs): FleetSlice {
  return {
    fleet: { state: 'idle' },
    setFleet(fleet) {
      set({ fleet });
    },
    toggleFleet() {
      const s = get();
      if (s.overlay?.kind === 'fleet') return set({ overlay: null });
      if (s.fleet.state === 'idle') return set({ message: 'no Fleet view: it needs the Okta System Log (a live or demo console)' });
      set({ overlay: { kind: 'fleet', offset: 0 }, guided: false });
    },
  };
}

import type { Analysis, Hypothesis } from '../model/analysis.js';
import { FactBook } from './facts.js';
import { DeviceIdentitySet } from './identity.js';
import { combinePacks, readBuiltinPack, readPackDirectory } from './load-pack.js';
import { EventIndex } from './matcher.js';
import { durationMs } from '../time/duration.js';
import type { HypothesisDefinition } from './pack-schema.js';
import { rankHypotheses } from './rank.js';

export const DEFAULT_WINDOW_MS = 30_000;

export interface ActiveHypotheses {
  hypotheses: HypothesisDefinition[];
  windowMs: number;
}

/**
 * The hypotheses to rank: the built-in pack plus an organisation rules directory. Every pack is
 * validated before any is applied, so an invalid one changes nothing. `window` (a duration)
 * overrides the packs' correlation window.
 */
export async function loadHypotheses(options: { rulesDir?: string | undefined; window?: string | undefined }): Promise<ActiveHypotheses> {
  const builtin = await readBuiltinPack();
  const extra = options.rulesDir ? (await readPackDirectory(options.rulesDir)).map((p) => p.pack) : [];
  const combined = combinePacks(builtin, extra);
  const window = options.window ?? combined.window;
  return { hypotheses: combined.hypotheses, windowMs: window ? durationMs(window) : DEFAULT_WINDOW_MS };
}

/** Ranks the hypotheses against an analysis' timeline and device state. Pure: no I/O. */
export function triage(analysis: Analysis, active: ActiveHypotheses): Hypothesis[] {
  const index = new EventIndex(analysis.timeline);
  return rankHypotheses(active.hypotheses, {
    analysis,
    index,
    facts: new FactBook(analysis),
    identity: new DeviceIdentitySet(analysis),
    windowMs: active.windowMs,
  });
}

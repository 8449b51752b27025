import type { TimelineEvent } from '../model/event.js';

export type FactValue = boolean | number | string;

/**
 * A derived fact is three-valued: known (with the events that show it) or unknown (with why).
 * A fact the evidence cannot establish is never false.
 */
export type FactResult =
  | { state: 'known'; value: FactValue; events: readonly TimelineEvent[] }
  | { state: 'unknown'; why: string };

/**
 * A fact an adapter derives from its state. Names are role-generic (`mdm.managed`, `idp.device.managed`,
 * `endpoint.clock.offset-seconds`) or prefixed with the adapter id (`<id>.check-in-age-hours`) for organisation packs.
 */
export interface FactDeclaration {
  name: string;
  /** Plain words for reports and the pack reference. */
  description: string;
  type: 'boolean' | 'number' | 'string';
  /** Facts that take an argument (a profile-name pattern) say what it is. */
  arg?: string;
}

/** How the diagnosis reads facts: every adapter's facts, evaluated once per analysis. */
export interface FactLookup {
  get(name: string, arg?: string): FactResult;
  declared(): readonly FactDeclaration[];
}

import type { FactTest, Thresholds } from './pack-schema.js';

/** A field condition, ready to test a field value. */
export type FieldTest = (value: string | number | boolean | null | undefined) => boolean;

/** A matcher with its lists expanded and its patterns compiled. */
export interface CompiledMatcher {
  /** Roles or adapter ids; empty = any source. */
  sources: readonly string[];
  /** Kind patterns (vendor or generic, `prefix*`); empty = any kind. */
  kinds: readonly string[];
  severities: readonly string[];
  fields: readonly (readonly [string, FieldTest])[];
  text: RegExp | undefined;
  mine: boolean;
}

export type Relation = { type: 'near' | 'before' | 'after'; anchor: string; withinMs: number };

export interface Finding {
  id: string;
  why: string;
  whyNot: string;
  leak: number;
  form: 'match' | 'absent' | 'fact';
  matcher: CompiledMatcher | undefined;
  fact: FactTest | undefined;
  count: number;
  relation: Relation | undefined;
}

export interface Cause {
  id: string;
  title: string;
  explanation: string;
  prior: number;
  /** Finding id → link probability. */
  produces: ReadonlyMap<string, number>;
  excludedBy: readonly string[];
  /** Findings it produces that must be present before it is likely (its premises). */
  requires: readonly string[];
  steps: readonly string[];
  remedy: string;
}

export interface Step {
  id: string;
  title: string;
  checks: string;
  kind: 'probe' | 'command' | 'console';
  /** The probe name, the command, or the console path. */
  action: string;
  confirms: string;
  refutes: string;
  expect: string | undefined;
  settles: readonly string[];
  cost: number;
}

/** Every loaded pack merged and checked: what the engine runs. */
export interface DiagnosisModel {
  thresholds: Required<Thresholds>;
  /** Anchors before the findings related to them. */
  findings: readonly Finding[];
  /** Sorted by id: nothing depends on the order of the pack files. */
  causes: readonly Cause[];
  steps: ReadonlyMap<string, Step>;
}

export const DEFAULT_THRESHOLDS = { likely: 0.8, margin: 4, ruledOut: 0.03, reversal: 0.2 } as const satisfies Thresholds;
export const DEFAULT_WINDOW_MS = 30_000;
export const DEFAULT_COST = { probe: 1, console: 2, command: 3 } as const;

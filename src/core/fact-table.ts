import type { FactDeclaration, FactLookup, FactResult, FactValue } from './facts.js';
import type { TimelineEvent } from '../model/event.js';

/** A fact that takes an argument (a profile-name pattern), evaluated when asked. */
export type FactWithArg = (arg: string | undefined) => FactResult;

/** What one adapter derived: plain facts, and facts that take an argument. */
export interface DerivedFacts {
  values: Map<string, FactResult>;
  withArg: Map<string, FactWithArg>;
}

export function emptyFacts(): DerivedFacts {
  return { values: new Map(), withArg: new Map() };
}

export function known(value: FactValue, events: readonly (TimelineEvent | undefined)[]): FactResult {
  return { state: 'known', value, events: events.filter((e): e is TimelineEvent => e !== undefined) };
}

export function unknown(why: string): FactResult {
  return { state: 'unknown', why };
}

/** Sets a generic fact and its vendor alias (when the adapter gives one) to the same result. */
export function setFact(into: DerivedFacts, names: readonly string[], result: FactResult): void {
  for (const name of names) into.values.set(name, result);
}

/**
 * Every adapter's facts for one analysis: evaluated once, looked up by name. A name no adapter
 * declares is unknown with that reason; a declared fact the evidence cannot establish is unknown with
 * the adapter's reason, never false.
 */
export class FactTable implements FactLookup {
  constructor(
    private readonly declarations: readonly FactDeclaration[],
    private readonly derived: DerivedFacts,
  ) {}

  get(name: string, arg?: string): FactResult {
    const withArg = this.derived.withArg.get(name);
    if (withArg) return withArg(arg);
    const value = this.derived.values.get(name);
    if (value) return value;
    if (!this.declarations.some((d) => d.name === name)) return unknown(`no source declares the fact ${name}`);
    return unknown(`no evidence for ${name}`);
  }

  declared(): readonly FactDeclaration[] {
    return this.declarations;
  }

  /** A new table with one adapter's facts derived again (a probe ran); the others are kept. */
  replacing(fresh: DerivedFacts): FactTable {
    const values = new Map(this.derived.values);
    for (const [k, v] of fresh.values) values.set(k, v);
    const withArg = new Map(this.derived.withArg);
    for (const [k, v] of fresh.withArg) withArg.set(k, v);
    return new FactTable(this.declarations, { values, withArg });
  }
}

/** One table from several adapters' facts (later adapters do not overwrite earlier ones). */
export function mergeFacts(parts: readonly DerivedFacts[]): DerivedFacts {
  const out = emptyFacts();
  for (const p of parts) {
    for (const [k, v] of p.values) if (!out.values.has(k) || out.values.get(k)!.state === 'unknown') out.values.set(k, v);
    for (const [k, v] of p.withArg) if (!out.withArg.has(k)) out.withArg.set(k, v);
  }
  return out;
}

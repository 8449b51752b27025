import type { SourceAdapter } from '../core/adapter.js';
import type { FactDeclaration } from '../core/facts.js';
import { genericKindMapper, type KindDeclaration } from '../core/kinds.js';
import { jamfAdapter } from './jamf/adapter.js';
import { macAdapter } from './mac/adapter.js';
import { oktaAdapter } from './okta/adapter.js';

/** The sources trustline reads, in display order (keys 1..n, header, timeline ties). One line per adapter. */
const BUILT_IN: readonly SourceAdapter[] = [jamfAdapter, oktaAdapter, macAdapter];

let adapters: readonly SourceAdapter[] = BUILT_IN;

export function sourceAdapters(): readonly SourceAdapter[] {
  return adapters;
}

export function adapterOf(id: string): SourceAdapter | undefined {
  return adapters.find((a) => a.id === id);
}

/** Every kind some adapter emits: a pack naming any other kind fails to load. */
export function declaredKinds(): KindDeclaration[] {
  return adapters.flatMap((a) => a.kinds);
}

const mappers = new WeakMap<SourceAdapter, (kind: string) => string>();

/** The generic kind of a source's vendor kind, from its declarations (events built outside a reader: tests, tools). */
export function genericOf(sourceId: string, kind: string): string {
  const adapter = adapterOf(sourceId);
  if (!adapter) throw new Error(`no source ${sourceId}`);
  let mapper = mappers.get(adapter);
  if (!mapper) {
    mapper = genericKindMapper(adapter.kinds);
    mappers.set(adapter, mapper);
  }
  return mapper(kind);
}

/** Every fact some adapter derives. */
export function declaredFacts(): FactDeclaration[] {
  return adapters.flatMap((a) => a.facts);
}

/**
 * Tests only: adds an adapter after the built-in ones, as a registry line would; returns the undo.
 * Proves that a new source needs no change anywhere else.
 */
export function registerAdapterForTest(adapter: SourceAdapter): () => void {
  const before = adapters;
  adapters = [...adapters, adapter];
  return () => {
    adapters = before;
  };
}

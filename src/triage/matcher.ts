import type { SourceName, TimelineEvent } from '../model/event.js';
import type { DeviceIdentitySet } from './identity.js';
import { asList, type EventMatcher } from './pack-schema.js';

export type EventTest = (e: TimelineEvent) => boolean;

/** Events grouped by kind, so a signature only looks at the kinds it names. */
export class EventIndex {
  private readonly byKind = new Map<string, TimelineEvent[]>();
  private readonly bySource = new Map<SourceName, TimelineEvent[]>();

  constructor(readonly events: readonly TimelineEvent[]) {
    for (const e of events) {
      const list = this.byKind.get(e.kind);
      if (list) list.push(e);
      else this.byKind.set(e.kind, [e]);
    }
  }

  /** Events of one kind, in time order. */
  ofKind(kind: string): readonly TimelineEvent[] {
    return this.byKind.get(kind) ?? [];
  }

  /**
   * Runs of events that may match, each in time order: those of the named kinds (exact or
   * `prefix*`), else of the source (indexed on first use), else all events.
   */
  candidates(m: EventMatcher): readonly (readonly TimelineEvent[])[] {
    const kinds = asList(m.kind);
    if (!kinds) return m.source ? [this.ofSource(m.source)] : [this.events];
    const runs: TimelineEvent[][] = [];
    for (const k of kinds) {
      if (k.endsWith('*')) {
        const prefix = k.slice(0, -1);
        for (const [kind, list] of this.byKind) if (kind.startsWith(prefix)) runs.push(list);
      } else {
        const list = this.byKind.get(k);
        if (list) runs.push(list);
      }
    }
    return runs;
  }

  private ofSource(source: SourceName): readonly TimelineEvent[] {
    let list = this.bySource.get(source);
    if (!list) {
      list = this.events.filter((e) => e.source === source);
      this.bySource.set(source, list);
    }
    return list;
  }
}

function fieldTest(name: string, cond: NonNullable<EventMatcher['fields']>[string]): EventTest {
  if (typeof cond === 'object' && !Array.isArray(cond)) {
    const re = new RegExp(cond.re, 'i');
    return (e) => {
      const v = e.fields[name];
      return v !== undefined && v !== null && re.test(String(v));
    };
  }
  const accepted = new Set((Array.isArray(cond) ? cond : [cond]).map(String));
  return (e) => {
    const v = e.fields[name];
    return v !== undefined && v !== null && accepted.has(String(v));
  };
}

/** Compiles a matcher's non-kind conditions into one predicate (kinds are handled by the index). */
export function compileMatcher(m: EventMatcher, identity: DeviceIdentitySet): EventTest {
  const tests: EventTest[] = [];
  if (m.mine) tests.push((e) => identity.includes(e));
  if (m.source) {
    const source = m.source;
    tests.push((e) => e.source === source);
  }
  if (m.severity) {
    const severities = new Set(Array.isArray(m.severity) ? m.severity : [m.severity]);
    tests.push((e) => severities.has(e.severity));
  }
  for (const [name, cond] of Object.entries(m.fields ?? {})) tests.push(fieldTest(name, cond));
  if (m.text) {
    const re = new RegExp(m.text, 'i');
    tests.push((e) => re.test(e.summary));
  }
  if (tests.length === 1) return tests[0]!;
  return (e) => {
    for (const t of tests) if (!t(e)) return false;
    return true;
  };
}

/** The source a matcher is about, from `source` or its kinds' prefix; undefined when it spans sources. */
export function matcherSource(m: EventMatcher): SourceName | undefined {
  if (m.source) return m.source;
  const prefixes = new Set((asList(m.kind) ?? []).map((k) => k.split('.')[0]));
  if (prefixes.size !== 1) return undefined;
  const [only] = prefixes;
  return only === 'jamf' || only === 'okta' || only === 'device' ? only : undefined;
}

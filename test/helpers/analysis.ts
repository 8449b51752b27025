import type { Analysis, SourceSummary } from '../../src/model/analysis.js';
import { compareEvents, type TimelineEvent } from '../../src/model/event.js';
import type { Coverage } from '../../src/core/coverage.js';
import { factInput, factTable } from '../../src/sources/assemble.js';
import { streamKinds } from '../../src/sources/coverage.js';
import { sourceAdapters } from '../../src/sources/registry.js';

/** A registered source's summary, as an analysis lists it (`read`: the source's events, which may shape its command table). */
export function sourceSummary(name: string, status: SourceSummary['status'], events = 0, error?: string, read: readonly TimelineEvent[] = []): SourceSummary {
  const a = sourceAdapters().find((x) => x.id === name);
  if (!a) throw new Error(`no adapter ${name}`);
  return { name, role: a.role, label: a.label, letter: a.letter, shows: a.shows, ...(a.probes ? { probes: a.probes } : {}), ...(a.commands ? { commands: a.commands(read) } : {}), status, events, ...(error ? { error } : {}) };
}

/**
 * What a hand-built timeline shows was read: each stream of a loaded source that has events, complete
 * and unbounded in time (a test that needs windows gives its own coverage).
 */
export function coverageOf(timeline: readonly TimelineEvent[], sources: readonly SourceSummary[]): Coverage[] {
  const out: Coverage[] = [];
  for (const adapter of sourceAdapters()) {
    if (sources.find((s) => s.name === adapter.id)?.status !== 'ok') continue;
    const streams = new Set(timeline.filter((e) => e.source === adapter.id).map((e) => adapter.kinds.find((k) => k.kind === e.kind || (k.kind.endsWith('*') && e.kind.startsWith(k.kind.slice(0, -1))))?.stream));
    for (const stream of streams) if (stream) out.push({ source: adapter.id, role: adapter.role, stream, kinds: streamKinds(adapter.kinds, stream), fromMs: null, untilMs: null, complete: true });
  }
  return out;
}

/**
 * An analysis built by hand for a test: whatever it gives, the rest empty, and facts derived by the
 * registered adapters from its `state` (keyed by adapter id) and timeline, as the assembler does.
 */
export function handAnalysis(parts: Partial<Omit<Analysis, 'facts'>> & { timeline: TimelineEvent[] }): Analysis {
  const timeline = [...parts.timeline].sort(compareEvents);
  const sources =
    parts.sources ??
    sourceAdapters().map((a) => {
      const own = timeline.filter((e) => e.source === a.id);
      return sourceSummary(a.id, 'ok', own.length, undefined, own);
    });
  const state = parts.state ?? {};
  const collectedAtMs = parts.collectedAtMs ?? null;
  const facts = factTable(
    sourceAdapters().map((adapter) => ({
      adapter,
      input: factInput(
        { state: state[adapter.id], present: sources.some((s) => s.name === adapter.id && s.status !== 'missing') },
        timeline.filter((e) => e.source === adapter.id),
        collectedAtMs ?? undefined,
      ),
    })),
  );
  return {
    device: { serial: null, hostname: null, user: null },
    clock: { deviceOffsetMs: null, basis: null, applied: false },
    hypotheses: [],
    identities: [],
    coverage: coverageOf(timeline, sources),
    notes: [],
    ...parts,
    collectedAtMs,
    sources,
    state,
    timeline,
    facts,
  };
}

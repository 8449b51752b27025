import type { FactInput, SourceAdapter, SourceIdentity, SourceRead } from '../core/adapter.js';
import { FactTable, mergeFacts } from '../core/fact-table.js';
import type { Analysis, ClockReading, DeviceIdentity, SourceSummary } from '../model/analysis.js';
import type { ParseContext } from '../model/context.js';
import type { TimelineEvent } from '../model/event.js';
import { mergeSortedRuns, sortRun } from '../timeline/merge.js';

const NO_CLOCK: ClockReading = { deviceOffsetMs: null, basis: null, applied: false };

/** ok, partial (something failed, something usable was read), error (nothing usable) or missing. */
export function summarize(adapter: SourceAdapter, read: SourceRead): SourceSummary {
  const base = { name: adapter.id, role: adapter.role, label: adapter.label, letter: adapter.letter, shows: adapter.shows, ...(adapter.probes ? { probes: adapter.probes } : {}), ...(adapter.commands ? { commands: adapter.commands(read.events) } : {}) };
  if (!read.present) return { ...base, status: 'missing', events: 0 };
  const fatal = read.reports.map((r) => r.fatal).filter((f): f is string => f !== undefined);
  if (fatal.length === 0) {
    const stopped = read.reports.find((r) => r.stopped !== undefined)?.stopped;
    if (stopped !== undefined) return { ...base, status: 'partial', events: read.events.length, error: stopped };
    return { ...base, status: 'ok', events: read.events.length };
  }
  const more = fatal.length > 1 ? ` (and ${fatal.length - 1} more file${fatal.length > 2 ? 's' : ''})` : '';
  return { ...base, status: read.events.length > 0 || read.usable === true ? 'partial' : 'error', events: read.events.length, error: `${fatal[0]}${more}` };
}

function identify(ctx: ParseContext, identities: readonly SourceIdentity[]): DeviceIdentity {
  const first = (pick: (i: SourceIdentity) => string | undefined): string | null => identities.map(pick).find((v) => v !== undefined) ?? null;
  return {
    serial: ctx.serial ?? first((i) => i.serial),
    hostname: ctx.hostname ?? first((i) => i.hostname),
    user: ctx.user ?? first((i) => i.owner),
  };
}

/** Events of one kind, indexed on first use (one pass over the source's sorted events). */
function kindLookup(events: readonly TimelineEvent[]): (kind: string) => readonly TimelineEvent[] {
  let byKind: Map<string, TimelineEvent[]> | undefined;
  return (kind) => {
    if (!byKind) {
      byKind = new Map();
      for (const e of events) {
        const list = byKind.get(e.kind);
        if (list) list.push(e);
        else byKind.set(e.kind, [e]);
      }
    }
    return byKind.get(kind) ?? [];
  };
}

export function factInput<State>(read: Pick<SourceRead<State>, 'state' | 'present'>, sorted: readonly TimelineEvent[], collectedAtMs: number | undefined): FactInput<State> {
  return { state: read.state, present: read.present, events: sorted, ofKind: kindLookup(sorted), collectedAtMs };
}

/** Every adapter's facts in one table: the adapters' declarations, each adapter's derivation. */
export function factTable(parts: readonly { adapter: SourceAdapter; input: FactInput<unknown> }[]): FactTable {
  return new FactTable(
    parts.flatMap(({ adapter }) => adapter.facts),
    mergeFacts(parts.map(({ adapter, input }) => adapter.deriveFacts(input))),
  );
}

/** Each adapter with what it read, in registry order. */
export type AdapterReads = readonly { adapter: SourceAdapter; read: SourceRead }[];

/**
 * One analysis from every source, however they were read: finished events (the Mac's already
 * clock-corrected by its adapter) sorted and merged into one UTC timeline, each adapter's facts,
 * identities and coverage. Hypotheses come later.
 */
export function assembleAnalysis(ctx: ParseContext, reads: AdapterReads, notes: string[]): Analysis {
  const runs = reads.map(({ read }) => sortRun(read.events));
  const clock = reads.find(({ read }) => read.clock !== undefined)?.read.clock ?? NO_CLOCK;
  const allNotes = [...notes, ...reads.flatMap(({ read }) => read.reports.flatMap((report) => report.messages()))];
  if (clock.note) allNotes.push(`clock: ${clock.note}`);
  const identities = reads.flatMap(({ adapter, read }) => adapter.identities(read.state));
  const state: Record<string, unknown> = {};
  for (const { adapter, read } of reads) if (read.state !== undefined) state[adapter.id] = read.state;
  const facts = factTable(reads.map(({ adapter, read }, i) => ({ adapter, input: factInput(read, runs[i]!, ctx.collectedAtMs) })));
  return {
    device: identify(ctx, identities),
    collectedAtMs: ctx.collectedAtMs ?? null,
    sources: reads.map(({ adapter, read }) => summarize(adapter, read)),
    clock,
    timeline: mergeSortedRuns(runs),
    hypotheses: [],
    state,
    identities,
    coverage: reads.flatMap(({ read }) => read.coverage),
    facts,
    notes: allNotes,
  };
}

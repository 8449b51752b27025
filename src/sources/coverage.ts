import type { Coverage } from '../core/coverage.js';
import type { KindDeclaration } from '../core/kinds.js';
import type { SourceRole } from '../core/roles.js';
import type { TimelineEvent } from '../model/event.js';
import type { FileReport } from '../model/file-report.js';

/** Kind patterns, vendor and generic, of one stream's declared kinds. */
export function streamKinds(kinds: readonly KindDeclaration[], stream: string): string[] {
  return [...new Set(kinds.filter((k) => k.stream === stream).flatMap((k) => [k.kind, k.generic]))];
}

export interface StreamRead {
  source: { id: string; role: SourceRole; kinds: readonly KindDeclaration[] };
  stream: string;
  events: readonly TimelineEvent[];
  reports: readonly FileReport[];
  /** What `collect` recorded for this stream in meta.json, when it did. */
  recorded?: readonly Coverage[] | undefined;
  /** A state snapshot (inventory, devices) has no time window. */
  snapshot?: boolean;
  filter?: Coverage['filter'];
  /** The file of a one-file-per-read stream. */
  file?: string;
}

/** Earliest and latest event time (the events need not be sorted). */
function span(events: readonly TimelineEvent[]): { fromMs: number; untilMs: number } | undefined {
  if (events.length === 0) return undefined;
  let fromMs = Infinity;
  let untilMs = -Infinity;
  for (const e of events) {
    if (e.epochMs < fromMs) fromMs = e.epochMs;
    if (e.epochMs > untilMs) untilMs = e.epochMs;
  }
  return { fromMs, untilMs };
}

/**
 * The coverage of a stream read from files: the window `collect` recorded when there is one, else the
 * first to last event of the files (said in `why`). A file that failed makes it incomplete.
 */
export function fileCoverage(read: StreamRead): Coverage {
  const { source, stream } = read;
  const base = { source: source.id, role: source.role, stream, kinds: streamKinds(source.kinds, stream), ...(read.file ? { file: read.file } : {}) };
  const fatal = read.reports.map((r) => r.fatal).filter((f): f is string => f !== undefined);
  const failed = fatal.length > 0 ? { complete: false, why: fatal[0]! } : undefined;
  const recorded = read.recorded?.find((c) => c.source === source.id && c.stream === stream && c.file === read.file);
  if (recorded) return { ...recorded, ...base, ...(failed ?? {}) };
  const filter = read.filter ? { filter: read.filter } : {};
  if (read.snapshot) return { ...base, fromMs: null, untilMs: null, ...filter, complete: true, ...(failed ?? {}) };
  const window = span(read.events);
  const why = window ? 'window not recorded (bundle written before coverage was): first to last event of the files' : 'no events and no recorded window';
  return { ...base, fromMs: window?.fromMs ?? null, untilMs: window?.untilMs ?? null, ...filter, complete: failed ? false : window !== undefined, why: failed?.why ?? why };
}

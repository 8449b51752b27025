import type { LiveSettings } from '../../config/credentials.js';
import type { SourceAdapter, SourceRead } from '../../core/adapter.js';
import type { CollectedDocument, LiveProgress, LiveQuery } from '../../core/live.js';
import type { Analysis } from '../../model/analysis.js';
import type { ParseContext } from '../../model/context.js';
import { deadlineSignal } from '../../net/deadline.js';
import type { HttpSettings } from '../../net/http-client.js';
import { assembleAnalysis } from '../assemble.js';
import { sourceAdapters } from '../registry.js';
import { SOURCE_DEADLINE } from '../../net/errors.js';
import { failedReport } from '../source-read.js';
import { openLiveSession, type LiveSession } from './live-session.js';

/** Where the sources come from: a session the command opened (shared with resolution), or settings to open one for this run. */
export type LiveSources =
  | { session: LiveSession }
  | {
      settings: LiveSettings;
      /** Settings of the endpoint sources: what reaches the Mac (SSH, or the demo's recording). */
      device?: unknown;
      http?: HttpSettings;
      /** Page size for paged logs (default each API's maximum). */
      pageLimit?: number;
      /** Log text kept before a read stops, partial (default each source's own bound). */
      maxLogText?: number;
    };

export type LiveOptions = LiveSources & {
  query: LiveQuery;
  /** Context fields known up front (hostname, user, the Mac's zone). */
  identity: Pick<ParseContext, 'hostname' | 'user' | 'deviceTimeZone'>;
  /** Each source gives up after this long; the others carry on. */
  deadlineMs?: number;
  signal?: AbortSignal;
  progress?: LiveProgress;
  /** Notes the run starts with (how the Mac was resolved). */
  notes?: readonly string[];
};

export interface LiveResult {
  analysis: Analysis;
  ctx: ParseContext;
  /** Raw API documents and the Mac's outputs, in registry order, for `collect`. */
  documents: CollectedDocument[];
}

export const DEFAULT_SOURCE_DEADLINE_MS = 120_000;

function empty(name: string): SourceRead {
  return { name, present: false, events: [], reports: [], state: undefined, coverage: [] };
}

/** An error as one plain line: a deadline or cancel that reaches here as the bare abort reason reads like the HTTP ones. */
function plainMessage(error: unknown): string {
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === 'TimeoutError') return SOURCE_DEADLINE;
  if (name === 'AbortError') return 'cancelled';
  return error instanceof Error ? error.message : String(error);
}

function failed(name: string, error: unknown): SourceRead {
  return { ...empty(name), present: true, reports: [failedReport(name, plainMessage(error))] };
}

async function sessionOf(opts: LiveOptions): Promise<{ session: LiveSession; owned: boolean }> {
  if ('session' in opts) return { session: opts.session, owned: false };
  return { session: await openLiveSession(opts.settings, { http: opts.http, device: opts.device, pageLimit: opts.pageLimit, maxLogText: opts.maxLogText }), owned: true };
}

/**
 * Fetches every connected source at once into one analysis, iterating the registry: a source that is
 * not connected is missing, one that fails becomes that source's error and the others are unaffected.
 * Sources that measure the collection time (the endpoint) hold the others' normalising until they know
 * it. The slowest source bounds the run.
 */
export async function runLive(opts: LiveOptions): Promise<LiveResult> {
  const { query, progress = {} } = opts;
  const { session, owned } = await sessionOf(opts);
  const base: ParseContext = { ...opts.identity, collectedAtMs: query.untilMs, serial: query.serial };
  let setCollectedAt: (ms: number) => void = () => undefined;
  const context = session.sources.some((s) => s.connection.measuresCollectionTime)
    ? new Promise<ParseContext>((resolve) => {
        setCollectedAt = (ms) => resolve({ ...base, collectedAtMs: ms });
      })
    : Promise.resolve(base);
  const deadline = (): AbortSignal => deadlineSignal(opts.deadlineMs ?? DEFAULT_SOURCE_DEADLINE_MS, opts.signal);
  const connected = new Map(session.sources.map((s) => [s.adapter, s.connection]));
  const runs = sourceAdapters().map((adapter: SourceAdapter) => {
    const documents: CollectedDocument[] = [];
    const notes: string[] = [];
    const connection = connected.get(adapter);
    const read = connection
      ? connection
          .read(query, { context, signal: deadline(), progress, documents, notes, collectedAt: (ms) => setCollectedAt(ms) })
          .catch((error: unknown) => {
            // The source that was to measure the collection time failed: the others go on with the window's end.
            if (connection.measuresCollectionTime) setCollectedAt(query.untilMs);
            return failed(adapter.id, error);
          })
      : Promise.resolve(empty(adapter.id));
    return { adapter, read, documents, notes };
  });

  try {
    const reads = await Promise.all(runs.map(async (r) => ({ adapter: r.adapter, read: await r.read })));
    const ctx = await context;
    const notes = [...(opts.notes ?? []), ...runs.flatMap((r) => r.notes)];
    return { analysis: assembleAnalysis(ctx, reads, notes), ctx, documents: runs.flatMap((r) => r.documents) };
  } finally {
    if (owned) await session.close();
  }
}

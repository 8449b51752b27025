import type { JsonValue } from '../io/json-file.js';
import type { ParseContext } from '../model/context.js';
import type { SourceName, TimelineEvent } from '../model/event.js';
import type { HttpClient } from '../net/http-client.js';
import type { FleetReader, InventoryReader, SweepProgress } from '../sweep/types.js';
import type { SourceRead } from './adapter.js';
import type { IdentityResolver } from './identity.js';

/** What to fetch live: the device, and the window of the incident (epoch ms, UTC). */
export interface LiveQuery {
  /** Absent when the Mac was found by another key and no system knows its serial. */
  serial?: string | undefined;
  /** The user the engineer named (--user). */
  user?: string | undefined;
  /** Every user the resolved identity knows (given, and each system's): an identity provider's log is read for each. */
  users?: readonly string[] | undefined;
  /** Each system's device id, by adapter id, when known. */
  ids?: Readonly<Record<string, string>> | undefined;
  sinceMs: number;
  untilMs: number;
}

/**
 * A raw document, kept under the path a bundle gives it so `collect` can write it verbatim: API JSON,
 * or an endpoint's output text (written byte for byte).
 */
export type CollectedDocument = { rel: string; json: JsonValue } | { rel: string; text: string };

/** Lets a console show progress: events as they are normalised, and what a source is doing. */
export interface LiveProgress {
  events?(source: SourceName, events: TimelineEvent[]): void;
  status?(source: SourceName, text: string): void;
}

/** What every live source is given besides its connection and the query: where its batches go. */
export interface SourceRun {
  /** The collection context; it may wait for the endpoint source to measure the collection time. */
  context: Promise<ParseContext>;
  signal: AbortSignal;
  /** Event batches and status lines, as they come. */
  progress: LiveProgress;
  /** Raw documents, appended as they arrive, for `collect`. */
  documents: CollectedDocument[];
  /** Sources that measure the collection time (the endpoint) call this as soon as they know it. */
  collectedAt(ms: number): void;
  /** Lines for the analysis notes (how a source was reached, what it could not read). */
  notes: string[];
}

/** Following a source after a live fetch, from the end of the fetched window. */
export interface FollowRequest<State = unknown> {
  /** The source's state from the fetch (the device records it found). */
  state: State | undefined;
  /** Every user the run knows (given and resolved). */
  users: readonly string[];
  sinceMs: number;
  ctx: ParseContext;
  signal: AbortSignal;
  onEvents: (events: TimelineEvent[]) => void;
}

/**
 * A configured source, connected for one run: one HTTP client and one rate budget shared by identity
 * resolution, the fetch and the follow-up.
 */
export interface LiveConnection<State = unknown> {
  /** Whether the run's collection time waits for this source to measure it (it calls `run.collectedAt`). */
  readonly measuresCollectionTime?: boolean;
  read(query: LiveQuery, run: SourceRun): Promise<SourceRead<State>>;
  /** Sources that know identities: looks Macs up by serial, user, host name or the source's own id. */
  readonly resolver?: IdentityResolver;
  /** Sources with a log worth following: polls for new events until the signal aborts. */
  follow?(request: FollowRequest<State>): Promise<void>;
}

/** What a sweep's readers are opened with. */
export interface SweepOptions {
  /** Fraction (0..1] of each rate-limit window's remaining requests the sweep may spend. */
  rateShare: number;
  pageLimit?: number;
  maxPages?: number;
  progress?: (p: SweepProgress) => void;
}

/** A source's part in the organisation view: an identity provider's fleet log, an MDM's batch inventory. */
export interface SweepReaders {
  fleet?: FleetReader;
  inventory?: InventoryReader;
}

/** The shared pieces a connection is built on. */
export interface LiveNet {
  http: HttpClient;
  /** Page size for paged logs (default each API's maximum). */
  pageLimit?: number | undefined;
  /** Log text kept before a read stops, partial (default each source's own bound). */
  maxLogText?: number | undefined;
}

/** A source that can be read live (HTTP APIs, the Mac over SSH). `Settings` come from its config section or the command line. */
export interface LiveCapability<State = unknown, Settings = unknown> {
  connect(settings: Settings, net: LiveNet): Promise<LiveConnection<State>>;
  /** Sources that take part in `sweep`. */
  sweep?(settings: Settings, net: LiveNet, opts: SweepOptions): Promise<SweepReaders>;
}

/**
 * A source's live capability whose code (API clients, their authorisation) loads on first use, so a
 * bundle replay starts without it. `sweeps`: whether the loaded capability takes part in a sweep.
 */
export function lazyLive<State, Settings>(load: () => Promise<LiveCapability<State, Settings>>, opts: { sweeps: boolean }): LiveCapability<State, Settings> {
  return {
    connect: async (settings, net) => (await load()).connect(settings, net),
    ...(opts.sweeps
      ? {
          sweep: async (settings: Settings, net: LiveNet, sweepOpts: SweepOptions) => {
            const live = await load();
            return live.sweep ? live.sweep(settings, net, sweepOpts) : {};
          },
        }
      : {}),
  };
}

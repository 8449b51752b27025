import type { JsonValue } from '../../io/json-file.js';
import type { ParseContext } from '../../model/context.js';
import type { SourceName, TimelineEvent } from '../../model/event.js';

/** What to fetch live: the device, and the window of the incident (epoch ms, UTC). */
export interface LiveQuery {
  /** Absent when the Mac was found by another key and no system knows its serial. */
  serial?: string | undefined;
  /** The user the engineer named (--user). */
  user?: string | undefined;
  /** Every user the resolved identity knows (given, Okta, Jamf): the System Log is read for each. */
  users?: readonly string[] | undefined;
  /** Each system's device id, by adapter id (`okta`, `jamf`), when known. */
  ids?: Readonly<Record<string, string>> | undefined;
  sinceMs: number;
  untilMs: number;
}

/** A raw API document, kept under the path a bundle gives it so `collect` can write it verbatim. */
export interface CollectedDocument {
  rel: string;
  json: JsonValue;
}

/** Lets a console show progress: events as they are normalised, and what a source is doing. */
export interface LiveProgress {
  events?(source: SourceName, events: TimelineEvent[]): void;
  status?(source: SourceName, text: string): void;
}

/** What every live source is given besides its API client and the query. */
export interface SourceRun {
  /** The collection context; it may wait for the device source to measure the collection time. */
  context: Promise<ParseContext>;
  signal: AbortSignal;
  progress: LiveProgress;
  /** Raw documents, appended as they arrive, for `collect`. */
  documents: CollectedDocument[];
}

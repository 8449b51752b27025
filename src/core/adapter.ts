import type { $ZodType } from 'zod/v4/core';
import type { ClockReading } from '../model/analysis.js';
import type { ParseContext } from '../model/context.js';
import type { TimelineEvent } from '../model/event.js';
import type { FileReport } from '../model/file-report.js';
import type { Coverage } from './coverage.js';
import type { DerivedFacts } from './fact-table.js';
import type { FactDeclaration } from './facts.js';
import type { KindDeclaration } from './kinds.js';
import type { LiveCapability } from './live.js';
import type { SourceRole } from './roles.js';

/** One file of an evidence bundle. */
export interface BundleFile {
  path: string;
  /** Path relative to the bundle root, with forward slashes: what reports and raw refs show. */
  rel: string;
}

/**
 * What one source produced, from bundle files or live: finished events (normalised, clock-corrected,
 * never changed afterwards), its state, what it covered, and one report per document read.
 */
export interface SourceRead<State = unknown> {
  name: string;
  present: boolean;
  events: TimelineEvent[];
  reports: FileReport[];
  state: State | undefined;
  coverage: Coverage[];
  /** Endpoint sources: the clock reading their events were corrected with. */
  clock?: ClockReading;
  /** Something was read even if no event came of it (probe facts, a log of other times): failures make the read partial, not error. */
  usable?: boolean;
}

/** What a bundle reader is given besides its files. */
export interface BundleInput {
  ctx: ParseContext;
  /** The windows `collect` recorded in meta.json (`coverage`); absent in bundles written before it did. */
  recorded: readonly Coverage[] | undefined;
  /** For an adapter that `readsLast`: what the sources read before it say the device is. */
  otherIdentities?: readonly SourceIdentity[];
}

/** What an adapter derives its facts from. */
export interface FactInput<State> {
  state: State | undefined;
  /** Whether the source was read at all (missing sources know nothing). */
  present: boolean;
  /** This source's events, in time order. */
  events: readonly TimelineEvent[];
  /** This source's events of one vendor kind, in time order. */
  ofKind: (kind: string) => readonly TimelineEvent[];
  collectedAtMs: number | undefined;
}

/** Identifiers a source knows for the Mac and its users; `origin` is the adapter id. */
export interface SourceIdentity {
  origin: string;
  serial?: string | undefined;
  udid?: string | undefined;
  hostname?: string | undefined;
  /** The user the Mac is assigned to, when the source says. */
  owner?: string | undefined;
  /** Account names and e-mail addresses linked to the Mac. */
  users: string[];
  emails: string[];
  /** Vendor ids events carry in their keys (a management id, an IdP device id). */
  vendorIds: Record<string, string>;
}

/**
 * A source's part of the config: its section in a profile (`profiles.<name>.<adapter id>`) and the
 * environment variables that override it. The config layer composes these from the registry.
 */
export interface SourceConfig<Settings = unknown> {
  /** The section's schema (a strict object of optional fields). */
  readonly schema: $ZodType<Record<string, unknown>>;
  /** Every environment variable it reads. */
  readonly env: readonly string[];
  /**
   * Its live settings: each field from the environment, else the section, else (secrets only) the
   * section's command. Undefined when the source is not configured (no URL); half a configuration is an error.
   */
  resolve(env: NodeJS.ProcessEnv, section: Record<string, unknown> | undefined): Promise<Settings | undefined>;
}

/** A command-line flag that finds the Mac by this source's own device id. */
export interface DeviceIdFlag {
  /** `--<something>-id`. */
  readonly flag: string;
  /** What `--help` says after "find the Mac by". */
  readonly help: string;
  readonly pattern: RegExp;
  /** The one line a malformed value gets, after the flag and the value. */
  readonly expected: string;
}

/**
 * One source of evidence (an MDM, an identity provider, the Mac itself). The registry lists adapters;
 * everything else iterates it, so a new source is one folder plus one registry line.
 */
export interface SourceAdapter<State = unknown> {
  /** Stable id: the JSON `source` of its events and `name` in `analyze --json` sources. */
  readonly id: string;
  readonly role: SourceRole;
  /** Product name for headers and reports. */
  readonly label: string;
  /** One letter for the timeline gutter. */
  readonly letter: string;
  /** What this source shows, one line (guided mode, reports). */
  readonly shows: string;
  /** Its folder in an evidence bundle, and which files under it are its own (paths relative to the bundle root). */
  readonly bundle: { folder: string; owns(rel: string): boolean };
  readonly kinds: readonly KindDeclaration[];
  readonly facts: readonly FactDeclaration[];
  /** Endpoint sources: the probes they can run (each read is the stream `endpoint.probe.<name>`). */
  readonly probes?: readonly string[];
  /**
   * Reads its bundle files after the other sources, given their identities (BundleInput.otherIdentities):
   * for a saved answer that may list other devices than this one.
   */
  readonly readsLast?: boolean;
  /**
   * Endpoint sources: every command they may run (probes and runbook commands), by name, as shown; the
   * read's events may say a collected output came from another form of it (another time server).
   */
  commands?(events: readonly TimelineEvent[]): Readonly<Record<string, string>>;
  /** How it is configured, for sources read over an API. */
  readonly config?: SourceConfig;
  /** How it is read live (and, with `sweep`, across the organisation). */
  readonly live?: LiveCapability<State>;
  /** Sources with their own device ids: the flag that takes one. */
  readonly deviceIdFlag?: DeviceIdFlag;
  readBundle(files: readonly BundleFile[], input: BundleInput): Promise<SourceRead<State>>;
  deriveFacts(input: FactInput<State>): DerivedFacts;
  identities(state: State | undefined): SourceIdentity[];
}

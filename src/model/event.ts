/** A source adapter's id (`device`, …): the registry lists them. */
export type SourceName = string;

export type Severity = 'info' | 'warn' | 'error';

/** Where the raw record lives, so the console can show it later. Paths are relative to the bundle root. */
export interface RawRef {
  file: string;
  /** 1-based first line of the record (text formats). */
  line?: number;
  /** 1-based last line when a record spans several lines (multi-line log messages). */
  endLine?: number;
  /** RFC 6901 JSON pointer into the file (JSON formats), e.g. "/3" or "/results/0/dateSent". */
  pointer?: string;
}

/** Identifiers of the device or user an event refers to; used for cross-source correlation. */
export interface EventKeys {
  serial?: string;
  udid?: string;
  hostname?: string;
  user?: string;
  oktaDeviceId?: string;
  managementId?: string;
}

/** Normalised attributes that hypothesis signatures match on. Values are already plain scalars. */
export type EventFields = Record<string, string | number | boolean | null>;

export interface TimelineEvent {
  /** Stable across runs for the same input: derived from the source record, never random. */
  id: string;
  /**
   * UTC instant in integer epoch milliseconds. For device events this is the corrected instant
   * (device time minus the measured clock offset) once the offset has been applied.
   */
  epochMs: number;
  /** Microseconds within the millisecond (0..999), present only when the source has them. */
  micros?: number;
  /** The timestamp exactly as the source wrote it. */
  originalTime: string;
  source: SourceName;
  /** Vendor kind as the adapter declares it, e.g. "device.trust.failure" (vendor kinds start with their adapter id). */
  kind: string;
  /** Role-generic kind (`endpoint.trust.failure`, `idp.policy.decision`), from the adapter's kind declarations. */
  generic: string;
  severity: Severity;
  /** One line; external text, so sanitise before display. */
  summary: string;
  keys: EventKeys;
  raw: RawRef;
  /** Read-only: events with the same values may share one object (a million device log lines do). */
  fields: EventFields;
  /** Set when the instant was inferred (zone or year assumed, DST ambiguity); said on the event. */
  timeNote?: string;
  /** True for events stamped by the Mac's own clock (subject to clock-offset correction). */
  deviceClock?: boolean;
}

export function compareEvents(a: TimelineEvent, b: TimelineEvent): number {
  return a.epochMs - b.epochMs || (a.micros ?? 0) - (b.micros ?? 0);
}

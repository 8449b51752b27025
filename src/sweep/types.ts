// The organisation view ("sweep"): what the identity provider's fleet reader and the MDM's batch
// inventory hand to the vendor-neutral aggregation, and what it gives back. No vendor names here.

/** One failure or denial the identity provider logged, reduced to what a signature groups on. */
export interface FailureObservation {
  /** The event's id in its source (for examples). */
  id: string;
  timeMs: number;
  eventType: string;
  /** FAILURE, DENY, … as the source spells it. */
  outcome: string;
  reason: string | null;
  policy: string | null;
  rule: string | null;
  /** Policy and rule ids, to recognise a change to them (not part of the grouping). */
  policyId: string | null;
  ruleId: string | null;
  /** The client application (OAuth client or app instance name). */
  client: string | null;
  osVersion: string | null;
  user: string | null;
  /** The identity provider's id of the device, when the event names one. */
  device: string | null;
  /** The device's serial number, when the event carries it. */
  serial: string | null;
}

/** One administrative change (policy, rule, device assurance, authenticator, application, CA). */
export interface ChangeObservation {
  id: string;
  timeMs: number;
  eventType: string;
  actor: string | null;
  /** Display names of what was changed, joined for display. */
  target: string | null;
  /** Ids and names of every target, to match a signature's policy or rule. */
  targetKeys: string[];
  summary: string;
}

/** Where a reader sends what it reads, page by page. */
export interface FleetSink {
  failure(o: FailureObservation): void;
  change(o: ChangeObservation): void;
}

export interface SweepProgress {
  /** Which stream is being read: failures, changes, devices, inventory. */
  stream: string;
  pages: number;
  events: number;
  /** How far the stream has got (the newest instant read), when known. */
  throughMs?: number;
}

/** How much of a stream a reader read: `complete` false means it stopped early, and why. */
export interface StreamCoverage {
  sinceMs: number;
  /** The newest instant the stream is known to be complete up to. */
  throughMs: number;
  complete: boolean;
  pages: number;
  events: number;
  requests: number;
  /** Records that were not events (no id, no time): counted, not read. */
  skipped: number;
  error?: string;
}

/** The identity provider side: failures and changes of the whole organisation in a window. */
export interface FleetReader {
  readonly name: string;
  readFailures(sinceMs: number, untilMs: number, sink: FleetSink, signal: AbortSignal): Promise<StreamCoverage>;
  readChanges(sinceMs: number, untilMs: number, sink: FleetSink, signal: AbortSignal): Promise<StreamCoverage>;
  /** Serial numbers for device ids (those the provider knows), in batches. */
  serialsOf(deviceIds: readonly string[], signal: AbortSignal): Promise<Map<string, string>>;
}

/** One computer as the MDM reports it. */
export interface InventoryRecord {
  serial: string;
  managed: boolean | null;
  lastCheckInMs: number | null;
  osVersion: string | null;
}

/** The MDM side: the state of many computers by serial, in a few batched queries. */
export interface InventoryReader {
  readonly name: string;
  bySerials(serials: readonly string[], signal: AbortSignal): Promise<{ records: InventoryRecord[]; requests: number }>;
}

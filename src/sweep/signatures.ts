import type { FailureObservation } from './types.js';

/** Distinct groupings kept; failures beyond them are counted, not grouped (a reason with an id in it must not grow memory). */
export const MAX_SIGNATURES = 500;
/** Example event ids kept per signature. */
export const MAX_EXAMPLES = 3;
/** Devices per signature whose serial is remembered for the inventory lookup. */
export const MAX_SERIALS = 200;
/** Intervals of the per-signature sparkline over the window. */
export const SPARK_BUCKETS = 48;

/** What a signature groups on: the failure's shape, never who or which device. */
export interface SignatureKey {
  eventType: string;
  outcome: string;
  reason: string | null;
  policy: string | null;
  rule: string | null;
  client: string | null;
  osVersion: string | null;
}

export interface Signature extends SignatureKey {
  policyId: string | null;
  ruleId: string | null;
  events: number;
  users: number;
  devices: number;
  firstMs: number;
  lastMs: number;
  /** Failures per interval of `bucketMs` from the window's start. */
  buckets: number[];
  examples: string[];
  /** Device ids of the signature (at most MAX_SERIALS), with the serial when an event carried it. */
  deviceSerials: Map<string, string | null>;
  /** Users of the signature, for "seen on other devices" checks (bounded by the organisation's size). */
  userSet: ReadonlySet<string>;
  deviceSet: ReadonlySet<string>;
}

interface Aggregate {
  key: SignatureKey;
  policyId: string | null;
  ruleId: string | null;
  events: number;
  users: Set<string>;
  devices: Set<string>;
  firstMs: number;
  lastMs: number;
  buckets: Uint32Array;
  examples: string[];
  deviceSerials: Map<string, string | null>;
}

function keyText(k: SignatureKey): string {
  return JSON.stringify([k.eventType, k.outcome, k.reason, k.policy, k.rule, k.client, k.osVersion]);
}

/**
 * Failure signatures built as observations arrive: counts, distinct users and devices, first and last
 * time, a sparkline and a few example ids per signature. Nothing else of an event is kept, so memory
 * grows with the organisation (users, devices) and not with the window.
 */
export class SignatureAggregator {
  private readonly groups = new Map<string, Aggregate>();
  /** Failures that fitted no signature because MAX_SIGNATURES were already open. */
  overflow = 0;
  readonly bucketMs: number;

  constructor(
    readonly sinceMs: number,
    readonly untilMs: number,
  ) {
    this.bucketMs = Math.max(1000, Math.ceil((untilMs - sinceMs) / SPARK_BUCKETS));
  }

  add(o: FailureObservation): void {
    const key: SignatureKey = { eventType: o.eventType, outcome: o.outcome, reason: o.reason, policy: o.policy, rule: o.rule, client: o.client, osVersion: o.osVersion };
    const text = keyText(key);
    let g = this.groups.get(text);
    if (!g) {
      if (this.groups.size >= MAX_SIGNATURES) {
        this.overflow++;
        return;
      }
      g = {
        key,
        policyId: o.policyId,
        ruleId: o.ruleId,
        events: 0,
        users: new Set(),
        devices: new Set(),
        firstMs: o.timeMs,
        lastMs: o.timeMs,
        buckets: new Uint32Array(SPARK_BUCKETS),
        examples: [],
        deviceSerials: new Map(),
      };
      this.groups.set(text, g);
    }
    g.events++;
    g.policyId ??= o.policyId;
    g.ruleId ??= o.ruleId;
    if (o.user !== null) g.users.add(o.user);
    const device = o.device ?? (o.serial !== null ? `serial:${o.serial}` : null);
    if (device !== null) {
      g.devices.add(device);
      if (g.deviceSerials.has(device)) {
        if (o.serial !== null) g.deviceSerials.set(device, o.serial);
      } else if (g.deviceSerials.size < MAX_SERIALS) {
        g.deviceSerials.set(device, o.serial);
      }
    }
    g.firstMs = Math.min(g.firstMs, o.timeMs);
    g.lastMs = Math.max(g.lastMs, o.timeMs);
    const bucket = Math.floor((o.timeMs - this.sinceMs) / this.bucketMs);
    if (bucket >= 0 && bucket < SPARK_BUCKETS) g.buckets[bucket]!++;
    if (g.examples.length < MAX_EXAMPLES) g.examples.push(o.id);
  }

  /** Largest first: events, then devices, then the earliest. */
  signatures(): Signature[] {
    return [...this.groups.values()]
      .map((g) => ({
        ...g.key,
        policyId: g.policyId,
        ruleId: g.ruleId,
        events: g.events,
        users: g.users.size,
        devices: g.devices.size,
        firstMs: g.firstMs,
        lastMs: g.lastMs,
        buckets: [...g.buckets],
        examples: [...g.examples],
        deviceSerials: g.deviceSerials,
        userSet: g.users,
        deviceSet: g.devices,
      }))
      .sort((a, b) => b.events - a.events || b.devices - a.devices || a.firstMs - b.firstMs);
  }
}

/** A signature in one line: event type, outcome (reason) — policy / rule. */
export function signatureTitle(s: SignatureKey): string {
  const where = [s.policy, s.rule].filter((x) => x !== null).join(' / ');
  return `${s.eventType} ${s.outcome}${s.reason ? ` (${s.reason})` : ''}${where ? ` — ${where}` : ''}`;
}

import { formatIsoUtc } from '../time/timestamp.js';
import type { SweepResult } from './run-sweep.js';

const iso = (ms: number | null): string | null => (ms === null ? null : formatIsoUtc(ms));

/**
 * `sweep --json`: the keys of the contract in DESIGN.md ("sweep --json output"), in its order, plus
 * what a reader needs around them: each signature's client, OS version and sparkline buckets
 * (`bucketSeconds` wide from `window.since`), each source's coverage, the inventory of the largest
 * signature's devices, and what did not fit.
 */
export function sweepJson(r: SweepResult): Record<string, unknown> {
  return {
    window: { since: iso(r.sinceMs), until: iso(r.untilMs), lookbackSeconds: Math.round(r.lookbackMs / 1000), bucketSeconds: Math.round(r.bucketMs / 1000) },
    sources: r.sources.map((s) => ({
      name: s.name,
      role: s.role,
      status: s.status,
      events: s.events,
      requests: s.requests,
      ...(s.skipped ? { skipped: s.skipped } : {}),
      ...(s.covered
        ? {
            covered: {
              failures: { since: iso(s.covered.failures.sinceMs), through: iso(s.covered.failures.throughMs) },
              changes: { since: iso(s.covered.changes.sinceMs), through: iso(s.covered.changes.throughMs) },
            },
          }
        : {}),
      ...(s.error !== undefined ? { error: s.error } : {}),
    })),
    signatures: r.signatures.map((s) => ({
      eventType: s.eventType,
      outcome: s.outcome,
      reason: s.reason,
      policy: s.policy,
      rule: s.rule,
      events: s.events,
      users: s.users,
      devices: s.devices,
      first: iso(s.firstMs),
      last: iso(s.lastMs),
      examples: s.examples,
      client: s.client,
      osVersion: s.osVersion,
      buckets: s.buckets,
    })),
    changes: r.changes.map((c) => ({
      time: iso(c.timeMs),
      eventType: c.eventType,
      actor: c.actor,
      target: c.target,
      summary: c.summary,
      leadsSignature: c.leadsSignature,
      secondsBefore: c.secondsBefore,
    })),
    inventory: r.inventory
      ? {
          signature: r.inventory.signature,
          source: r.inventory.source,
          devices: r.inventory.devices,
          withSerial: r.inventory.withSerial,
          found: r.inventory.found,
          managed: r.inventory.managed,
          unmanaged: r.inventory.unmanaged,
          osVersions: r.inventory.osVersions,
          lastCheckIn: { oldest: iso(r.inventory.oldestCheckInMs), newest: iso(r.inventory.newestCheckInMs) },
          ...(r.inventory.error !== undefined ? { error: r.inventory.error } : {}),
        }
      : null,
    overflow: r.overflow,
  };
}

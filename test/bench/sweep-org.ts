import type { OrgSpec } from '../helpers/generated-org.js';

const H = 3_600_000;
const DAY = Date.parse('2026-11-20T00:00:00Z');

/** The window the sweep benchmark reads: the whole generated day. */
export const SWEEP_WINDOW = { sinceMs: DAY, untilMs: DAY + 24 * H };
export const SWEEP_TOKEN_ENV = 'TRUSTLINE_BENCH_OKTA_TOKEN';

/** A day of an organisation whose System Log holds `events` failures the sweep must all read, plus an incident. */
export function sweepOrgSpec(events: number): OrgSpec {
  return {
    seed: 8,
    users: 5000,
    secondMacUsers: 100,
    windowStartMs: SWEEP_WINDOW.sinceMs,
    windowEndMs: SWEEP_WINDOW.untilMs,
    noisePerUser: 0,
    noiseFailures: 0,
    bulkFailures: events,
    incident: { changeAtMs: DAY + 13 * H, earlierEditMs: 2 * H, leadMs: 7 * 60_000, affectedUsers: 35, denialsPerDevice: 3, intervalMs: 5 * 60_000 },
  };
}

import { deadlineSignal } from '../../net/deadline.js';
import type { DeviceKeys, MacIdentity, Resolution } from '../../core/identity.js';
import { identityUsers } from '../../core/identity.js';
import type { LiveQuery } from '../../core/live.js';
import { resolveIdentity } from '../../core/resolve.js';
import { sourceAdapters } from '../registry.js';
import type { LiveSession } from './live-session.js';

/** Resolution gives up after this long; the systems that have not answered count as failed. */
export const RESOLVE_DEADLINE_MS = 30_000;

/** Adapter id → its label, for the words shown to the engineer. */
export function systemLabels(): ReadonlyMap<string, string> {
  return new Map(sourceAdapters().map((a) => [a.id, a.label]));
}

/** The flag that takes a source's own device id (`--<id>-id` when it declares none). */
export function deviceIdFlagOf(source: string): string {
  return sourceAdapters().find((a) => a.id === source)?.deviceIdFlag?.flag ?? `--${source}-id`;
}

/**
 * Finds the Mac the keys describe in every connected system that knows identities, at once (in
 * registry order: the MDM first, its host name and IP are what an engineer connects to), within each
 * API's rate budget and concurrency limit: the same clients the fetch then uses.
 */
export async function resolveLive(session: LiveSession, given: DeviceKeys, signal?: AbortSignal): Promise<Resolution> {
  const resolvers = session.sources.flatMap((s) => (s.connection.resolver ? [s.connection.resolver] : []));
  return resolveIdentity(given, resolvers, deadlineSignal(RESOLVE_DEADLINE_MS, signal));
}

/** The evidence query for a resolved Mac: its serial, every user it knows and each system's id. */
export function queryFor(identity: MacIdentity, window: { sinceMs: number; untilMs: number }, user: string | undefined): LiveQuery {
  const ids = Object.fromEntries(Object.entries(identity.ids).map(([source, id]) => [source, id.value]));
  return { serial: identity.serial?.value.toUpperCase(), user, users: identityUsers(identity), ids, ...window };
}

import type { Analysis } from '../../model/analysis.js';
import type { ParseContext } from '../../model/context.js';
import type { TimelineEvent } from '../../model/event.js';
import type { LiveSession } from './live-session.js';

/**
 * After a live fetch: keep following every connected source that has a log worth following, for the
 * same device and users, from the end of the fetched window until the signal aborts. New events go to
 * `onEvents`.
 */
export async function followLive(
  session: LiveSession,
  analysis: Analysis,
  from: { untilMs: number; user?: string | undefined; users?: readonly string[] | undefined },
  ctx: ParseContext,
  signal: AbortSignal,
  onEvents: (events: TimelineEvent[]) => void,
): Promise<void> {
  const users = [...(from.user ? [from.user] : []), ...(from.users ?? [])];
  await Promise.all(
    session.sources.map(({ adapter, connection }) =>
      // One millisecond past the fetched window: the bounded query already has everything up to it.
      connection.follow?.({ state: analysis.state[adapter.id], users, sinceMs: from.untilMs + 1, ctx, signal, onEvents }),
    ),
  );
}

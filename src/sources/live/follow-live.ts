import type { LiveSettings } from '../../config/credentials.js';
import type { Analysis } from '../../model/analysis.js';
import type { ParseContext } from '../../model/context.js';
import type { TimelineEvent } from '../../model/event.js';
import { DEFAULT_HTTP_SETTINGS, HttpClient } from '../../net/http-client.js';
import { OktaApi } from '../okta/okta-api.js';
import { OktaAuthorizer } from '../okta/okta-auth.js';
import { followOktaLogs } from '../okta/okta-follow.js';
import { logFilter } from '../okta/okta-source.js';
import type { OktaState } from '../okta/state.js';

/**
 * After a live fetch: keep following the Okta System Log for the same device and users from the end
 * of the fetched window, until the signal aborts. New events go to `onEvents`.
 */
export async function followLive(
  settings: LiveSettings,
  analysis: Analysis,
  from: { untilMs: number; user?: string | undefined; users?: readonly string[] | undefined },
  ctx: ParseContext,
  signal: AbortSignal,
  onEvents: (events: TimelineEvent[]) => void,
): Promise<void> {
  const okta = settings.okta;
  if (!okta) return;
  const logins = new Set<string>();
  if (from.user) logins.add(from.user);
  for (const user of from.users ?? []) logins.add(user);
  const devices = (analysis.state['okta'] as OktaState | undefined)?.devices ?? [];
  for (const device of devices) for (const u of device.users) if (u.login) logins.add(u.login);
  const filter = logFilter(devices.map((d) => d.id), [...logins]);
  if (!filter) return;
  const http = await HttpClient.create({ ...DEFAULT_HTTP_SETTINGS, caFile: settings.caFile });
  try {
    const api = new OktaApi(http, okta.url, new OktaAuthorizer(http, okta.url, okta.auth));
    // One millisecond past the fetched window: the bounded query already has everything up to it.
    await followOktaLogs(api, { filter, sinceMs: from.untilMs + 1, ctx, signal, onEvents });
  } finally {
    await http.close();
  }
}

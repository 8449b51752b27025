import type { LiveSettings } from '../../config/credentials.js';
import { deadlineSignal } from '../../net/deadline.js';
import type { DeviceKeys, IdentityResolver, MacIdentity, Resolution } from '../../core/identity.js';
import { identityUsers } from '../../core/identity.js';
import { resolveIdentity } from '../../core/resolve.js';
import { DEFAULT_HTTP_SETTINGS, HttpClient, type HttpSettings } from '../../net/http-client.js';
import { jamfIdentityResolver } from '../jamf/identity-lookup.js';
import { JamfApi } from '../jamf/jamf-api.js';
import { JamfAuthorizer } from '../jamf/jamf-auth.js';
import { oktaIdentityResolver } from '../okta/identity-lookup.js';
import { OktaApi } from '../okta/okta-api.js';
import { OktaAuthorizer } from '../okta/okta-auth.js';
import type { LiveQuery } from './live-types.js';

/** Resolution gives up after this long; the systems that have not answered count as failed. */
export const RESOLVE_DEADLINE_MS = 30_000;

/** Adapter id → the label and the flag that takes its device id. */
export const IDENTITY_SYSTEMS: ReadonlyMap<string, { label: string; flag: string }> = new Map([
  ['jamf', { label: 'Jamf Pro', flag: '--jamf-id' }],
  ['okta', { label: 'Okta', flag: '--okta-device-id' }],
]);
export const SYSTEM_LABELS: ReadonlyMap<string, string> = new Map([...IDENTITY_SYSTEMS].map(([id, s]) => [id, s.label]));

/**
 * Finds the Mac the keys describe in every configured system at once (Jamf first: its host name and
 * IP are what an engineer connects to), within each API's rate budget and concurrency limit.
 */
export async function resolveLive(settings: LiveSettings, given: DeviceKeys, opts: { http?: HttpSettings; signal?: AbortSignal } = {}): Promise<Resolution> {
  const http = await HttpClient.create({ ...(opts.http ?? DEFAULT_HTTP_SETTINGS), caFile: settings.caFile });
  const resolvers: IdentityResolver[] = [];
  if (settings.jamf) resolvers.push(jamfIdentityResolver(new JamfApi(http, settings.jamf.url, new JamfAuthorizer(http, settings.jamf.url, settings.jamf.auth))));
  if (settings.okta) resolvers.push(oktaIdentityResolver(new OktaApi(http, settings.okta.url, new OktaAuthorizer(http, settings.okta.url, settings.okta.auth))));
  try {
    return await resolveIdentity(given, resolvers, deadlineSignal(RESOLVE_DEADLINE_MS, opts.signal));
  } finally {
    await http.close();
  }
}

/** The evidence query for a resolved Mac: its serial, every user it knows and each system's id. */
export function queryFor(identity: MacIdentity, window: { sinceMs: number; untilMs: number }, user: string | undefined): LiveQuery {
  const ids = Object.fromEntries(Object.entries(identity.ids).map(([source, id]) => [source, id.value]));
  return { serial: identity.serial?.value.toUpperCase(), user, users: identityUsers(identity), ids, ...window };
}

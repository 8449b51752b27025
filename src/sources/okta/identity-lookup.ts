import type { DeviceKeys, IdentityResolver, MacRecord, SystemAnswer } from '../../core/identity.js';
import { doubleQuoted } from '../../text/double-quoted.js';
import { normHost, normSerial } from '../../core/identity.js';
import { isJsonObject, type JsonValue } from '../../io/json-file.js';
import { HttpError } from '../../net/errors.js';
import { readOktaDevice } from './device-record.js';
import { objectAt, stringAt } from './json-get.js';
import type { OktaApi } from './okta-api.js';
import { oktaUrl } from './okta-source.js';

export const OKTA_SOURCE = 'okta';
const LABEL = 'Okta';
/** A user with more Macs than this is an odd user; stop and say so. */
const MAX_PAGES = 10;
const PAGE_LIMIT = '10';

/** A Devices API object as a Mac record; `user` is added when the device was reached through that user. */
function record(item: JsonValue, user?: string): MacRecord | undefined {
  const read = readOktaDevice(item);
  if ('skip' in read) return undefined;
  const d = read.record;
  if (d.platform !== undefined && d.platform !== 'MACOS') return undefined;
  const profile = isJsonObject(item) ? objectAt(item, 'profile') : undefined;
  const users = d.users.flatMap((u) => (u.login ? [u.login] : []));
  if (user && !users.some((u) => u.toLowerCase() === user.toLowerCase())) users.push(user);
  const statuses = [...new Set(d.users.map((u) => u.managementStatus).filter((s) => s !== undefined))];
  const management = d.managed !== undefined ? (d.managed ? 'managed' : 'not managed') : statuses.map((s) => s.toLowerCase().replace('_', ' ')).join('/') || undefined;
  return {
    source: OKTA_SOURCE,
    id: d.id,
    serial: d.serial,
    udid: d.udid,
    hostname: d.displayName,
    users,
    model: stringAt(profile, 'model'),
    os: stringAt(profile, 'osVersion') ? `macOS ${stringAt(profile, 'osVersion')}` : undefined,
    lastSeenMs: d.lastUpdatedMs,
    management: d.status && d.status !== 'ACTIVE' ? `${management ?? ''} ${d.status.toLowerCase()}`.trim() : management,
  };
}

async function pages(api: OktaApi, first: URL, bucket: 'devices' | 'users', signal: AbortSignal): Promise<{ items: JsonValue[]; capped: boolean }> {
  const items: JsonValue[] = [];
  let url: URL | undefined = first;
  for (let n = 0; url && n < MAX_PAGES; n++) {
    const page = await api.page(url, bucket, signal);
    items.push(...page.items);
    url = page.next;
  }
  return { items, capped: url !== undefined };
}

async function searchDevices(api: OktaApi, search: string, signal: AbortSignal): Promise<MacRecord[]> {
  const { items } = await pages(api, oktaUrl(api.base, '/api/v1/devices', { search, expand: 'userSummary', limit: PAGE_LIMIT }), 'devices', signal);
  return items.map((i) => record(i)).filter((r) => r !== undefined);
}

/** The user by login or e-mail (any case); a short name also matches a login that starts with it and `@`. */
async function findUser(api: OktaApi, user: string, signal: AbortSignal): Promise<{ id: string; login: string }[]> {
  const terms = [`profile.login eq ${doubleQuoted(user)}`, `profile.email eq ${doubleQuoted(user)}`];
  if (!user.includes('@')) terms.push(`profile.login sw ${doubleQuoted(`${user}@`)}`);
  const page = await api.page(oktaUrl(api.base, '/api/v1/users', { search: terms.join(' or '), limit: '10' }), 'users', signal);
  return page.items.filter(isJsonObject).flatMap((u) => {
    const id = stringAt(u, 'id');
    const login = stringAt(objectAt(u, 'profile'), 'login');
    return id && login ? [{ id, login }] : [];
  });
}

/** GET /api/v1/users/{id}/devices: `[{created, device, deviceUserId}]`, paged by `Link`. */
async function userDevices(api: OktaApi, user: { id: string; login: string }, signal: AbortSignal): Promise<{ records: MacRecord[]; capped: boolean }> {
  const url = oktaUrl(api.base, `/api/v1/users/${encodeURIComponent(user.id)}/devices`, { limit: PAGE_LIMIT });
  const { items, capped } = await pages(api, url, 'users', signal);
  const records = items
    .filter(isJsonObject)
    .map((link) => record(link['device'] ?? null, user.login))
    .filter((r) => r !== undefined);
  return { records, capped };
}

/**
 * Okta's side of finding the Mac: by Okta device id, serial or display name through the Devices API
 * (with the device's users), and by user through the user's devices. The most specific key given is
 * asked; the other keys narrow the result afterwards.
 */
export async function lookupOktaMacs(api: OktaApi, keys: DeviceKeys, signal: AbortSignal): Promise<SystemAnswer> {
  const answer = (asked: string, records: MacRecord[], none: string, extra: Partial<SystemAnswer> = {}): SystemAnswer => ({
    source: OKTA_SOURCE,
    label: LABEL,
    asked: [asked],
    outcome: records.length > 0 ? 'found' : 'none',
    said: records.length > 0 ? `${records.length === 1 ? '1 device' : `${records.length} devices`}` : none,
    records,
    ...extra,
  });
  try {
    const id = keys.ids?.[OKTA_SOURCE];
    if (id !== undefined) return answer(`device id ${id}`, await searchDevices(api, `id eq ${doubleQuoted(id)}`, signal), `no device with id ${id}`);
    if (keys.serial !== undefined) {
      const serial = normSerial(keys.serial);
      return answer(`serial ${serial}`, await searchDevices(api, `profile.serialNumber eq ${doubleQuoted(serial)}`, signal), `no device record with serial ${serial}`);
    }
    if (keys.udid !== undefined) return answer(`UDID ${keys.udid}`, await searchDevices(api, `profile.udid eq ${doubleQuoted(keys.udid)}`, signal), `no device with UDID ${keys.udid}`);
    if (keys.hostname !== undefined) {
      const name = normHost(keys.hostname);
      const records = await searchDevices(api, `profile.displayName eq ${doubleQuoted(name)}`, signal);
      if (records.length > 0 || keys.user === undefined) return answer(`display name ${name}`, records, `no device named ${name}`);
    }
    if (keys.user !== undefined) {
      const users = await findUser(api, keys.user, signal);
      if (users.length === 0) return answer(`user ${keys.user}`, [], `no user ${keys.user}`);
      const found = await Promise.all(users.map((u) => userDevices(api, u, signal)));
      const records = found.flatMap((f) => f.records);
      const logins = users.map((u) => u.login);
      const capped = found.some((f) => f.capped) ? ` (stopped after ${MAX_PAGES} pages)` : '';
      return answer(`user ${keys.user}`, records, `user ${logins.join(', ')} has no Mac registered`, {
        users: logins,
        ...(records.length > 0 ? { said: `${records.length === 1 ? '1 Mac' : `${records.length} Macs`} for ${logins.join(', ')}${capped}` } : {}),
      });
    }
    return { source: OKTA_SOURCE, label: LABEL, asked: [], outcome: 'none', said: 'nothing to ask by', records: [] };
  } catch (error) {
    if (error instanceof HttpError) return { source: OKTA_SOURCE, label: LABEL, asked: [], outcome: 'error', said: error.message, records: [] };
    throw error;
  }
}

export function oktaIdentityResolver(api: OktaApi): IdentityResolver {
  return { source: OKTA_SOURCE, label: LABEL, lookup: (keys, signal) => lookupOktaMacs(api, keys, signal) };
}

// GET /api/v1/devices (search, cursor pages, expand) and /api/v1/devices/{id}[/users].
import { jsonReply, type Exchange, type Reply } from '../http-util.js';
import { cloneJson, isObject, objectField, stringField, valuesAt, type JsonObject } from '../json.js';
import { invalidFilter, notFound, validationFailed } from './errors.js';
import { evaluateScim, type ScimNode } from './filter.js';
import { limitParam, pageLinks } from './links.js';
import { scimParam, unsupportedOperator } from './scim-param.js';

const SEARCH_ROOTS = new Set(['id', 'status', 'lastUpdated', 'created', 'profile']);
const CONTAINS_FIELDS = new Set(['profile.displayName', 'profile.serialNumber', 'profile.imei', 'profile.meid', 'profile.udid', 'profile.sid']);

function checkSearch(text: string): ScimNode | Reply {
  return scimParam(text, 'search', (c) => {
    if (!SEARCH_ROOTS.has(c.path.split('.')[0]!)) return invalidFilter(`field is not valid: ${c.path}`);
    return c.op === 'co' && !CONTAINS_FIELDS.has(c.path) ? unsupportedOperator(c) : undefined;
  });
}

function links(ex: Exchange, id: string): JsonObject {
  const self = `${ex.base}/api/v1/devices/${id}`;
  return {
    self: { href: self, hints: { allow: ['GET', 'PATCH', 'PUT'] } },
    users: { href: `${self}/users`, hints: { allow: ['GET'] } },
  };
}

/** The device as the API shows it: stored fields, links on this host, no `_embedded` unless expanded. */
export function presentDevice(ex: Exchange, stored: JsonObject): JsonObject {
  const device = cloneJson(stored);
  delete device._embedded;
  device._links = links(ex, stringField(stored, 'id') ?? '');
  return device;
}

function storedUsers(device: JsonObject): JsonObject[] {
  const users = objectField(device, '_embedded')?.users;
  return Array.isArray(users) ? users.filter(isObject) : [];
}

/** A DeviceUser with the full user (expand=user, /devices/{id}/users) or its summary (expand=userSummary). */
function deviceUser(ex: Exchange, link: JsonObject, summary: boolean): JsonObject {
  const out = cloneJson(link);
  const user = objectField(link, 'user');
  if (!user) return out;
  const id = stringField(user, 'id') ?? '';
  const profile = objectField(user, 'profile') ?? {};
  const shown: JsonObject = summary
    ? { id, status: user.status, created: user.created, profile: { firstName: profile.firstName, lastName: profile.lastName, login: profile.login, email: profile.email } }
    : cloneJson(user);
  shown._links = { self: { href: `${ex.base}/api/v1/users/${id}` } };
  out.user = shown;
  return out;
}

export function listDevices(ex: Exchange, devices: readonly JsonObject[]): Reply {
  const params = ex.url.searchParams;
  const limit = limitParam(ex, 1, 200, 200);
  if (limit === undefined) return validationFailed([{ field: 'limit', message: 'must be an integer between 1 and 200.' }]);
  const expand = params.get('expand');
  if (expand !== null && expand !== 'user' && expand !== 'userSummary') {
    return validationFailed([{ field: 'expand', message: 'must be user or userSummary.' }]);
  }
  const searchText = params.get('search');
  const search = searchText === null || searchText === '' ? undefined : checkSearch(searchText);
  if (search !== undefined && 'status' in search) return search;
  let matched = devices.filter((d) => !search || evaluateScim(search, (path) => valuesAt(d, path.split('.'))));
  const after = params.get('after');
  if (after !== null) {
    const index = matched.findIndex((d) => d.id === after);
    matched = index < 0 ? [] : matched.slice(index + 1);
  }
  const page = matched.slice(0, limit);
  const body = page.map((stored) => {
    const device = presentDevice(ex, stored);
    if (expand !== null) device._embedded = { users: storedUsers(stored).map((u) => deviceUser(ex, u, expand === 'userSummary')) };
    return device;
  });
  const next = matched.length > page.length ? stringField(page.at(-1)!, 'id') : undefined;
  return jsonReply(200, body, { link: pageLinks(ex, next) });
}

/** /api/v1/devices/{id} and /api/v1/devices/{id}/users. */
export function getDevice(ex: Exchange, devices: readonly JsonObject[], id: string, users: boolean): Reply {
  const stored = devices.find((d) => d.id === id);
  if (!stored) return notFound(`${id} (Device)`);
  return jsonReply(200, users ? storedUsers(stored).map((u) => deviceUser(ex, u, false)) : presentDevice(ex, stored));
}

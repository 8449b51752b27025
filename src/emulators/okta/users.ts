// GET /api/v1/users (search) and /api/v1/users/{id}/devices, over the users the scenario knows:
// the full users embedded in devices.json, then the actors of type User in the System Log.
import { jsonReply, type Exchange, type Reply } from '../http-util.js';
import { cloneJson, isObject, objectField, stringField, valuesAt, type JsonObject } from '../json.js';
import type { OktaLogRecord } from '../scenario.js';
import { presentDevice } from './devices.js';
import { invalidFilter, notFound, validationFailed } from './errors.js';
import { evaluateScim, type ScimNode } from './filter.js';
import { limitParam, pageLinks } from './links.js';
import { scimParam, unsupportedOperator } from './scim-param.js';

export interface OktaDirectory {
  users: JsonObject[];
  /** User id → the stored devices linked to that user, with the link's `created`. */
  devicesOf: Map<string, { device: JsonObject; created: unknown }[]>;
}

/** The org's users and their device links, as the scenario implies them. */
export function buildDirectory(devices: readonly JsonObject[], events: readonly OktaLogRecord[]): OktaDirectory {
  const users = new Map<string, JsonObject>();
  const devicesOf = new Map<string, { device: JsonObject; created: unknown }[]>();
  for (const device of devices) {
    const links = objectField(device, '_embedded')?.users;
    for (const link of Array.isArray(links) ? links.filter(isObject) : []) {
      const user = objectField(link, 'user');
      const id = user ? stringField(user, 'id') : undefined;
      if (!user || id === undefined) continue;
      if (!users.has(id)) users.set(id, cloneJson(user));
      devicesOf.set(id, [...(devicesOf.get(id) ?? []), { device, created: link.created ?? null }]);
    }
  }
  for (const { event } of events) {
    const actor = objectField(event, 'actor');
    const id = actor ? stringField(actor, 'id') : undefined;
    const login = actor ? stringField(actor, 'alternateId') : undefined;
    if (!actor || actor.type !== 'User' || id === undefined || login === undefined || users.has(id)) continue;
    // Logins are unique in an org: a device's user and a log actor with the same login are one user.
    if ([...users.values()].some((u) => stringField(objectField(u, 'profile') ?? {}, 'login')?.toLowerCase() === login.toLowerCase())) continue;
    const [firstName, lastName] = (stringField(actor, 'displayName') ?? '').split(' ');
    users.set(id, { id, status: 'ACTIVE', profile: { login, email: login, firstName: firstName ?? null, lastName: lastName ?? null } });
  }
  return { users: [...users.values()], devicesOf };
}

const CONTAINS = new Set(['profile.login', 'profile.email', 'profile.firstName', 'profile.lastName']);

/** Okta compares user search strings without case. */
function lowered(node: ScimNode): ScimNode {
  if (node.kind === 'compare') return typeof node.value === 'string' ? { ...node, value: node.value.toLowerCase() } : node;
  if (node.kind === 'not') return { kind: 'not', operand: lowered(node.operand) };
  return { kind: node.kind, left: lowered(node.left), right: lowered(node.right) };
}

function present(ex: Exchange, user: JsonObject): JsonObject {
  const out = cloneJson(user);
  out._links = { self: { href: `${ex.base}/api/v1/users/${stringField(user, 'id') ?? ''}` } };
  return out;
}

/** GET /api/v1/users?search=…: `eq`, `sw`, `co` on profile fields, `id`, `status`; paged by `after` (a user id). */
export function listUsers(ex: Exchange, dir: OktaDirectory): Reply {
  const limit = limitParam(ex, 1, 200, 200);
  if (limit === undefined) return validationFailed([{ field: 'limit', message: 'must be an integer between 1 and 200.' }]);
  const text = ex.url.searchParams.get('search');
  const search = text === null || text === '' ? undefined : scimParam(text, 'search', (c) => {
    if (c.path !== 'id' && c.path !== 'status' && !c.path.startsWith('profile.')) return invalidFilter(`field is not valid: ${c.path}`);
    return c.op === 'co' && !CONTAINS.has(c.path) ? unsupportedOperator(c) : undefined;
  });
  if (search !== undefined && 'status' in search) return search;
  const node = search && lowered(search);
  let matched = dir.users.filter((u) => !node || evaluateScim(node, (path) => valuesAt(u, path.split('.')).map((v) => (typeof v === 'string' ? v.toLowerCase() : v))));
  const after = ex.url.searchParams.get('after');
  if (after !== null) matched = matched.slice(matched.findIndex((u) => u.id === after) + 1);
  const page = matched.slice(0, limit);
  const next = matched.length > page.length ? stringField(page.at(-1)!, 'id') : undefined;
  return jsonReply(200, page.map((u) => present(ex, u)), { link: pageLinks(ex, next) });
}

/** GET /api/v1/users/{id}/devices: `[{created, device, deviceUserId}]`, paged by `after` (a device id) and `limit`. */
export function listUserDevices(ex: Exchange, dir: OktaDirectory, id: string): Reply {
  const user = dir.users.find((u) => u.id === id || stringField(objectField(u, 'profile') ?? {}, 'login')?.toLowerCase() === id.toLowerCase());
  if (!user) return notFound(`${id} (User)`);
  const limit = limitParam(ex, 1, 200, 20);
  if (limit === undefined) return validationFailed([{ field: 'limit', message: 'must be an integer between 1 and 200.' }]);
  let links = dir.devicesOf.get(stringField(user, 'id') ?? '') ?? [];
  const after = ex.url.searchParams.get('after');
  if (after !== null) links = links.slice(links.findIndex((l) => l.device.id === after) + 1);
  const page = links.slice(0, limit);
  const next = links.length > page.length ? stringField(page.at(-1)!.device, 'id') : undefined;
  const body = page.map(({ device, created }) => ({ created, device: presentDevice(ex, device), deviceUserId: `${stringField(user, 'id') ?? ''}` }));
  return jsonReply(200, body, { link: pageLinks(ex, next) });
}

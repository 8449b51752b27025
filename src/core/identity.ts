/**
 * Device identity: what the on-call engineer gave (serial, user, host name, a system's device id), what
 * each system that knows identities answered, and the one Mac they add up to, every value with where it
 * came from. Vendor-neutral: systems are named by their adapter id and label only.
 */

/** What to look a Mac up by. `ids` holds a system's own device id, keyed by adapter id. */
export interface DeviceKeys {
  serial?: string | undefined;
  udid?: string | undefined;
  user?: string | undefined;
  hostname?: string | undefined;
  ids?: Readonly<Record<string, string>> | undefined;
}

/** One system's record of one Mac. */
export interface MacRecord {
  /** Adapter id of the system that holds the record. */
  source: string;
  /** The system's id for the Mac. */
  id: string;
  serial?: string | undefined;
  udid?: string | undefined;
  hostname?: string | undefined;
  users: string[];
  lastIp?: string | undefined;
  model?: string | undefined;
  os?: string | undefined;
  /** MDM: last check-in; IdP: last time the device reported (epoch ms). */
  lastSeenMs?: number | null | undefined;
  /** `managed`, `not managed`, `suspended`, … as the system words it. */
  management?: string | undefined;
}

/** What one system was asked and what it said. */
export interface SystemAnswer {
  source: string;
  label: string;
  /** The lookups made, in words (`serial C02…`, `user alice@…`). */
  asked: string[];
  outcome: 'found' | 'none' | 'error';
  /** One line: what the system said (`no computer with serial C02…`, the error). */
  said: string;
  records: MacRecord[];
  /** Users the system confirmed exist (canonical logins), found or not a Mac for them. */
  users?: string[];
}

/** A system that can look Macs up: each identity-knowing adapter provides one. */
export interface IdentityResolver {
  source: string;
  label: string;
  lookup(keys: DeviceKeys, signal: AbortSignal): Promise<SystemAnswer>;
}

/** A value and the systems (or `given`) it came from. */
export interface Sourced {
  value: string;
  from: string[];
}

/** One Mac as every system that knows it describes it. */
export interface MacIdentity {
  serial?: Sourced;
  udid?: Sourced;
  hostname?: Sourced;
  users: Sourced[];
  /** Each system's device id, keyed by adapter id. */
  ids: Record<string, Sourced>;
  lastIp?: Sourced;
  records: MacRecord[];
  /** Where the systems disagree, one line each (both values are kept, none is chosen). */
  disagreements: string[];
}

export type Resolution =
  | { outcome: 'one'; given: DeviceKeys; identity: MacIdentity; answers: SystemAnswer[] }
  | { outcome: 'several'; given: DeviceKeys; candidates: MacIdentity[]; answers: SystemAnswer[] }
  | { outcome: 'none'; given: DeviceKeys; answers: SystemAnswer[]; suggestions: string[] }
  /** No system could answer (none configured, or all failed): the run goes on with the keys as given. */
  | { outcome: 'unresolved'; given: DeviceKeys; identity: MacIdentity; answers: SystemAnswer[] };

export const GIVEN = 'given';

export const normSerial = (s: string): string => s.trim().toUpperCase();
/** Host names compare without case, a trailing dot or `.local`. */
export const normHost = (h: string): string => h.trim().toLowerCase().replace(/\.$/, '').replace(/\.local$/, '');
const normUser = (u: string): string => u.trim().toLowerCase();

/** A login and an e-mail (or a short name and an address) name the same user when they agree up to case, or on the local part. */
export function sameUser(a: string, b: string): boolean {
  const x = normUser(a);
  const y = normUser(b);
  if (x === y) return true;
  if (x.includes('@') === y.includes('@')) return false;
  return (x.includes('@') ? x.split('@')[0] : x) === (y.includes('@') ? y.split('@')[0] : y);
}

export function sameHost(a: string, b: string): boolean {
  const x = normHost(a);
  const y = normHost(b);
  if (x === y) return true;
  // A short name matches a fully qualified one on its first label.
  if (x.includes('.') === y.includes('.')) return false;
  return x.split('.')[0] === y.split('.')[0];
}

/** Records that share a serial (or, without one, a UDID) are the same Mac. */
export function groupRecords(records: readonly MacRecord[]): MacRecord[][] {
  const groups: MacRecord[][] = [];
  const bySerial = new Map<string, MacRecord[]>();
  const byUdid = new Map<string, MacRecord[]>();
  for (const r of records) {
    const serial = r.serial ? normSerial(r.serial) : undefined;
    const udid = r.udid ? r.udid.trim().toUpperCase() : undefined;
    const group = (serial && bySerial.get(serial)) || (udid && byUdid.get(udid)) || undefined;
    const target = group ?? [];
    if (!group) groups.push(target);
    if (!target.some((t) => t.source === r.source && t.id === r.id)) target.push(r);
    if (serial && !bySerial.has(serial)) bySerial.set(serial, target);
    if (udid && !byUdid.has(udid)) byUdid.set(udid, target);
  }
  return groups;
}

function addSourced(list: Sourced[], value: string | undefined, from: string, same: (a: string, b: string) => boolean): void {
  if (!value || !value.trim()) return;
  const found = list.find((s) => same(s.value, value));
  if (!found) list.push({ value: value.trim(), from: [from] });
  else if (!found.from.includes(from)) found.from.push(from);
}

function single(list: Sourced[], what: string, disagreements: string[], labels: ReadonlyMap<string, string>): Sourced | undefined {
  if (list.length > 1) {
    const said = list.map((s) => `${s.from.map((f) => labels.get(f) ?? f).join(' and ')} says ${s.value}`).join(', ');
    disagreements.push(`the systems disagree on the ${what}: ${said}`);
  }
  return list[0];
}

/** One Mac from its records and the keys given; `labels` turns adapter ids into names for the disagreement lines. */
export function buildIdentity(records: readonly MacRecord[], given: DeviceKeys, labels: ReadonlyMap<string, string> = new Map()): MacIdentity {
  const serials: Sourced[] = [];
  const udids: Sourced[] = [];
  const hosts: Sourced[] = [];
  const users: Sourced[] = [];
  const ips: Sourced[] = [];
  const ids: Record<string, Sourced> = {};
  const eqSerial = (a: string, b: string): boolean => normSerial(a) === normSerial(b);
  addSourced(serials, given.serial === undefined ? undefined : normSerial(given.serial), GIVEN, eqSerial);
  addSourced(hosts, given.hostname, GIVEN, sameHost);
  addSourced(users, given.user, GIVEN, sameUser);
  for (const [source, id] of Object.entries(given.ids ?? {})) ids[source] = { value: id, from: [GIVEN] };
  for (const r of records) {
    addSourced(serials, r.serial, r.source, eqSerial);
    addSourced(udids, r.udid, r.source, eqSerial);
    addSourced(hosts, r.hostname, r.source, sameHost);
    for (const u of r.users) addSourced(users, u, r.source, sameUser);
    addSourced(ips, r.lastIp, r.source, (a, b) => a === b);
    const known = ids[r.source];
    if (!known) ids[r.source] = { value: r.id, from: [r.source] };
    else if (!known.from.includes(r.source)) known.from.push(r.source);
  }
  const disagreements: string[] = [];
  const identity: MacIdentity = { users, ids, records: [...records], disagreements };
  const serial = single(serials, 'serial', disagreements, labels);
  if (serial) identity.serial = serial;
  const udid = single(udids, 'UDID', disagreements, labels);
  if (udid) identity.udid = udid;
  // Host names differ legitimately (an IdP shows the computer name): keep the MDM's or the given one first, no disagreement line.
  if (hosts[0]) identity.hostname = hosts[0];
  if (ips[0]) identity.lastIp = ips[0];
  const bySystem = new Map<string, string[]>();
  for (const u of users) for (const f of u.from) if (f !== GIVEN) bySystem.set(f, [...(bySystem.get(f) ?? []), u.value]);
  const systems = [...bySystem.keys()];
  const named = users.filter((u) => u.from.some((f) => f !== GIVEN));
  if (systems.length > 1 && named.some((u) => !systems.every((s) => u.from.includes(s)))) {
    const said = systems.map((s) => `${labels.get(s) ?? s} says ${bySystem.get(s)!.join(', ')}`).join('; ');
    disagreements.push(`the systems disagree on the user: ${said}; the System Log is read for all of them`);
  }
  return identity;
}

/** Whether a Mac is consistent with every key given: a key the Mac has no value for cannot rule it out. */
export function matchesKeys(identity: MacIdentity, given: DeviceKeys): boolean {
  const values = (pick: (r: MacRecord) => string[]): string[] => identity.records.flatMap(pick);
  const check = (want: string | undefined, have: string[], same: (a: string, b: string) => boolean): boolean =>
    want === undefined || have.length === 0 || have.some((h) => same(h, want));
  const idsOk = Object.entries(given.ids ?? {}).every(([source, id]) => {
    const own = identity.records.filter((r) => r.source === source).map((r) => r.id);
    return own.length === 0 || own.includes(id);
  });
  return (
    idsOk &&
    check(given.serial, values((r) => (r.serial ? [r.serial] : [])), (a, b) => normSerial(a) === normSerial(b)) &&
    check(given.hostname, values((r) => (r.hostname ? [r.hostname] : [])), sameHost) &&
    check(given.user, values((r) => r.users), sameUser)
  );
}

/** The identity of a run whose keys no system could check. */
export function givenIdentity(given: DeviceKeys): MacIdentity {
  return buildIdentity([], given);
}

/** Every user the identity knows, given or found, once each (the System Log is read for all of them). */
export function identityUsers(identity: MacIdentity): string[] {
  return identity.users.map((u) => u.value);
}

import type { DeviceKeys, IdentityResolver, MacRecord, SystemAnswer } from '../../core/identity.js';
import { doubleQuoted } from '../../text/double-quoted.js';
import { normHost, normSerial } from '../../core/identity.js';
import type { JsonObject } from '../../io/json-file.js';
import { HttpError } from '../../net/errors.js';
import { buildJamfState, readComputerRecord } from './computer-record.js';
import { objectAt, stringAt } from './fields.js';
import type { JamfApi } from './jamf-api.js';
import { searchInventory, type InventoryVersion } from './inventory-search.js';

export const JAMF_SOURCE = 'jamf';
const LABEL = 'Jamf Pro';
const PAGE_SIZE = 50;
const MAX_PAGES = 4;

/** One inventory result as a Mac record: the e-mail first (Okta logins are e-mail addresses), then the short name. */
function record(result: JsonObject): MacRecord | undefined {
  const state = buildJamfState(readComputerRecord(result, '', []), 1);
  if (state.id === undefined) return undefined;
  const general = objectAt(result, 'general');
  const ip = stringAt(general, 'lastReportedIpV4') ?? stringAt(general, 'lastReportedIp') ?? stringAt(general, 'lastIpAddress');
  return {
    source: JAMF_SOURCE,
    id: state.id,
    serial: state.serial,
    udid: state.udid,
    hostname: state.name,
    users: [state.email, state.username].filter((u): u is string => u !== undefined && u !== ''),
    lastIp: ip,
    model: stringAt(objectAt(result, 'hardware'), 'model'),
    os: state.osVersion ? `macOS ${state.osVersion}` : undefined,
    lastSeenMs: state.lastCheckInMs,
    management: state.managed === undefined ? undefined : state.managed ? 'managed' : 'not managed',
  };
}

/** Every page of an inventory search (a user may have many Macs), up to MAX_PAGES. */
async function search(api: JamfApi, filter: string, signal: AbortSignal): Promise<{ records: MacRecord[]; capped: boolean }> {
  const records: MacRecord[] = [];
  let version: InventoryVersion | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const found = await searchInventory(api, filter, signal, page, PAGE_SIZE, version);
    version = found.version;
    records.push(...found.results.map(record).filter((r) => r !== undefined));
    if (found.results.length < PAGE_SIZE || (page + 1) * PAGE_SIZE >= found.totalCount) return { records, capped: false };
  }
  return { records, capped: true };
}

/** The most specific key given, as an RSQL filter and in words. */
function query(keys: DeviceKeys): { filter: string; asked: string; none: string } | undefined {
  const id = keys.ids?.[JAMF_SOURCE];
  if (id !== undefined) return { filter: `id==${doubleQuoted(id)}`, asked: `id ${id}`, none: `no computer with id ${id}` };
  if (keys.serial !== undefined) {
    const serial = normSerial(keys.serial);
    return { filter: `hardware.serialNumber==${doubleQuoted(serial)}`, asked: `serial ${serial}`, none: `no computer with serial ${serial}` };
  }
  if (keys.udid !== undefined) return { filter: `udid==${doubleQuoted(keys.udid)}`, asked: `UDID ${keys.udid}`, none: `no computer with UDID ${keys.udid}` };
  if (keys.hostname !== undefined) {
    const name = normHost(keys.hostname);
    return { filter: `general.name==${doubleQuoted(name)}`, asked: `name ${name}`, none: `no computer named ${name}` };
  }
  if (keys.user !== undefined) {
    const u = doubleQuoted(keys.user);
    return { filter: `userAndLocation.email==${u},userAndLocation.username==${u}`, asked: `user ${keys.user}`, none: `no computer assigned to ${keys.user}` };
  }
  return undefined;
}

/**
 * Jamf's side of finding the Mac: the computers-inventory search (RSQL) by Jamf id, serial, UDID,
 * `general.name` or the assigned user's e-mail or user name, every page. The most specific key given is
 * asked; the other keys narrow the result afterwards.
 */
export async function lookupJamfMacs(api: JamfApi, keys: DeviceKeys, signal: AbortSignal): Promise<SystemAnswer> {
  const q = query(keys);
  if (!q) return { source: JAMF_SOURCE, label: LABEL, asked: [], outcome: 'none', said: 'nothing to ask by', records: [] };
  try {
    const { records, capped } = await search(api, q.filter, signal);
    const count = records.length === 1 ? '1 computer' : `${records.length} computers`;
    return {
      source: JAMF_SOURCE,
      label: LABEL,
      asked: [q.asked],
      outcome: records.length > 0 ? 'found' : 'none',
      said: records.length > 0 ? `${count}${capped ? ` (stopped after ${MAX_PAGES * PAGE_SIZE})` : ''}` : q.none,
      records,
    };
  } catch (error) {
    if (error instanceof HttpError) return { source: JAMF_SOURCE, label: LABEL, asked: [q.asked], outcome: 'error', said: error.message, records: [] };
    throw error;
  }
}

export function jamfIdentityResolver(api: JamfApi): IdentityResolver {
  return { source: JAMF_SOURCE, label: LABEL, lookup: (keys, signal) => lookupJamfMacs(api, keys, signal) };
}

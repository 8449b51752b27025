// Classic GET /JSSResource/computerhistory/{id|name|udid|serialnumber|macaddress}/{value}[/subset/A&B]: JSON or XML.
import { header, type Exchange, type Reply } from '../http-util.js';
import { cloneJson, objectField, valuesAt, type JsonObject } from '../json.js';
import { restletPage } from './errors.js';
import { toXml } from './xml.js';

/** Subset names (lower case, no underscores) → response key, with the key's value when the data has none. */
const SUBSETS: Record<string, [key: string, empty: () => unknown]> = {
  general: ['general', () => ({})],
  computerusagelogs: ['computer_usage_logs', () => []],
  audits: ['audits', () => []],
  policylogs: ['policy_logs', () => []],
  casperremotelogs: ['casper_remote_logs', () => []],
  screensharinglogs: ['screen_sharing_logs', () => []],
  casperimaginglogs: ['casper_imaging_logs', () => []],
  commands: ['commands', () => ({ completed: [], pending: [], failed: [] })],
  userlocation: ['user_location', () => []],
  macappstoreapplications: ['mac_app_store_applications', () => ({ installed: [], pending: [], failed: [] })],
};

/** Lookup key in the path → the `general` field it matches. */
const LOOKUPS: Record<string, string> = { id: 'id', name: 'name', udid: 'udid', serialnumber: 'serial_number', macaddress: 'mac_address' };

const ITEM_NAMES: Record<string, string> = {
  computer_usage_logs: 'usage_log',
  audits: 'audit',
  policy_logs: 'policy_log',
  casper_remote_logs: 'casper_remote_log',
  screen_sharing_logs: 'screen_sharing_log',
  casper_imaging_logs: 'casper_imaging_log',
  user_location: 'location',
  commands: 'command',
  mac_app_store_applications: 'app',
};

function itemName(path: readonly string[]): string {
  const top = path[0] ?? '';
  return ITEM_NAMES[top] ?? (top.endsWith('s') ? top.slice(0, -1) : 'item');
}

/** The computer's history: jamf/history.json, or an empty history built from the inventory record. */
export function historyFrom(history: JsonObject | undefined, computers: readonly JsonObject[]): JsonObject | undefined {
  if (history) return history;
  const computer = computers[0];
  if (!computer) return undefined;
  const hardware = objectField(computer, 'hardware') ?? {};
  return {
    general: {
      id: Number(computer.id),
      name: objectField(computer, 'general')?.name ?? '',
      udid: computer.udid ?? '',
      serial_number: hardware.serialNumber ?? '',
      mac_address: hardware.macAddress ?? '',
    },
  };
}

function wantsJson(ex: Exchange): boolean {
  const accept = header(ex.headers, 'accept') ?? '';
  const json = accept.indexOf('application/json');
  const xml = accept.search(/(application|text)\/xml/);
  return json >= 0 && (xml < 0 || json < xml);
}

export function computerHistory(ex: Exchange, history: JsonObject | undefined, lookup: string, value: string, subset: string | undefined): Reply {
  const field = LOOKUPS[lookup.toLowerCase()];
  const general = history && objectField(history, 'general');
  const actual = general && valuesAt(general, [field ?? ''])[0];
  if (!field || !history || actual === undefined || String(actual).toLowerCase() !== value.toLowerCase()) return restletPage(404);

  const names = subset === undefined ? Object.keys(SUBSETS) : subset.split('&').map((s) => s.toLowerCase().replace(/_/g, ''));
  const body: JsonObject = {};
  for (const name of names) {
    const entry = SUBSETS[name];
    if (!entry) return restletPage(400);
    const [key, empty] = entry;
    body[key] = key in history ? cloneJson(history[key]) : empty();
  }
  if (wantsJson(ex)) {
    return { status: 200, headers: { 'content-type': 'application/json;charset=UTF-8' }, body: JSON.stringify({ computer_history: body }) };
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?>${toXml('computer_history', body, itemName)}`;
  return { status: 200, headers: { 'content-type': 'application/xml;charset=UTF-8' }, body: xml };
}

/** Splits a Classic computerhistory path into lookup, value and subset, or undefined when it is not one. */
export function parseHistoryPath(pathname: string): { lookup: string; value: string; subset: string | undefined } | undefined {
  const match = /^\/JSSResource\/computerhistory\/([^/]+)\/([^/]+)(?:\/subsets?\/([^/]+))?\/?$/i.exec(pathname);
  if (!match) return undefined;
  try {
    return { lookup: match[1]!, value: decodeURIComponent(match[2]!), subset: match[3] === undefined ? undefined : decodeURIComponent(match[3]) };
  } catch {
    return undefined;
  }
}

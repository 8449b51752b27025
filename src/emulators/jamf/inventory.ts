// GET /api/{v1,v3,v4}/computers-inventory[/{id}] and /computers-inventory-detail/{id}.
import { jsonReply, type Exchange, type Reply } from '../http-util.js';
import { cloneJson, isObject, valuesAt, type JsonObject } from '../json.js';
import { apiError, computerNotFound } from './errors.js';
import { filterParam, pageOf, sortParam, sortRecords } from './query.js';
import { evaluateRsql } from './rsql.js';

export type InventoryVersion = 'v1' | 'v3' | 'v4';

/** Section name → response key, and whether the section is a list. */
const SECTIONS: Record<string, [key: string, list: boolean]> = {
  GENERAL: ['general', false],
  DISK_ENCRYPTION: ['diskEncryption', false],
  PURCHASING: ['purchasing', false],
  APPLICATIONS: ['applications', true],
  STORAGE: ['storage', false],
  USER_AND_LOCATION: ['userAndLocation', false],
  CONFIGURATION_PROFILES: ['configurationProfiles', true],
  PRINTERS: ['printers', true],
  SERVICES: ['services', true],
  HARDWARE: ['hardware', false],
  LOCAL_USER_ACCOUNTS: ['localUserAccounts', true],
  CERTIFICATES: ['certificates', true],
  ATTACHMENTS: ['attachments', true],
  PACKAGE_RECEIPTS: ['packageReceipts', false],
  SECURITY: ['security', false],
  OPERATING_SYSTEM: ['operatingSystem', false],
  LICENSED_SOFTWARE: ['licensedSoftware', true],
  IBEACONS: ['ibeacons', true],
  SOFTWARE_UPDATES: ['softwareUpdates', true],
  EXTENSION_ATTRIBUTES: ['extensionAttributes', true],
  CONTENT_CACHING: ['contentCaching', false],
  GROUP_MEMBERSHIPS: ['groupMemberships', true],
  PLUGINS: ['plugins', true],
  FONTS: ['fonts', true],
};
const V1_ONLY = new Set(['PLUGINS', 'FONTS']);

const FILTER_FIELDS = [
  'id', 'udid', 'general.name', 'general.managementId', 'general.assetTag', 'general.platform', 'general.supervised',
  'general.remoteManagement.managed', 'general.mdmCapable.capable', 'general.lastIpAddress', 'general.reportDate',
  'general.lastEnrolledDate', 'general.enrolledViaAutomatedDeviceEnrollment', 'general.userApprovedMdm',
  'general.declarativeDeviceManagementEnabled', 'hardware.serialNumber', 'hardware.model', 'hardware.modelIdentifier',
  'hardware.macAddress', 'hardware.appleSilicon', 'operatingSystem.version', 'operatingSystem.build',
  'userAndLocation.username', 'userAndLocation.email',
];
const FILTERS: Record<InventoryVersion, ReadonlySet<string>> = {
  v1: new Set([...FILTER_FIELDS, 'general.lastContactTime']),
  v3: new Set([...FILTER_FIELDS, 'general.lastContactTime']),
  v4: new Set([...FILTER_FIELDS, 'general.lastContact', 'general.lastCheckIn']),
};

function sectionsOf(version: InventoryVersion): string[] {
  return Object.keys(SECTIONS).filter((s) => version === 'v1' || !V1_ONLY.has(s));
}

/** The record with the version's field names: v4 has lastContact/lastCheckIn, v1–v3 lastContactTime (and lastReportedIp). */
function forVersion(stored: JsonObject, version: InventoryVersion): JsonObject {
  const computer = cloneJson(stored);
  const general = computer.general;
  if (!isObject(general)) return computer;
  if (version === 'v4') {
    general.lastContact ??= general.lastContactTime ?? null;
    general.lastCheckIn ??= general.lastContactTime ?? null;
    delete general.lastContactTime;
    delete general.lastReportedIp;
  } else {
    general.lastContactTime ??= general.lastContact ?? null;
    delete general.lastContact;
    delete general.lastCheckIn;
  }
  return computer;
}

/** id, udid and the requested sections (empty when the record lacks them); the other sections null. */
function withSections(computer: JsonObject, sections: ReadonlySet<string>, version: InventoryVersion): JsonObject {
  const out: JsonObject = { id: computer.id ?? null, udid: computer.udid ?? null };
  for (const name of sectionsOf(version)) {
    const [key, list] = SECTIONS[name]!;
    out[key] = sections.has(name) ? (computer[key] ?? (list ? [] : null)) : null;
  }
  return out;
}

/** `section`, repeated or comma-joined; GENERAL when absent. */
function sectionParam(ex: Exchange, version: InventoryVersion): Set<string> | Reply {
  const names = ex.url.searchParams.getAll('section').flatMap((s) => s.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  const known = new Set(sectionsOf(version));
  const unknown = names.find((n) => !known.has(n));
  if (unknown !== undefined) return apiError(400, 'INVALID_FIELD', `Unknown section ${unknown}`, 'section');
  return new Set(names.length === 0 ? ['GENERAL'] : names);
}

export function listComputers(ex: Exchange, stored: readonly JsonObject[], version: InventoryVersion): Reply {
  const sections = sectionParam(ex, version);
  if (!(sections instanceof Set)) return sections;
  const parsed = filterParam(ex, FILTERS[version]);
  if ('reply' in parsed) return parsed.reply;
  const sort = sortParam(ex, 'general.name:asc');
  if (!sort) return apiError(400, 'INVALID_FIELD', 'sort must be field:asc or field:desc, comma-separated', 'sort');
  const valueAt = (c: JsonObject, path: string): unknown => valuesAt(c, path.split('.'))[0];
  const computers = sortRecords(
    stored.map((c) => forVersion(c, version)).filter((c) => !parsed.filter || evaluateRsql(parsed.filter, (selector) => valueAt(c, selector))),
    sort,
    valueAt,
  );
  const page = pageOf(ex, computers.map((c) => withSections(c, sections, version)));
  return 'status' in page ? page : jsonReply(200, page);
}

/** One computer: `/computers-inventory/{id}` (requested sections, GENERAL by default) or `-detail/{id}` (all). */
export function getComputer(ex: Exchange, stored: readonly JsonObject[], version: InventoryVersion, id: string, detail: boolean): Reply {
  const found = stored.find((c) => String(c.id) === id);
  if (!found) return computerNotFound();
  const sections = detail ? new Set(sectionsOf(version)) : sectionParam(ex, version);
  if (!(sections instanceof Set)) return sections;
  return jsonReply(200, withSections(forVersion(found, version), sections, version));
}

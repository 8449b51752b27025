import { isJsonObject, type JsonObject, type JsonValue } from '../../io/json-file.js';
import { HttpError } from '../../net/errors.js';
import type { JamfApi } from './jamf-api.js';

/** Newest first: v1 and v3 are deprecated but still what older servers have. */
export const INVENTORY_VERSIONS = ['v4', 'v3', 'v1'] as const;
export type InventoryVersion = (typeof INVENTORY_VERSIONS)[number];
const LIST_SECTIONS = ['GENERAL', 'HARDWARE', 'OPERATING_SYSTEM', 'USER_AND_LOCATION'];

export interface InventoryPage {
  version: InventoryVersion;
  /** The list response as received. */
  list: JsonValue;
  results: JsonObject[];
  totalCount: number;
}

/**
 * One page of `computers-inventory` for an RSQL filter, from the newest inventory API the server has
 * (a 404 means an older server: the next version is tried). `version` skips the probing once known.
 */
export async function searchInventory(api: JamfApi, filter: string, signal: AbortSignal, page = 0, pageSize = 10, version?: InventoryVersion): Promise<InventoryPage> {
  const params = [...LIST_SECTIONS.map((s) => `section=${s}`), `page=${page}`, `page-size=${pageSize}`, `filter=${encodeURIComponent(filter)}`].join('&');
  for (const v of version ? [version] : INVENTORY_VERSIONS) {
    const answer = await api.get(`/api/${v}/computers-inventory?${params}`, signal);
    if (answer.status === 404) continue;
    const raw = isJsonObject(answer.json) ? answer.json['results'] : undefined;
    const results = Array.isArray(raw) ? raw.filter(isJsonObject) : [];
    const total = isJsonObject(answer.json) && typeof answer.json['totalCount'] === 'number' ? answer.json['totalCount'] : results.length;
    return { version: v, list: answer.json, results, totalCount: total };
  }
  throw new HttpError('status', 'this Jamf Pro server has no computers-inventory endpoint (tried v4, v3, v1)');
}

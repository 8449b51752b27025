import { isJsonObject, type JsonObject } from '../../io/json-file.js';
import { objectAt, own, stringAt } from '../../io/json-access.js';
import { HttpError } from '../../net/errors.js';
import type { InventoryReader, InventoryRecord } from '../../sweep/types.js';
import { parseZonedTimestamp } from '../../time/timestamp.js';
import type { JamfApi } from './jamf-api.js';
import { doubleQuoted } from '../../text/double-quoted.js';

const VERSIONS = ['v4', 'v3', 'v1'] as const;
/** Serials per RSQL `=in=` query; the page holds the whole batch. */
export const SERIAL_BATCH = 50;
const SECTIONS = ['GENERAL', 'HARDWARE', 'OPERATING_SYSTEM'];

function instant(text: string | undefined): number | null {
  if (text === undefined) return null;
  const ms = parseZonedTimestamp(text)?.epochMs;
  // Jamf writes the epoch for "never".
  return ms === undefined || ms <= 0 ? null : ms;
}

function record(c: JsonObject): InventoryRecord | undefined {
  const serial = stringAt(objectAt(c, 'hardware'), 'serialNumber');
  if (serial === undefined) return undefined;
  const general = objectAt(c, 'general');
  const managed = own(objectAt(general, 'remoteManagement'), 'managed');
  return {
    serial,
    managed: typeof managed === 'boolean' ? managed : null,
    lastCheckInMs: instant(stringAt(general, 'lastContact') ?? stringAt(general, 'lastCheckIn') ?? stringAt(general, 'lastContactTime')),
    osVersion: stringAt(objectAt(c, 'operatingSystem'), 'version') ?? null,
  };
}

/**
 * Many computers' state from Jamf Pro in a few requests: computers-inventory filtered with
 * `hardware.serialNumber=in=(…)` in batches (newest API version the server has), only the sections
 * the sweep shows. Five requests at a time, as JamfApi allows.
 */
export class JamfInventoryBatch implements InventoryReader {
  readonly name = 'jamf';
  private version: (typeof VERSIONS)[number] | undefined;

  constructor(private readonly api: JamfApi) {}

  async bySerials(serials: readonly string[], signal: AbortSignal): Promise<{ records: InventoryRecord[]; requests: number }> {
    const batches: string[][] = [];
    for (let i = 0; i < serials.length; i += SERIAL_BATCH) batches.push(serials.slice(i, i + SERIAL_BATCH));
    let requests = 0;
    const pages = await Promise.all(
      batches.map(async (batch) => {
        const filter = `hardware.serialNumber=in=(${batch.map(doubleQuoted).join(',')})`;
        const query = [...SECTIONS.map((s) => `section=${s}`), 'page=0', `page-size=${SERIAL_BATCH}`, `filter=${encodeURIComponent(filter)}`].join('&');
        for (const version of this.version ? [this.version] : VERSIONS) {
          requests++;
          const answer = await this.api.get(`/api/${version}/computers-inventory?${query}`, signal);
          if (answer.status === 404) continue;
          this.version = version;
          const results = isJsonObject(answer.json) ? answer.json['results'] : undefined;
          return Array.isArray(results) ? results.filter(isJsonObject) : [];
        }
        throw new HttpError('status', 'this Jamf Pro server has no computers-inventory endpoint (tried v4, v3, v1)');
      }),
    );
    const records = pages.flat().map(record).filter((r): r is InventoryRecord => r !== undefined);
    return { records, requests };
  }
}

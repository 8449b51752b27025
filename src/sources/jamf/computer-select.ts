/**
 * Finds the device's record in a computers-inventory document: a detail object is the record; a
 * list response {"totalCount", "results"} is searched by serial, and duplicates are counted.
 */
import { isJsonObject, type JsonObject, type JsonValue } from '../../io/json-file.js';
import { describeJamfErrorBody } from './document.js';
import { arrayAt, idAt, objectAt, pointer, stringAt, type Skip } from './fields.js';

export type ComputerSelection =
  | {
      kind: 'record';
      record: JsonObject;
      /** Pointer of the record in the file ("" for a detail object, "/results/N" for a list). */
      base: string;
      recordsFound: number;
      notes: string[];
    }
  | { kind: 'not-found'; base: string }
  | { kind: 'error'; error: string };

export function serialOf(record: JsonObject): string | undefined {
  return stringAt(objectAt(record, 'hardware'), 'serialNumber');
}

function sameSerial(a: string | undefined, b: string): boolean {
  return a !== undefined && a.trim().toUpperCase() === b.trim().toUpperCase();
}

function recordLabel(record: JsonObject): string {
  return idAt(record, 'id') ?? idAt(record, 'udid') ?? '(no id)';
}

export function selectComputerRecord(doc: JsonValue, serial: string | undefined, skips: Skip[]): ComputerSelection {
  if (!isJsonObject(doc)) {
    return { kind: 'error', error: `not a Jamf computer record (${Array.isArray(doc) ? 'a JSON array' : 'not a JSON object'})` };
  }
  if (isJsonObject(doc['general'])) return { kind: 'record', record: doc, base: '', recordsFound: 1, notes: [] };

  const results = arrayAt(doc, 'results');
  if (!results) {
    return { kind: 'error', error: describeJamfErrorBody(doc) ?? 'not a Jamf computer record (no "general" or "results")' };
  }

  const records: { record: JsonObject; index: number }[] = [];
  results.forEach((item, index) => {
    if (isJsonObject(item)) records.push({ record: item, index });
    else skips.push({ at: pointer('', 'results', index), reason: 'inventory result is not an object' });
  });
  const first = records[0];
  if (!first) return { kind: 'not-found', base: '/results' };

  const notes: string[] = [];
  const wanted = serial?.trim() ? serial.trim() : undefined;
  if (wanted === undefined) {
    if (records.length > 1) {
      notes.push(`${records.length} Jamf inventory records and no serial to choose by; using id ${recordLabel(first.record)}`);
    }
    return { kind: 'record', record: first.record, base: pointer('', 'results', first.index), recordsFound: records.length, notes };
  }

  const matches = records.filter(({ record }) => sameSerial(serialOf(record), wanted));
  const chosen = matches[0];
  if (!chosen) {
    // Requested without the HARDWARE section, or the server ignored the filter: keep the first record
    // rather than none, and say that it was not matched by serial.
    const other = serialOf(first.record);
    notes.push(
      `no Jamf inventory record has serial ${wanted}; using id ${recordLabel(first.record)}` +
        (other ? ` (serial ${other})` : ' (no serial in the record)'),
    );
    return { kind: 'record', record: first.record, base: pointer('', 'results', first.index), recordsFound: records.length, notes };
  }
  if (matches.length > 1) {
    notes.push(`${matches.length} Jamf inventory records match serial ${wanted}; using id ${recordLabel(chosen.record)}`);
  }
  return { kind: 'record', record: chosen.record, base: pointer('', 'results', chosen.index), recordsFound: matches.length, notes };
}

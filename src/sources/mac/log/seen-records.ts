/**
 * Unified-log records already read in one device read, by `machTimestamp` and `traceID` (together
 * they name one record): two `log show` captures of overlapping windows, or one appended to another,
 * bring the same record twice. Shared by the log files of a read, which are parsed in order.
 */
export class SeenRecords {
  private readonly keys = new Set<string>();

  /** True when the record was read before; otherwise remembers it. */
  repeated(machTimestamp: string, traceID: string): boolean {
    const key = `${machTimestamp}/${traceID}`;
    if (this.keys.has(key)) return true;
    this.keys.add(key);
    return false;
  }
}

/** Which 64-bit id of a record; `log show` writes them as bare integers that may exceed 2^53. */
export type RecordIdKey = 'machTimestamp' | 'traceID';

/** Reads an id's digits as written in the record's text, for ids the parsed number rounded. */
export type ExactDigits = (key: RecordIdKey) => string | undefined;

/** The id's decimal digits, exact even when JSON parsing rounded the number. */
export function recordId(record: Readonly<Record<string, unknown>>, key: RecordIdKey, exact: ExactDigits): string | undefined {
  const value = record[key];
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : exact(key);
  return typeof value === 'string' && /^\d+$/.test(value) ? value : undefined;
}

import type { TimelineEvent } from '../../../model/event.js';
import type { FileReport } from '../../../model/file-report.js';
import type { LineSink } from '../../../io/lines.js';
import { LogShowRecords } from './log-show-record.js';
import type { RecordIdKey, SeenRecords } from './seen-records.js';
import { isBannerLine } from './text-log-parser.js';

/** The line as a JSON object, or undefined when it is not one. */
function parseRecord(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const WRITTEN_ID: Record<RecordIdKey, RegExp> = { machTimestamp: /"machTimestamp"\s*:\s*(\d+)/, traceID: /"traceID"\s*:\s*(\d+)/ };

/**
 * `log show --style ndjson`: one JSON object per line. The `{"count":N,"finished":1}` trailer and
 * any non-JSON banner are skipped.
 */
export class NdjsonLogParser implements LineSink {
  private readonly records: LogShowRecords;

  constructor(
    rel: string,
    private readonly report: FileReport,
    emit: (event: TimelineEvent) => void,
    seen: SeenRecords,
  ) {
    this.records = new LogShowRecords(rel, report, emit, seen);
  }

  line(text: string, lineNo: number, truncated: boolean): void {
    if (text.charCodeAt(0) !== 123 /* { */) {
      if (text.trim() === '' || isBannerLine(text)) return;
      this.report.skip(lineNo, 'not a JSON object');
      return;
    }
    if (truncated) {
      this.report.skip(lineNo, 'line longer than the line cap');
      return;
    }
    const record = parseRecord(text);
    if (record === undefined) {
      this.report.skip(lineNo, 'not valid JSON');
      return;
    }
    this.records.take(record, lineNo, lineNo, (key) => WRITTEN_ID[key].exec(text)?.[1]);
  }

  end(): void {
    this.records.end();
  }
}

import type { TimelineEvent } from '../../../model/event.js';
import type { FileReport } from '../../../model/file-report.js';
import type { LineSink } from '../../../io/lines.js';
import { LogShowRecords } from './log-show-record.js';
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
  ) {
    this.records = new LogShowRecords(rel, report, emit);
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
    this.records.take(record, lineNo, lineNo);
  }

  end(): void {}
}

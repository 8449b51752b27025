import type { TimelineEvent } from '../../model/event.js';
import type { FileReport } from '../../model/file-report.js';
import type { LineSink } from '../../io/lines.js';
import { epochOfOffsetTime, scanTimestamp } from '../../time/timestamp.js';
import { logRecordToEvent } from './log-record.js';
import { isBannerLine } from './text-log-parser.js';

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/**
 * `log show --style ndjson`: one JSON object per line. The `{"count":N,"finished":1}` trailer and
 * any non-JSON banner are skipped. 64-bit ids (traceID) lose precision in JSON.parse but are not
 * used; the raw line stays in the file for display.
 */
export class NdjsonLogParser implements LineSink {
  constructor(
    private readonly rel: string,
    private readonly report: FileReport,
    private readonly emit: (event: TimelineEvent) => void,
  ) {}

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
    let record: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      record = parsed as Record<string, unknown>;
    } catch {
      this.report.skip(lineNo, 'not valid JSON');
      return;
    }
    if ('finished' in record && !('timestamp' in record)) return;
    const timestamp = str(record.timestamp);
    const w = scanTimestamp(timestamp, 0);
    if (!w || w.offsetMinutes === undefined) {
      this.report.skip(lineNo, timestamp ? 'timestamp is not a real date or time with an offset' : 'no timestamp');
      return;
    }
    const eventType = str(record.eventType);
    this.emit(
      logRecordToEvent(this.rel, {
        line: lineNo,
        endLine: lineNo,
        epochMs: epochOfOffsetTime(w),
        micros: w.micros,
        originalTime: timestamp,
        timeNote: undefined,
        process: basename(str(record.processImagePath)),
        pid: typeof record.processID === 'number' ? record.processID : undefined,
        messageType: str(record.messageType) || (eventType === 'logEvent' ? '' : eventType),
        subsystem: str(record.subsystem),
        category: str(record.category),
        text: str(record.eventMessage),
      }),
    );
  }

  end(): void {}
}

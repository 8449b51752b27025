import type { TimelineEvent } from '../../../model/event.js';
import type { FileReport } from '../../../model/file-report.js';
import type { LineSink } from '../../../io/lines.js';
import { epochOfOffsetTime, scanTimestamp } from '../../../time/timestamp.js';
import { FieldInterner, LogEventFactory } from './log-record.js';
import { own } from './own-strings.js';
import { isBannerLine } from './text-log-parser.js';

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/** The fields of a `log show` record that trustline reads. */
interface LogShowFields {
  /** Whether the record has a `timestamp` / `finished` key at all (the `{"count":…,"finished":1}` trailer has no timestamp). */
  hasTimestamp: boolean;
  hasFinished: boolean;
  timestamp: string;
  processImagePath: string;
  processID: number | undefined;
  messageType: string;
  eventType: string;
  subsystem: string;
  category: string;
  eventMessage: string;
}

/** The fields of one line, or undefined when it is not a JSON object. */
function parseRecord(text: string): LogShowFields | undefined {
  let record: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    record = parsed as Record<string, unknown>;
  } catch {
    return undefined;
  }
  return {
    hasTimestamp: 'timestamp' in record,
    hasFinished: 'finished' in record,
    timestamp: str(record.timestamp),
    processImagePath: str(record.processImagePath),
    processID: typeof record.processID === 'number' ? record.processID : undefined,
    messageType: str(record.messageType),
    eventType: str(record.eventType),
    subsystem: str(record.subsystem),
    category: str(record.category),
    eventMessage: str(record.eventMessage),
  };
}

/**
 * `log show --style ndjson`: one JSON object per line. The `{"count":N,"finished":1}` trailer and
 * any non-JSON banner are skipped. 64-bit ids (traceID) lose precision in JSON.parse but are not
 * used; the raw line stays in the file for display.
 */
export class NdjsonLogParser implements LineSink {
  private readonly events: LogEventFactory;
  private readonly fields = new FieldInterner();

  constructor(
    rel: string,
    private readonly report: FileReport,
    private readonly emit: (event: TimelineEvent) => void,
  ) {
    this.events = new LogEventFactory(rel);
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
    if (record.hasFinished && !record.hasTimestamp) return;
    const { timestamp } = record;
    const w = scanTimestamp(timestamp, 0);
    if (!w || w.offsetMinutes === undefined) {
      this.report.skip(lineNo, timestamp ? 'timestamp is not a real date or time with an offset' : 'no timestamp');
      return;
    }
    const f = this.fields;
    this.emit(
      this.events.event({
        line: lineNo,
        endLine: lineNo,
        epochMs: epochOfOffsetTime(w),
        micros: w.micros,
        originalTime: own(timestamp),
        timeNote: undefined,
        process: f.get(basename(record.processImagePath)),
        pid: record.processID,
        messageType: f.get(record.messageType || (record.eventType === 'logEvent' ? '' : record.eventType)),
        subsystem: f.get(record.subsystem),
        category: f.get(record.category),
        text: record.eventMessage,
      }),
    );
  }

  end(): void {}
}

import type { TimelineEvent } from '../../../model/event.js';
import type { FileReport } from '../../../model/file-report.js';
import { epochOfOffsetTime, scanTimestamp } from '../../../time/timestamp.js';
import { FieldInterner, LogEventFactory } from './log-record.js';
import { own } from './own-strings.js';
import { recordId, type ExactDigits, type SeenRecords } from './seen-records.js';

function str(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? path : path.slice(slash + 1);
}

/**
 * Emits the events of `log show --style ndjson` and `--style json` records: the same keys in both
 * styles, one object per record. The `{"count":N,"finished":1}` trailer is not a record.
 */
export class LogShowRecords {
  private readonly events: LogEventFactory;
  private readonly fields = new FieldInterner();
  private repeats = 0;

  constructor(
    rel: string,
    private readonly report: FileReport,
    private readonly emit: (event: TimelineEvent) => void,
    private readonly seen: SeenRecords,
  ) {
    this.events = new LogEventFactory(rel);
  }

  /** `exact` gives an id's digits as written, for ids the parsed number rounded. */
  take(record: Readonly<Record<string, unknown>>, line: number, endLine: number, exact: ExactDigits): void {
    if ('finished' in record && !('timestamp' in record)) return;
    const timestamp = str(record.timestamp);
    const w = scanTimestamp(timestamp, 0);
    if (!w || w.offsetMinutes === undefined) {
      this.report.skip(line, timestamp ? 'timestamp is not a real date or time with an offset' : 'no timestamp');
      return;
    }
    if (this.isRepeat(record, exact)) return;
    const f = this.fields;
    const eventType = str(record.eventType);
    this.emit(
      this.events.event({
        line,
        endLine,
        epochMs: epochOfOffsetTime(w),
        micros: w.micros,
        originalTime: own(timestamp),
        timeNote: undefined,
        process: f.get(basename(str(record.processImagePath))),
        pid: typeof record.processID === 'number' ? record.processID : undefined,
        messageType: f.get(str(record.messageType) || (eventType === 'logEvent' ? '' : eventType)),
        subsystem: f.get(str(record.subsystem)),
        category: f.get(str(record.category)),
        text: str(record.eventMessage),
      }),
    );
  }

  end(): void {
    if (this.repeats > 0) this.report.note(`${this.repeats} record(s) already read (same machTimestamp and traceID, from an overlapping capture) shown once`);
  }

  private isRepeat(record: Readonly<Record<string, unknown>>, exact: ExactDigits): boolean {
    const mach = recordId(record, 'machTimestamp', exact);
    const trace = recordId(record, 'traceID', exact);
    if (mach === undefined || trace === undefined || !this.seen.repeated(mach, trace)) return false;
    this.repeats++;
    return true;
  }
}

import type { TimelineEvent } from '../../../model/event.js';
import type { FileReport } from '../../../model/file-report.js';
import type { LineSink } from '../../../io/lines.js';
import { FieldInterner, LogEventFactory, type LogRecord } from './log-record.js';

/** What a style says about one line: a record start, a broken record start, or neither. */
export type HeadResult = LogRecord | { bad: string } | null;

const MAX_CONTINUATION_LINES = 200;
const MAX_RECORD_CHARS = 16 * 1024;
const RECORD_START = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}/;

/** Lines `log` prints around the data: column headers, the predicate banner, noise from getpwuid. */
export function isBannerLine(text: string): boolean {
  return (
    text.startsWith('Timestamp ') ||
    text.startsWith('Filtering the log data') ||
    text.startsWith('Skipping ') ||
    text.startsWith('getpwuid_r') ||
    text.startsWith('Error from getpwuid_r')
  );
}

export function looksLikeRecordStart(text: string): boolean {
  return RECORD_START.test(text);
}

/**
 * Shared machinery of the text styles: record starts are recognised by the style, every other line
 * continues the open record (multi-line messages), headers and the counts footer are skipped, and
 * lines that belong nowhere are counted as malformed.
 */
export abstract class TextLogParser implements LineSink {
  private open: LogRecord | undefined;
  /** Continuation lines of the open record; allocated only for multi-line messages. */
  private extraLines: string[] | undefined;
  private openChars = 0;
  private discarding = false;
  private inFooter = false;
  private truncatedLines = 0;
  private readonly events: LogEventFactory;
  /** Styles pass processes, subsystems, categories and message types through this: one copy each. */
  protected readonly fields = new FieldInterner();

  constructor(
    protected readonly rel: string,
    protected readonly report: FileReport,
    private readonly emit: (event: TimelineEvent) => void,
  ) {
    this.events = new LogEventFactory(rel);
  }

  protected abstract head(text: string, lineNo: number): HeadResult;

  /** Called once after the last line; styles add their own notes here. */
  protected finish(): void {}

  line(text: string, lineNo: number, truncated: boolean): void {
    if (truncated) this.truncatedLines++;
    if (this.inFooter) {
      if (text === '' || text.startsWith('Log ') || text.startsWith('Activity ')) return;
      this.inFooter = false;
    }
    // The counts footer's rule; a pasted excerpt may have it one space off the rest.
    if (text.length >= 20 && (text.startsWith('--------------------') || text.startsWith(' -------------------')) && /^ ?-+$/.test(text)) {
      this.close();
      this.inFooter = true;
      return;
    }
    const result = this.head(text, lineNo);
    if (result !== null) {
      this.close();
      if ('bad' in result) {
        this.report.skip(lineNo, result.bad);
        this.discarding = true;
      } else {
        this.open = result;
        this.openChars = result.text.length;
      }
      return;
    }
    if (isBannerLine(text)) {
      this.close();
      return;
    }
    if (this.open) {
      this.continueRecord(text, lineNo);
      return;
    }
    if (this.discarding || text.trim() === '') return;
    this.report.skip(lineNo, 'not a log record in this style');
  }

  end(): void {
    this.close();
    if (this.truncatedLines > 0) {
      this.report.note(`${this.truncatedLines} line(s) longer than the line cap were cut`);
    }
    this.finish();
  }

  private continueRecord(text: string, lineNo: number): void {
    const open = this.open!;
    if (text.trim() !== '') open.endLine = lineNo;
    this.extraLines ??= [];
    if (this.extraLines.length < MAX_CONTINUATION_LINES && this.openChars < MAX_RECORD_CHARS) {
      this.extraLines.push(text);
      this.openChars += text.length + 1;
    }
  }

  private close(): void {
    this.discarding = false;
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    const extra = this.extraLines;
    if (extra) {
      this.extraLines = undefined;
      // Trailing blank lines before the footer or the next record are layout, not message.
      while (extra.length > 0 && extra[extra.length - 1]!.trim() === '') extra.pop();
      if (extra.length > 0) open.text = `${open.text}\n${extra.join('\n')}`;
    }
    this.emit(this.events.event(open));
  }
}

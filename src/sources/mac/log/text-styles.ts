import type { ParseContext } from '../../../model/context.js';
import type { TimelineEvent } from '../../../model/event.js';
import type { FileReport } from '../../../model/file-report.js';
import { epochOfOffsetTime, scanTimestamp, type WallTime } from '../../../time/timestamp.js';
import { splitComposedMessage, splitSenderAndSubsystem, type SenderAndSubsystem } from './composed-message.js';
import type { FieldInterner, LogRecord } from './log-record.js';
import { own } from './own-strings.js';
import { LocalClock } from './local-clock.js';
import { looksLikeRecordStart, TextLogParser, type HeadResult } from './text-log-parser.js';

const COMPACT_TYPES: Record<string, string> = { Df: 'Default', I: 'Info', Db: 'Debug', E: 'Error', F: 'Fault', A: 'Activity', S: 'Signpost' };

function skipSpaces(text: string, i: number): number {
  while (text.charCodeAt(i) === 32) i++;
  return i;
}

function tokenEnd(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) !== 32) i++;
  return i;
}

function badTimestamp(text: string): { bad: string } | null {
  return looksLikeRecordStart(text) ? { bad: 'timestamp is not a real date or time' } : null;
}

interface ZonedHead {
  w: WallTime;
  epochMs: number;
}

function zonedHead(text: string): ZonedHead | { bad: string } | null {
  const w = scanTimestamp(text, 0);
  if (!w) return badTimestamp(text);
  if (w.offsetMinutes === undefined) return { bad: 'timestamp without a UTC offset' };
  return { w, epochMs: epochOfOffsetTime(w) };
}

/** A record of the styles whose timestamps carry their own offset (default, syslog). */
function zonedRecord(text: string, lineNo: number, t: ZonedHead, process: string, pid: number, messageType: string, m: SenderAndSubsystem, f: FieldInterner): LogRecord {
  return {
    line: lineNo,
    endLine: lineNo,
    epochMs: t.epochMs,
    micros: t.w.micros,
    originalTime: own(text.slice(0, t.w.length)),
    timeNote: undefined,
    process: f.get(process),
    pid,
    messageType: f.get(messageType),
    subsystem: f.get(m.subsystem),
    category: f.get(m.category),
    text: m.text,
  };
}

/** `log show` default style: timestamp, thread, type, activity, pid, ttl, then the composed message. */
export class DefaultStyleParser extends TextLogParser {
  protected head(text: string, lineNo: number): HeadResult {
    const t = zonedHead(text);
    if (!t || 'bad' in t) return t;
    const columns: string[] = [];
    let i = t.w.length;
    for (let c = 0; c < 5; c++) {
      i = skipSpaces(text, i);
      const end = tokenEnd(text, i);
      if (end === i) return { bad: 'default-style line with missing columns' };
      columns.push(text.slice(i, end));
      i = end;
    }
    const [thread, type, activity, pid] = columns as [string, string, string, string, string];
    if (!thread.startsWith('0x') || !activity.startsWith('0x')) return { bad: 'default-style line with unexpected thread or activity column' };
    const m = splitComposedMessage(text.slice(skipSpaces(text, i)));
    return zonedRecord(text, lineNo, t, m.process, Number(pid), type, m, this.fields);
  }
}

const SYSLOG_PROCESS = /\[(\d+)\](?: <(\w+)>)?:(?: |$)/g;

/** `log show --style syslog` and modern install.log: timestamp with offset, host, `process[pid]:`, message. */
export class SyslogStyleParser extends TextLogParser {
  protected head(text: string, lineNo: number): HeadResult {
    const t = zonedHead(text);
    if (!t || 'bad' in t) return t;
    const hostStart = skipSpaces(text, t.w.length);
    const hostEnd = tokenEnd(text, hostStart);
    SYSLOG_PROCESS.lastIndex = hostEnd;
    const p = SYSLOG_PROCESS.exec(text);
    if (!p || hostEnd === hostStart) return { bad: 'syslog-style line without process[pid]:' };
    const m = splitSenderAndSubsystem(text.slice(p.index + p[0].length));
    return zonedRecord(text, lineNo, t, text.slice(hostEnd + 1, p.index), Number(p[1]), p[2] ?? '', m, this.fields);
  }
}

const COMPACT_PROCESS = /\[(\d+):([0-9a-fA-F]+)\](?: |$)/g;

/** `log show --style compact`: local time with milliseconds and no offset, placed with the device zone. */
export class CompactStyleParser extends TextLogParser {
  private readonly clock: LocalClock;

  constructor(rel: string, report: FileReport, emit: (event: TimelineEvent) => void, ctx: ParseContext) {
    super(rel, report, emit);
    this.clock = new LocalClock(ctx.deviceTimeZone, `${rel} (compact style)`, report);
  }

  protected head(text: string, lineNo: number): HeadResult {
    const w = scanTimestamp(text, 0);
    if (!w) return badTimestamp(text);
    if (w.offsetMinutes !== undefined || text.charCodeAt(w.length) !== 32) return { bad: 'compact-style line with an unexpected timestamp' };
    const type = COMPACT_TYPES[text.slice(w.length + 1, w.length + 3).trim()];
    COMPACT_PROCESS.lastIndex = w.length + 4;
    const p = COMPACT_PROCESS.exec(text);
    if (!type || !p) return { bad: 'compact-style line without type or process[pid:tid]' };
    const m = splitSenderAndSubsystem(text.slice(p.index + p[0].length));
    const at = this.clock.resolve(w, lineNo);
    return {
      line: lineNo,
      endLine: lineNo,
      epochMs: at.epochMs,
      micros: undefined,
      originalTime: own(text.slice(0, w.length)),
      timeNote: at.note ?? this.clock.baseNote,
      process: this.fields.get(text.slice(w.length + 4, p.index).trim()),
      pid: Number(p[1]),
      messageType: type,
      subsystem: this.fields.get(m.subsystem),
      category: this.fields.get(m.category),
      text: m.text,
    };
  }

  protected override finish(): void {
    this.clock.finish();
  }
}

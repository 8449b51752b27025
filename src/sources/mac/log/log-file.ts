import type { ParseContext } from '../../../model/context.js';
import type { TimelineEvent } from '../../../model/event.js';
import { FileReport } from '../../../model/file-report.js';
import { feedFile, feedText, type LineSink } from '../../../io/lines.js';
import { scanTimestamp } from '../../../time/timestamp.js';
import { BsdSyslogParser, isBsdSyslogLine } from './bsd-syslog.js';
import { JsonArrayLogParser } from './json-array.js';
import { NdjsonLogParser } from './ndjson.js';
import { SeenRecords } from './seen-records.js';
import { isBannerLine } from './text-log-parser.js';
import { CompactStyleParser, DefaultStyleParser, SyslogStyleParser } from './text-styles.js';

export type LogStyle = 'ndjson' | 'json' | 'default' | 'compact' | 'syslog' | 'bsd';

const HEADERS: [RegExp, LogStyle][] = [
  [/^Timestamp\s+Thread\s+Type\s+Activity/, 'default'],
  [/^Timestamp\s+Ty\s+Process\[PID:TID\]/, 'compact'],
  [/^Timestamp\s+\(process\)\[PID\]/, 'syslog'],
];

/** Which style a single line is written in, if it says. */
export function styleOfLine(text: string): LogStyle | undefined {
  if (text.charCodeAt(0) === 123) return 'ndjson';
  if (text.charCodeAt(0) === 91 /* [ */) return 'json';
  for (const [pattern, style] of HEADERS) if (pattern.test(text)) return style;
  const w = scanTimestamp(text, 0);
  if (w) {
    if (w.offsetMinutes === undefined) return 'compact';
    let i = w.length;
    while (text.charCodeAt(i) === 32) i++;
    return text.startsWith('0x', i) ? 'default' : 'syslog';
  }
  return isBsdSyslogLine(text) ? 'bsd' : undefined;
}

const SNIFF_LINES = 200;
const VOTES_NEEDED = 12;

function createParser(style: LogStyle, rel: string, report: FileReport, emit: (e: TimelineEvent) => void, ctx: ParseContext, seen: SeenRecords): LineSink {
  switch (style) {
    case 'ndjson':
      return new NdjsonLogParser(rel, report, emit, seen);
    case 'json':
      return new JsonArrayLogParser(rel, report, emit, seen);
    case 'default':
      return new DefaultStyleParser(rel, report, emit);
    case 'syslog':
      return new SyslogStyleParser(rel, report, emit);
    case 'compact':
      return new CompactStyleParser(rel, report, emit, ctx);
    case 'bsd':
      return new BsdSyslogParser(rel, report, emit, ctx);
  }
}

/**
 * Holds the first lines of a file until their style is clear (a header line settles it at once,
 * otherwise a majority of record lines), then replays them into the parser for that style.
 */
export class StyleDetectingSink implements LineSink {
  private buffered: { text: string; lineNo: number; truncated: boolean }[] = [];
  private readonly votes = new Map<LogStyle, number>();
  private parser: LineSink | undefined;
  /** Indentation every line of a pasted excerpt carries; undefined until a line settles it. */
  private indent: string | undefined;
  style: LogStyle | undefined;

  constructor(
    private readonly rel: string,
    private readonly report: FileReport,
    private readonly emit: (e: TimelineEvent) => void,
    private readonly ctx: ParseContext,
    private readonly seen: SeenRecords,
  ) {}

  line(raw: string, lineNo: number, truncated: boolean): void {
    const text = this.indent ? (raw.startsWith(this.indent) ? raw.slice(this.indent.length) : raw) : raw;
    if (this.parser) {
      this.parser.line(text, lineNo, truncated);
      return;
    }
    if (this.indent === undefined && this.settleIndent(text)) {
      this.line(raw, lineNo, truncated);
      return;
    }
    this.buffered.push({ text, lineNo, truncated });
    const style = styleOfLine(text);
    if (style) {
      const isHeader = text.startsWith('Timestamp') || style === 'json';
      const count = (this.votes.get(style) ?? 0) + (isHeader ? VOTES_NEEDED : 1);
      this.votes.set(style, count);
      if (count >= VOTES_NEEDED) this.decide(style);
    } else if (this.buffered.length >= SNIFF_LINES) {
      this.decideByVotes();
    }
  }

  end(): void {
    if (!this.parser) this.decideByVotes();
    if (this.parser) {
      this.parser.end();
    } else if (this.buffered.some((l) => l.text.trim() !== '')) {
      this.report.fail('no known log style (expected log show ndjson, json, default, compact or syslog style, or BSD syslog)');
    } else {
      this.report.note('empty log file');
    }
  }

  /**
   * An excerpt pasted into an issue or a ticket is often indented as a whole (two or four spaces, a tab).
   * The first line that reads as log output once its indentation is taken off settles how much every
   * line loses; a first such line without indentation settles that there is none. True when it was settled.
   */
  private settleIndent(text: string): boolean {
    const first = text.charCodeAt(0);
    if (first !== 32 && first !== 9) {
      if (styleOfLine(text) !== undefined || isBannerLine(text)) this.indent = '';
      return false;
    }
    const body = text.trimStart();
    if (body === '' || (styleOfLine(body) === undefined && !isBannerLine(body))) return false;
    const indent = text.slice(0, text.length - body.length);
    this.indent = indent;
    for (const l of this.buffered) if (l.text.startsWith(indent)) l.text = l.text.slice(indent.length);
    return true;
  }

  private decideByVotes(): void {
    let best: LogStyle | undefined;
    for (const [style, count] of this.votes) if (!best || count > (this.votes.get(best) ?? 0)) best = style;
    if (best) this.decide(best);
  }

  private decide(style: LogStyle): void {
    this.style = style;
    this.parser = createParser(style, this.rel, this.report, this.emit, this.ctx, this.seen);
    const lines = this.buffered;
    this.buffered = [];
    for (const l of lines) this.parser.line(l.text, l.lineNo, l.truncated);
  }
}

export interface DeviceLogResult {
  events: TimelineEvent[];
  report: FileReport;
  style: LogStyle | undefined;
}

async function parseDeviceLog(rel: string, ctx: ParseContext, seen: SeenRecords, feed: (sink: LineSink) => Promise<unknown>): Promise<DeviceLogResult> {
  const report = new FileReport(rel);
  const events: TimelineEvent[] = [];
  const sink = new StyleDetectingSink(rel, report, (e) => events.push(e), ctx, seen);
  try {
    await feed(sink);
  } catch (error) {
    report.fail(`cannot read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return { events, report, style: sink.style };
}

/**
 * Reads one device log file of any supported style into events. Records of the JSON styles already in
 * `seen` (read from an earlier file of the same read, or earlier in this one) are shown once.
 */
export function parseDeviceLogFile(path: string, rel: string, ctx: ParseContext, seen = new SeenRecords()): Promise<DeviceLogResult> {
  return parseDeviceLog(rel, ctx, seen, (sink) => feedFile(path, sink));
}

/** The same for log output already in memory (captured over SSH); `rel` is where a bundle would keep it. */
export function parseDeviceLogText(text: string, rel: string, ctx: ParseContext, seen = new SeenRecords()): Promise<DeviceLogResult> {
  return parseDeviceLog(rel, ctx, seen, async (sink) => feedText(text, sink));
}

import type { ParseContext } from '../../../model/context.js';
import type { TimelineEvent } from '../../../model/event.js';
import type { FileReport } from '../../../model/file-report.js';
import { civilFromDays, isValidCalendarTime } from '../../../time/timestamp.js';
import { zoneOffsetMinutes } from '../../../time/zone.js';
import { LocalClock } from './local-clock.js';
import { splitSenderAndSubsystem } from './composed-message.js';
import { own } from './own-strings.js';
import { TextLogParser, type HeadResult } from './text-log-parser.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// An optional weekday prefix covers /var/log/jamf.log ("Fri Nov 20 06:02:11 host jamf[812]: …").
const BSD_START = /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) )?(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([ \d]\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))? /;
// `host proc[pid] <Level>: msg`, or securityd's host-less `proc[pid] <Level> [facility]: msg`.
const BSD_PROCESS = /^(?:(\S+) )?([^\s[][^[]*?)\[(\d+)\](?: <(\w+)>)?(?::| (?=\[))\s?/;
const DAY_MS = 86_400_000;

export function isBsdSyslogLine(text: string): boolean {
  return BSD_START.test(text);
}

/**
 * Legacy BSD syslog (`/var/log/system.log`, `/var/log/jamf.log`): no year and no zone. The year comes from the collection
 * date in the device zone, rolled back one year when the date would otherwise lie in the future.
 */
export class BsdSyslogParser extends TextLogParser {
  private readonly clock: LocalClock;
  private readonly anchorMs: number;
  private readonly anchorYear: number;
  private readonly yearNote: string;
  /** Lines read in each year: said in the reading notes, as the year is trustline's choice, not the line's. */
  private readonly linesByYear = new Map<number, number>();

  constructor(rel: string, report: FileReport, emit: (event: TimelineEvent) => void, ctx: ParseContext) {
    super(rel, report, emit);
    this.clock = new LocalClock(ctx.deviceTimeZone, `${rel} (BSD syslog)`, report);
    this.anchorMs = ctx.collectedAtMs ?? Date.now();
    if (ctx.collectedAtMs === undefined) report.note('BSD syslog lines carry no year; meta.json has no collectedAt, so the year is taken from today');
    const localAnchor = this.anchorMs + (ctx.deviceTimeZone ? zoneOffsetMinutes(ctx.deviceTimeZone, this.anchorMs) * 60_000 : 0);
    this.anchorYear = civilFromDays(Math.floor(localAnchor / DAY_MS)).year;
    this.yearNote = 'no year or zone in the line: year from the collection date';
  }

  protected head(text: string, lineNo: number): HeadResult {
    const t = BSD_START.exec(text);
    if (!t) return null;
    const rest = text.slice(t[0].length);
    const month = MONTHS.indexOf(t[1]!) + 1;
    const day = Number(t[2]!.trim());
    const [hour, minute, second] = [Number(t[3]), Number(t[4]), Number(t[5])];
    const frac = t[6] ?? '';
    const millis = frac ? Number(frac.padEnd(6, '0').slice(0, 3)) : 0;
    const micros = frac.length > 3 ? Number(frac.padEnd(6, '0').slice(3, 6)) : undefined;

    let year = this.anchorYear;
    if (!isValidCalendarTime(year, month, day, hour, minute, second)) {
      // Feb 29 only exists in leap years: try the previous year before giving up.
      year--;
      if (!isValidCalendarTime(year, month, day, hour, minute, second)) return { bad: 'timestamp is not a real date or time' };
    }
    let at = this.clock.resolve({ year, month, day, hour, minute, second, millis }, lineNo);
    if (at.epochMs > this.anchorMs + DAY_MS) {
      year--;
      if (!isValidCalendarTime(year, month, day, hour, minute, second)) return { bad: 'timestamp is not a real date or time' };
      at = this.clock.resolve({ year, month, day, hour, minute, second, millis }, lineNo);
    }
    this.linesByYear.set(year, (this.linesByYear.get(year) ?? 0) + 1);
    const p = BSD_PROCESS.exec(rest);
    const m = splitSenderAndSubsystem(p ? rest.slice(p[0].length) : rest);
    return {
      line: lineNo,
      endLine: lineNo,
      epochMs: at.epochMs,
      micros,
      originalTime: own(text.slice(0, t[0].length - 1)),
      timeNote: this.fields.get(`${at.note ?? this.yearNote} (${year}); ${this.clock.baseNote}`),
      process: this.fields.get(p ? p[2]!.trim() : ''),
      pid: p ? Number(p[3]) : undefined,
      messageType: this.fields.get(p?.[4] ?? ''),
      subsystem: this.fields.get(m.subsystem),
      category: this.fields.get(m.category),
      text: m.text,
    };
  }

  protected override finish(): void {
    this.clock.finish();
    if (this.linesByYear.size === 0) return;
    const years = [...this.linesByYear].sort(([a], [b]) => b - a).map(([year, n]) => `${n} in ${year}`);
    const rolled = this.linesByYear.size > 1 ? `; a date after the collection is read as the year before` : '';
    this.report.note(`BSD syslog lines carry no year: read as the collection's year ${this.anchorYear} (${years.join(', ')})${rolled}`);
  }
}

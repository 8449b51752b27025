import type { EventFields, TimelineEvent } from '../../../model/event.js';
import { macGenericKind } from '../kinds.js';
import { classifyLogLine, NO_FIELDS } from './classify.js';
import { flat, own } from './own-strings.js';

/** One unified-log record, whatever style it was printed in. */
export interface LogRecord {
  line: number;
  endLine: number;
  epochMs: number;
  micros: number | undefined;
  originalTime: string;
  timeNote: string | undefined;
  process: string;
  pid: number | undefined;
  messageType: string;
  subsystem: string;
  category: string;
  text: string;
}

/** Longest summary kept per event; the raw record stays in the file for the detail view. */
export const MAX_SUMMARY_CHARS = 500;

const MAX_INTERNED = 4096;

/** One shared copy per distinct value: processes, subsystems, categories and message types repeat across a log. */
export class FieldInterner {
  private readonly values = new Map<string, string>();

  get(s: string): string {
    const known = this.values.get(s);
    if (known !== undefined) return known;
    const copy = own(s);
    // A log of ever-new values (should one exist) only stops being shared, never grows the table further.
    if (this.values.size < MAX_INTERNED) this.values.set(copy, copy);
    return copy;
  }
}

function oneLine(text: string): string {
  const line = text.includes('\n') ? text.replace(/\r?\n/g, ' ⏎ ') : text;
  return line.length > MAX_SUMMARY_CHARS ? line.slice(0, MAX_SUMMARY_CHARS - 1) + '…' : line;
}

/** Device log events name no device or user themselves; one frozen object serves them all. */
const NO_KEYS = Object.freeze({});

function recordFields(r: LogRecord): EventFields {
  // One literal per shape: a property added later would cost the object a second block.
  return r.pid === undefined
    ? { process: r.process, subsystem: r.subsystem, category: r.category, messageType: r.messageType }
    : { process: r.process, subsystem: r.subsystem, category: r.category, messageType: r.messageType, pid: r.pid };
}

const MAX_SHARED = 64;

/**
 * Builds events for one file: `device:FILE:LINE` ids and raw references share the file's name, and
 * events with the same process, pid, subsystem, category and message type (and no fields of their
 * own kind) share one fields object (TimelineEvent.fields is read-only).
 */
export class LogEventFactory {
  private readonly idPrefix: string;
  private readonly sharedFields = new Map<string, EventFields[]>();

  constructor(private readonly rel: string) {
    this.idPrefix = `device:${rel}:`;
  }

  private commonFields(r: LogRecord): EventFields {
    let known = this.sharedFields.get(r.process);
    if (known === undefined) {
      known = [];
      if (this.sharedFields.size < MAX_INTERNED) this.sharedFields.set(r.process, known);
    }
    for (const f of known) {
      if (f['pid'] === r.pid && f['subsystem'] === r.subsystem && f['category'] === r.category && f['messageType'] === r.messageType) return f;
    }
    const fields = recordFields(r);
    if (known.length < MAX_SHARED) known.push(fields);
    return fields;
  }

  event(r: LogRecord): TimelineEvent {
    const c = classifyLogLine(r);
    let fields: EventFields;
    if (c.fields === NO_FIELDS) {
      fields = this.commonFields(r);
    } else {
      fields = recordFields(r);
      for (const key in c.fields) fields[key] = c.fields[key]!;
    }
    const id = flat(this.idPrefix + r.line);
    const raw = r.endLine > r.line ? { file: this.rel, line: r.line, endLine: r.endLine } : { file: this.rel, line: r.line };
    const summary = r.process ? flat(oneLine(r.process + ': ' + r.text)) : own(oneLine(r.text));
    const { epochMs, originalTime, micros } = r;
    const event: TimelineEvent = micros === undefined
      ? { id, epochMs, originalTime, source: 'device', kind: c.kind, generic: macGenericKind(c.kind), severity: c.severity, summary, keys: NO_KEYS, raw, fields, deviceClock: true }
      : { id, epochMs, originalTime, source: 'device', kind: c.kind, generic: macGenericKind(c.kind), severity: c.severity, summary, keys: NO_KEYS, raw, fields, deviceClock: true, micros };
    if (r.timeNote) event.timeNote = r.timeNote;
    return event;
  }
}

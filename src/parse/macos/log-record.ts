import type { EventFields, TimelineEvent } from '../../model/event.js';
import { classifyLogLine } from './classify.js';

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

function oneLine(text: string): string {
  const flat = text.includes('\n') ? text.replace(/\r?\n/g, ' ⏎ ') : text;
  return flat.length > MAX_SUMMARY_CHARS ? flat.slice(0, MAX_SUMMARY_CHARS - 1) + '…' : flat;
}

/** Device log events name no device or user themselves; one frozen object serves them all. */
const NO_KEYS = Object.freeze({});

export function logRecordToEvent(rel: string, r: LogRecord): TimelineEvent {
  const c = classifyLogLine(r);
  const fields: EventFields = { process: r.process, subsystem: r.subsystem, category: r.category, messageType: r.messageType };
  if (r.pid !== undefined) fields.pid = r.pid;
  for (const key in c.fields) fields[key] = c.fields[key]!;
  const event: TimelineEvent = {
    id: `device:${rel}:${r.line}`,
    epochMs: r.epochMs,
    originalTime: r.originalTime,
    source: 'device',
    kind: c.kind,
    severity: c.severity,
    summary: oneLine(r.process ? `${r.process}: ${r.text}` : r.text),
    keys: NO_KEYS,
    raw: r.endLine > r.line ? { file: rel, line: r.line, endLine: r.endLine } : { file: rel, line: r.line },
    fields,
    deviceClock: true,
  };
  if (r.micros !== undefined) event.micros = r.micros;
  if (r.timeNote) event.timeNote = r.timeNote;
  return event;
}

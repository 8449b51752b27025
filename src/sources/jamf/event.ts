/** Building Jamf timeline events: one constructor, stable unique ids, expiry severities. */
import { daysBetween } from '../../time/days-between.js';
import type { EventFields, EventKeys, Severity, TimelineEvent } from '../../model/event.js';
import { collapseWhitespace, truncate } from '../../text/one-line.js';
import type { Instant } from '../../time/timestamp.js';
import { jamfGenericKind } from './kinds.js';

export const DAY_MS = 86_400_000;
/** An expiry this close after collection is worth a warning. */
export const EXPIRY_WARNING_MS = 30 * DAY_MS;

export interface JamfEventSpec {
  id: string;
  kind: string;
  severity: Severity;
  /** May contain external text; made one safe line here. */
  summary: string;
  instant: Instant;
  originalTime: string;
  pointer: string;
  fields: Record<string, string | number | boolean | null | undefined>;
  timeNote?: string;
}

const SUMMARY_MAX = 300;

export function jamfEvent(spec: JamfEventSpec, file: string, keys: EventKeys): TimelineEvent {
  const fields: EventFields = {};
  for (const [name, value] of Object.entries(spec.fields)) if (value !== undefined) fields[name] = value;
  const event: TimelineEvent = {
    id: spec.id,
    epochMs: spec.instant.epochMs,
    originalTime: spec.originalTime,
    source: 'jamf',
    kind: spec.kind,
    generic: jamfGenericKind(spec.kind),
    severity: spec.severity,
    // Raw text, one line: sanitising happens where it is displayed or exported.
    summary: truncate(collapseWhitespace(spec.summary), SUMMARY_MAX),
    keys: { ...keys },
    raw: { file, pointer: spec.pointer },
    fields,
  };
  if (spec.instant.micros !== undefined) event.micros = spec.instant.micros;
  if (spec.timeNote) event.timeNote = spec.timeNote;
  return event;
}

/**
 * Hands out event ids, suffixing `#2`, `#3` … when a source repeats an identifier (the same profile
 * installed for two users), so ids stay unique and still stable for the same input.
 */
export class EventIds {
  private readonly used = new Map<string, number>();

  claim(id: string): string {
    const seen = this.used.get(id) ?? 0;
    this.used.set(id, seen + 1);
    return seen === 0 ? id : `${id}#${seen + 1}`;
  }
}

/** 'error' once expired at collection time, 'warn' when expiring within 30 days of it, else 'info'. */
export function expirySeverity(expiresMs: number, collectedAtMs: number | undefined): Severity {
  if (collectedAtMs === undefined) return 'info';
  if (expiresMs <= collectedAtMs) return 'error';
  return expiresMs - collectedAtMs <= EXPIRY_WARNING_MS ? 'warn' : 'info';
}

/** "expired", "expires in 12 days" or "expires", judged at collection time. */
export function expiryPhrase(expiresMs: number, collectedAtMs: number | undefined): string {
  if (collectedAtMs === undefined) return 'expires';
  if (expiresMs <= collectedAtMs) return 'expired';
  const left = expiresMs - collectedAtMs;
  if (left > EXPIRY_WARNING_MS) return 'expires';
  return left < DAY_MS ? 'expires within a day' : `expires in ${daysBetween(collectedAtMs, expiresMs)}`;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 0, warn: 1, error: 2 };

export function worstSeverity(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] >= SEVERITY_RANK[b] ? a : b;
}

import { fileURLToPath } from 'node:url';
import type { ParseContext } from '../../../src/model/context.js';
import type { TimelineEvent } from '../../../src/model/event.js';

export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/jamf/${name}`, import.meta.url));
}

/** 2026-11-20T14:30:00Z, the collection time of every Jamf fixture. */
export const COLLECTED_AT_MS = 1_795_185_000_000;

export const CTX: ParseContext = {
  collectedAtMs: COLLECTED_AT_MS,
  deviceTimeZone: 'Europe/Berlin',
  serial: 'C02FX1TLQ6L4',
  hostname: 'alice-mbp',
  user: 'alice@example.com',
};

/** The parts of an event most assertions care about, in timeline-independent file order. */
export function outline(events: TimelineEvent[]): [string, string, string, number][] {
  return events.map((e) => [e.id, e.kind, e.severity, e.epochMs]);
}

export function byId(events: TimelineEvent[], id: string): TimelineEvent {
  const event = events.find((e) => e.id === id);
  if (!event) throw new Error(`no event ${id} among ${events.map((e) => e.id).join(', ')}`);
  return event;
}

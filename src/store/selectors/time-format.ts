import { formatIsoUtc } from '../../time/timestamp.js';
import { zoneOffsetMinutes } from '../../time/zone.js';
import type { TimeMode } from '../types.js';

export interface TimeZones {
  /** The Mac's IANA zone, when meta.json names it. */
  device: string | undefined;
  /** This terminal's zone. */
  local: string;
}

/** The zone a mode shows, or undefined for UTC. */
export function zoneOf(mode: TimeMode, zones: TimeZones): string | undefined {
  if (mode === 'device') return zones.device;
  if (mode === 'local') return zones.local;
  return undefined;
}

/** UTC → device zone (skipped when unknown) → local zone → UTC. */
export function nextTimeMode(mode: TimeMode, zones: TimeZones): TimeMode {
  if (mode === 'utc') return zones.device ? 'device' : 'local';
  if (mode === 'device') return 'local';
  return 'utc';
}

export function timeModeLabel(mode: TimeMode, zones: TimeZones): string {
  if (mode === 'utc') return 'UTC';
  return `${zoneOf(mode, zones) ?? 'UTC'} (${mode})`;
}

function offsetText(minutes: number, colon: boolean): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${sign}${hh}${colon ? ':' : ''}${mm}`;
}

/**
 * An instant for display. `short` (timeline rows): `11-20 14:02:11.123Z`, or with the zone's offset
 * (`11-20 07:02:11.123-0700`); `full` (details): ISO 8601, `Z` for UTC.
 */
export function formatTime(epochMs: number, mode: TimeMode, zones: TimeZones, style: 'short' | 'full' = 'short', micros?: number): string {
  const zone = zoneOf(mode, zones);
  const offset = zone ? zoneOffsetMinutes(zone, epochMs) : 0;
  const iso = formatIsoUtc(epochMs + offset * 60_000, style === 'full' ? micros : undefined).slice(0, -1);
  const suffix = zone ? offsetText(offset, style === 'full') : 'Z';
  return (style === 'full' ? iso : iso.slice(5).replace('T', ' ')) + suffix;
}

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

export interface RowTime {
  /** `11-20`, or `2025-11-20` with the year. */
  date: string;
  /** `14:02:11.123Z`, or with the zone's offset (`07:02:11.123-0700`). */
  time: string;
}

/** A timeline row's instant, date and time apart (the row shows its date only where the day changes). */
export function rowTime(epochMs: number, mode: TimeMode, zones: TimeZones, withYear = false): RowTime {
  const zone = zoneOf(mode, zones);
  const offset = zone ? zoneOffsetMinutes(zone, epochMs) : 0;
  const iso = formatIsoUtc(epochMs + offset * 60_000);
  return { date: iso.slice(withYear ? 0 : 5, 10), time: iso.slice(11, -1) + (zone ? offsetText(offset, false) : 'Z') };
}

/** Whether two instants fall in different years as shown: then the timeline's rows show the year. */
export function crossesYear(firstMs: number, lastMs: number, mode: TimeMode, zones: TimeZones): boolean {
  return rowTime(firstMs, mode, zones, true).date.slice(0, 4) !== rowTime(lastMs, mode, zones, true).date.slice(0, 4);
}

/** An instant in full (details): ISO 8601, `Z` for UTC, else the zone's offset (`2026-11-20T07:02:11.123-07:00`). */
export function formatTime(epochMs: number, mode: TimeMode, zones: TimeZones, micros?: number): string {
  const zone = zoneOf(mode, zones);
  const offset = zone ? zoneOffsetMinutes(zone, epochMs) : 0;
  return formatIsoUtc(epochMs + offset * 60_000, micros).slice(0, -1) + (zone ? offsetText(offset, true) : 'Z');
}

import type { InventoryRecord } from './types.js';

/** The MDM's view of the devices of one signature, summarised. */
export interface InventorySummary {
  /** Index of the signature the devices belong to. */
  signature: number;
  source: string;
  /** Devices of the signature looked up (at most MAX_SERIALS), and how many had a serial to look up by. */
  devices: number;
  withSerial: number;
  found: number;
  managed: number;
  unmanaged: number;
  /** OS versions among the devices found, most common first. */
  osVersions: { version: string; devices: number }[];
  oldestCheckInMs: number | null;
  newestCheckInMs: number | null;
  error?: string;
}

export function summarizeInventory(signature: number, source: string, devices: number, serials: readonly string[], records: readonly InventoryRecord[]): InventorySummary {
  const wanted = new Set(serials.map((s) => s.toUpperCase()));
  const found = new Map<string, InventoryRecord>();
  for (const r of records) if (wanted.has(r.serial.toUpperCase())) found.set(r.serial.toUpperCase(), r);
  const versions = new Map<string, number>();
  let managed = 0;
  let unmanaged = 0;
  let oldest: number | null = null;
  let newest: number | null = null;
  for (const r of found.values()) {
    if (r.managed === true) managed++;
    if (r.managed === false) unmanaged++;
    const v = r.osVersion ?? 'unknown';
    versions.set(v, (versions.get(v) ?? 0) + 1);
    if (r.lastCheckInMs !== null) {
      oldest = oldest === null ? r.lastCheckInMs : Math.min(oldest, r.lastCheckInMs);
      newest = newest === null ? r.lastCheckInMs : Math.max(newest, r.lastCheckInMs);
    }
  }
  return {
    signature,
    source,
    devices,
    withSerial: wanted.size,
    found: found.size,
    managed,
    unmanaged,
    osVersions: [...versions].map(([version, n]) => ({ version, devices: n })).sort((a, b) => b.devices - a.devices || a.version.localeCompare(b.version)),
    oldestCheckInMs: oldest,
    newestCheckInMs: newest,
  };
}

/** "35 of 37 on macOS 15.1, all managed": the inventory in one line. */
export function inventoryLine(s: InventorySummary): string {
  if (s.error) return `${s.source}: ${s.error}`;
  if (s.found === 0) return `${s.source}: none of the ${s.devices} devices found (${s.withSerial} with a serial)`;
  const top = s.osVersions[0];
  const os = top ? `${top.devices} of ${s.found} on ${top.version === 'unknown' ? 'an unknown OS version' : `OS ${top.version}`}` : '';
  const managed = s.managed === s.found ? 'all managed' : `${s.managed} managed, ${s.unmanaged} not managed`;
  const missing = s.found < s.devices ? `, ${s.devices - s.found} not found` : '';
  return `${s.source}: ${os}, ${managed}${missing}`;
}

import type { Analysis } from '../model/analysis.js';
import type { TimelineEvent } from '../model/event.js';

const norm = (value: string) => value.trim().toLowerCase();

/**
 * The identifiers of the device under triage and its user, gathered from meta.json and every source,
 * so a signature can ask for events about this Mac only (`mine: true`) when a source also carries
 * other users' or devices' events.
 */
export class DeviceIdentitySet {
  private readonly values = new Set<string>();

  constructor(analysis: Analysis) {
    const { device, identities } = analysis;
    const add = (value: string | null | undefined) => {
      if (value) this.values.add(norm(value));
    };
    add(device.serial);
    add(device.hostname);
    add(device.user);
    for (const id of identities) {
      // A record for another Mac (a duplicate, a reimaged serial) does not make its events ours.
      if (device.serial && id.serial && norm(id.serial) !== norm(device.serial)) continue;
      add(id.serial);
      add(id.udid);
      for (const value of Object.values(id.vendorIds)) add(value);
      for (const email of id.emails) add(email);
    }
  }

  /** Whether the event names this device or its user by any key. */
  includes(e: TimelineEvent): boolean {
    const k = e.keys;
    for (const value of [k.serial, k.udid, k.hostname, k.user, k.oktaDeviceId, k.managementId]) {
      if (value !== undefined && this.values.has(norm(value))) return true;
    }
    return false;
  }
}

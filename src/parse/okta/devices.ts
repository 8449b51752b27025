import type { ParseContext } from '../../model/context.js';
import type { OktaDeviceRecord } from '../../model/device-state.js';
import type { TimelineEvent } from '../../model/event.js';
import { FileReport } from '../../model/file-report.js';
import { oktaDeviceEvent } from './device-event.js';
import { readOktaDevice } from './device-record.js';
import { readOktaArrayFile } from './read-array-file.js';

export interface OktaDevicesResult {
  /** One per distinct device id, in file order. */
  records: OktaDeviceRecord[];
  /** One `okta.device.state` event per record that has a usable `lastUpdated`. */
  events: TimelineEvent[];
  report: FileReport;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? `1 ${one}` : `${count} ${many}`;
}

/** Reads a saved GET /api/v1/devices response (a JSON array of Device objects, optionally with expand=userSummary). */
export async function parseOktaDevicesFile(path: string, rel: string, ctx: ParseContext): Promise<OktaDevicesResult> {
  const report = new FileReport(rel);
  const records: OktaDeviceRecord[] = [];
  const events: TimelineEvent[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  let untimed = 0;

  await readOktaArrayFile(path, report, { arrayOf: 'Okta devices', noun: 'devices' }, (item, index) => {
    const pointer = `/${index}`;
    const device = readOktaDevice(item);
    if ('skip' in device) {
      report.skip(pointer, device.skip);
      return;
    }
    if (seen.has(device.record.id)) {
      duplicates++;
      return;
    }
    seen.add(device.record.id);
    records.push(device.record);
    const event = oktaDeviceEvent(device, { file: rel, pointer }, ctx);
    if (event) events.push(event);
    else untimed++;
  });

  if (duplicates > 0) report.note(`${plural(duplicates, 'duplicate device', 'duplicate devices')} (same id) merged`);
  if (untimed > 0) {
    report.note(`${plural(untimed, 'device has', 'devices have')} no usable lastUpdated time: state kept, no timeline event`);
  }
  return { records, events, report };
}

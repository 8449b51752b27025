import type { JsonValue } from '../../io/json-file.js';
import type { ParseContext } from '../../model/context.js';
import type { OktaDeviceRecord } from './state.js';
import type { TimelineEvent } from '../../model/event.js';
import { FileReport } from '../../model/file-report.js';
import { oktaDeviceEvent, oktaDeviceNotFoundEvent } from './device-event.js';
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

/** Collects Devices API objects (one saved response, or the pages of a live search) into records and events. */
export class OktaDeviceCollector {
  readonly records: OktaDeviceRecord[] = [];
  readonly events: TimelineEvent[] = [];
  private readonly seen = new Set<string>();
  private duplicates = 0;
  private untimed = 0;

  constructor(
    readonly report: FileReport,
    private readonly ctx: ParseContext,
  ) {}

  add = (item: JsonValue, index: number): void => {
    const pointer = `/${index}`;
    const device = readOktaDevice(item);
    if ('skip' in device) {
      this.report.skip(pointer, device.skip);
      return;
    }
    if (this.seen.has(device.record.id)) {
      this.duplicates++;
      return;
    }
    this.seen.add(device.record.id);
    this.records.push(device.record);
    const event = oktaDeviceEvent(device, { file: this.report.file, pointer }, this.ctx);
    if (event) this.events.push(event);
    else this.untimed++;
  };

  finish(): OktaDevicesResult {
    if (this.records.length === 0 && this.report.skipped === 0 && this.report.fatal === undefined) {
      const event = oktaDeviceNotFoundEvent(this.report.file, this.ctx);
      if (event) this.events.push(event);
    }
    if (this.duplicates > 0) this.report.note(`${plural(this.duplicates, 'duplicate device', 'duplicate devices')} (same id) merged`);
    if (this.untimed > 0) {
      this.report.note(`${plural(this.untimed, 'device has', 'devices have')} no usable lastUpdated time: state kept, no timeline event`);
    }
    return { records: this.records, events: this.events, report: this.report };
  }
}

/** Reads a saved GET /api/v1/devices response (a JSON array of Device objects, optionally with expand=userSummary). */
export async function parseOktaDevicesFile(path: string, rel: string, ctx: ParseContext): Promise<OktaDevicesResult> {
  const collector = new OktaDeviceCollector(new FileReport(rel), ctx);
  await readOktaArrayFile(path, collector.report, { arrayOf: 'Okta devices', noun: 'devices' }, collector.add);
  return collector.finish();
}

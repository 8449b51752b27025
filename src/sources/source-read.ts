import type { JamfDeviceState, OktaDeviceRecord, ProbeFacts } from '../model/device-state.js';
import type { SourceName, TimelineEvent } from '../model/event.js';
import { FileReport } from '../model/file-report.js';

/** What one source produced, from bundle files or live: events plus one report per document read. */
export interface SourceRead {
  name: SourceName;
  present: boolean;
  events: TimelineEvent[];
  reports: FileReport[];
}

export interface JamfRead extends SourceRead {
  state: JamfDeviceState | undefined;
}

export interface OktaRead extends SourceRead {
  devices: OktaDeviceRecord[];
}

export interface DeviceRead extends SourceRead {
  probes: ProbeFacts;
}

/** A live source that stopped early (its deadline): what it fetched before is kept, the source is partial. */
export function stoppedReport(name: SourceName, reason: string): FileReport {
  const report = new FileReport(name);
  report.stop(reason);
  return report;
}

/** A live source that failed as a whole (bad credentials, unreachable): present, no events, one reason. */
export function failedReport(name: SourceName, reason: string): FileReport {
  const report = new FileReport(name);
  report.fail(reason);
  return report;
}

import { FileReport } from '../model/file-report.js';

/** A live source that stopped early (its deadline): what it fetched before is kept, the source is partial. */
export function stoppedReport(name: string, reason: string): FileReport {
  const report = new FileReport(name);
  report.stop(reason);
  return report;
}

/** A live source that failed as a whole (bad credentials, unreachable): present, no events, one reason. */
export function failedReport(name: string, reason: string): FileReport {
  const report = new FileReport(name);
  report.fail(reason);
  return report;
}

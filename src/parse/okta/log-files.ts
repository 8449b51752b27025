import { basename } from 'node:path';
import type { ParseContext } from '../../model/context.js';
import type { TimelineEvent } from '../../model/event.js';
import { FileReport } from '../../model/file-report.js';
import { isSkippedRecord, normalizeOktaEvent } from './log-event.js';
import { readOktaArrayFile } from './read-array-file.js';

/** okta/devices.json sits beside the log pages in a bundle but holds Devices API objects, not LogEvents. */
export const OKTA_DEVICES_FILE = 'devices.json';

export interface OktaLogFile {
  /** Path to read. */
  path: string;
  /** Path relative to the bundle root, used in raw refs and reports. */
  rel: string;
}

export interface OktaLogResult {
  /** Unsorted; one per distinct uuid. */
  events: TimelineEvent[];
  /** One per file read, in the order given. */
  reports: FileReport[];
}

function duplicateNote(count: number): string {
  return count === 1 ? '1 duplicate event (same uuid) merged' : `${count} duplicate events (same uuid) merged`;
}

/**
 * Reads System Log page files (each a JSON array of LogEvents) and merges them: an event whose uuid was
 * already seen, in this file or an earlier one, is dropped in favour of the first occurrence (polling
 * pages overlap at cursor boundaries). Files are read in the order given, so pass them sorted.
 */
export async function parseOktaLogFiles(files: OktaLogFile[], ctx: ParseContext): Promise<OktaLogResult> {
  const events: TimelineEvent[] = [];
  const reports: FileReport[] = [];
  const seen = new Set<string>();

  for (const file of files) {
    if (basename(file.rel) === OKTA_DEVICES_FILE) continue;
    const report = new FileReport(file.rel);
    reports.push(report);
    let duplicates = 0;
    await readOktaArrayFile(file.path, report, { arrayOf: 'LogEvents', noun: 'events' }, (item, index) => {
      const pointer = `/${index}`;
      const result = normalizeOktaEvent(item, { file: file.rel, pointer }, ctx);
      if (isSkippedRecord(result)) {
        report.skip(pointer, result.skip);
      } else if (seen.has(result.id)) {
        duplicates++;
      } else {
        seen.add(result.id);
        events.push(result);
      }
    });
    if (duplicates > 0) report.note(duplicateNote(duplicates));
  }
  return { events, reports };
}

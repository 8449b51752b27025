import { basename } from 'node:path';
import type { ParseContext } from '../../model/context.js';
import type { JsonValue } from '../../io/json-file.js';
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
 * Merges System Log pages (JSON arrays of LogEvents) into one set of events: an event whose uuid was
 * already seen, on this page or an earlier one, is dropped in favour of the first occurrence (polling
 * pages overlap at cursor boundaries). Pages from files and pages fetched live go through the same merger.
 */
export class OktaLogMerger {
  readonly events: TimelineEvent[] = [];
  readonly reports: FileReport[] = [];
  private readonly seen = new Set<string>();

  /** Starts a page; `rel` is its path in a bundle. Call `add` for its items, then `finish`. */
  page(rel: string): { report: FileReport; add: (item: JsonValue, index: number) => void; finish: () => void } {
    const report = new FileReport(rel);
    this.reports.push(report);
    let duplicates = 0;
    const add = (item: JsonValue, index: number): void => {
      const pointer = `/${index}`;
      const result = normalizeOktaEvent(item, { file: rel, pointer }, this.ctx);
      if (isSkippedRecord(result)) {
        report.skip(pointer, result.skip);
      } else if (this.seen.has(result.id)) {
        duplicates++;
      } else {
        this.seen.add(result.id);
        this.events.push(result);
      }
    };
    const finish = (): void => {
      if (duplicates > 0) report.note(duplicateNote(duplicates));
    };
    return { report, add, finish };
  }

  constructor(private readonly ctx: ParseContext) {}
}

/** Reads System Log page files in the order given (pass them sorted) through one merger. */
export async function parseOktaLogFiles(files: OktaLogFile[], ctx: ParseContext): Promise<OktaLogResult> {
  const merger = new OktaLogMerger(ctx);
  for (const file of files) {
    if (basename(file.rel) === OKTA_DEVICES_FILE) continue;
    const page = merger.page(file.rel);
    await readOktaArrayFile(file.path, page.report, { arrayOf: 'LogEvents', noun: 'events' }, page.add);
    page.finish();
  }
  return { events: merger.events, reports: merger.reports };
}

import { basename } from 'node:path';
import type { ParseContext } from '../../model/context.js';
import type { JsonValue } from '../../io/json-file.js';
import type { TimelineEvent } from '../../model/event.js';
import { FileReport } from '../../model/file-report.js';
import { hasBlankUuid, isSkippedRecord, normalizeOktaEvent } from './log-event.js';
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
  /** Unsorted; one per distinct event (uuid and content). */
  events: TimelineEvent[];
  /** One per file read, in the order given. */
  reports: FileReport[];
}

function duplicateNote(count: number): string {
  return count === 1 ? '1 duplicate event (same uuid) merged' : `${count} duplicate events (same uuid) merged`;
}

/** What two events with one uuid must share to be one event: time, type, and what trustline reads of them. */
function content(e: TimelineEvent): string {
  return JSON.stringify([e.epochMs, e.micros, e.kind, e.severity, e.summary, e.keys, e.fields]);
}

/**
 * Merges System Log pages (JSON arrays of LogEvents) into one set of events. An event whose uuid was
 * already seen, on this page or an earlier one, with the same time, type and content is a duplicate
 * (polling pages overlap at cursor boundaries) and is dropped in favour of the first occurrence. One
 * with the same uuid but another time, type or content is a different event (some export pipelines
 * reuse uuids): it is kept as `okta:UUID~2`, `~3`… and counted in the page's notes, as are events
 * whose uuid was blanked (named by their place in the file). Pages from files and pages fetched live go
 * through the same merger.
 */
export class OktaLogMerger {
  readonly events: TimelineEvent[] = [];
  readonly reports: FileReport[] = [];
  /** The events kept under each uuid's id: the first, then any different event that reused the uuid. */
  private readonly byId = new Map<string, TimelineEvent | TimelineEvent[]>();

  /** Starts a page; `rel` is its path in a bundle. Call `add` for its items, then `finish`. */
  page(rel: string): { report: FileReport; add: (item: JsonValue, index: number) => void; finish: () => void } {
    const report = new FileReport(rel);
    this.reports.push(report);
    let duplicates = 0;
    let reused = 0;
    let blank = 0;
    const add = (item: JsonValue, index: number): void => {
      const pointer = `/${index}`;
      const result = normalizeOktaEvent(item, { file: rel, pointer }, this.ctx);
      if (isSkippedRecord(result)) {
        report.skip(pointer, result.skip);
        return;
      }
      if (hasBlankUuid(item)) blank++;
      const kept = this.byId.get(result.id);
      if (kept === undefined) {
        this.byId.set(result.id, result);
        this.events.push(result);
        return;
      }
      const variants = Array.isArray(kept) ? kept : [kept];
      const key = content(result);
      if (variants.some((v) => content(v) === key)) {
        duplicates++;
        return;
      }
      reused++;
      const variant: TimelineEvent = { ...result, id: `${result.id}~${variants.length + 1}` };
      this.byId.set(result.id, [...variants, variant]);
      // A later event whose own uuid is spelled like this id must not take it.
      this.byId.set(variant.id, variant);
      this.events.push(variant);
    };
    const finish = (): void => {
      if (duplicates > 0) report.note(duplicateNote(duplicates));
      if (reused > 0) report.note(`${reused} event(s) reuse the uuid of a different event (another time, type or content): kept apart, ids suffixed ~2, ~3…`);
      if (blank > 0) report.note(`${blank} event(s) with a blank uuid kept, named by their place in the file`);
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

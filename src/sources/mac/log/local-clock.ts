import type { FileReport } from '../../../model/file-report.js';
import { wallToEpochAsUtc, type WallTime } from '../../../time/timestamp.js';
import { LocalTimeResolver } from '../../../time/zone.js';

type Wall = Pick<WallTime, 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'millis'>;

/**
 * Places zone-less wall times (compact style, BSD syslog) in the Mac's zone. Lines arrive in log
 * order, so in the repeated hour after a DST fall-back the earlier reading is taken until the clock
 * would run backwards; times in a DST gap keep the pre-transition offset and are reported.
 */
export class LocalClock {
  private readonly resolver: LocalTimeResolver | undefined;
  private last = -Infinity;
  private gaps = 0;
  private firstGapLine = 0;
  readonly baseNote: string;

  constructor(zone: string | undefined, source: string, private readonly report: FileReport) {
    this.resolver = zone ? new LocalTimeResolver(zone) : undefined;
    this.baseNote = zone ? `${source}: zone ${zone} from meta.json` : `${source}: no device zone known, read as UTC`;
    if (!zone) report.note(`${source} has no UTC offset and meta.json gives no deviceTimeZone; times read as UTC`);
  }

  /** Returns the instant and, when it had to be inferred beyond the base rule, why. */
  resolve(w: Wall, lineNo: number): { epochMs: number; note: string | undefined } {
    if (!this.resolver) return this.keep(wallToEpochAsUtc(w), undefined);
    const r = this.resolver.resolve(w);
    switch (r.kind) {
      case 'single':
        return this.keep(r.epochMs, undefined);
      case 'ambiguous': {
        // Going back to the earlier reading would make time run backwards: we are in the repeat.
        const later = this.last > r.earlier + 1000;
        return this.keep(later ? r.later : r.earlier, `ambiguous local time (DST fall-back), read as the ${later ? 'second' : 'first'} occurrence from line order`);
      }
      case 'gap':
        if (this.gaps++ === 0) this.firstGapLine = lineNo;
        return this.keep(r.epochMs, 'local time falls in a DST gap (does not exist); read with the offset before the change');
    }
  }

  /** Adds the DST-gap summary to the report once the file is done. */
  finish(): void {
    if (this.gaps > 0) {
      this.report.note(`${this.gaps} timestamp(s) fall in a DST gap, first at ${this.report.file}:${this.firstGapLine}; read with the offset before the change`);
    }
  }

  private keep(epochMs: number, note: string | undefined): { epochMs: number; note: string | undefined } {
    this.last = epochMs;
    return { epochMs, note };
  }
}

/**
 * What happened while reading one evidence file: skipped records (counted, first location kept),
 * notes worth telling the engineer, and a fatal reason when the whole file was unusable.
 */
export class FileReport {
  skipped = 0;
  private firstSkip: { where: string; reason: string } | undefined;
  readonly notes: string[] = [];
  fatal: string | undefined;
  /** Set when reading stopped early (a deadline, a bound): what was read before is kept. */
  stopped: string | undefined;

  constructor(readonly file: string) {}

  /** Count one skipped record; `at` is a line number or a JSON pointer. */
  skip(at: number | string, reason: string): void {
    this.skipped++;
    if (!this.firstSkip) {
      this.firstSkip = { where: typeof at === 'number' ? `${this.file}:${at}` : `${this.file}#${at}`, reason };
    }
  }

  note(text: string): void {
    this.notes.push(`${this.file}: ${text}`);
  }

  fail(reason: string): void {
    this.fatal ??= `${this.file}: ${reason}`;
  }

  stop(reason: string): void {
    this.stopped ??= `${this.file}: ${reason}`;
  }

  /** One line per thing worth reporting, ready for stderr or a report. */
  messages(): string[] {
    const lines: string[] = [];
    if (this.fatal) lines.push(this.fatal);
    if (this.stopped) lines.push(this.stopped);
    if (this.skipped > 0 && this.firstSkip) {
      const noun = this.skipped === 1 ? 'record' : 'records';
      lines.push(
        `${this.file}: ${this.skipped} malformed ${noun} skipped, first at ${this.firstSkip.where} (${this.firstSkip.reason})`,
      );
    }
    lines.push(...this.notes);
    return lines;
  }
}

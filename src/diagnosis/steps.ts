/**
 * Long diagnosis work as resumable steps: a generator that yields after about WORK_STEP units of
 * work (an event indexed, an event tested against a finding), so the console can run a restart over a
 * million events between its keys and signals (src/store/slices/data.ts), while `analyze` runs the
 * same steps to the end at once.
 */
export type Steps<T> = Generator<void, T, void>;

/** Units of work (an event indexed or tested; a text test, one per 256 characters of summary) between two yields. */
export const WORK_STEP = 1024;

/** Counts work and says when a step is due: `if (work.add(n)) yield;`. */
export class WorkMeter {
  private done = 0;

  add(units = 1): boolean {
    this.done += units;
    if (this.done < WORK_STEP) return false;
    this.done = 0;
    return true;
  }
}

/** Runs the steps to the end, now. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
  }
}

import type { Severity, TimelineEvent } from '../../model/event.js';
import { memoPer } from './memo.js';
import { selectionOf, severityOfCode } from './visible-index.js';
import { partitionPoint } from '../../timeline/partition-point.js';

export type Bucket = Record<Severity, number>;

export interface Histogram {
  startMs: number;
  endMs: number;
  buckets: Bucket[];
  /** The largest bucket total (for scaling). */
  max: number;
}

/**
 * Events over the list's time range (a list in time order) in `width` equal buckets, counted by
 * severity. The bucket is a non-decreasing function of time, so per code of the list's selection
 * (visible-index.ts) the counts come from binary searches at the bucket edges: O(width × codes ×
 * log n), whatever the list's length.
 */
const histogramOf = memoPer((list: readonly TimelineEvent[], _length: number, width: number): Histogram => {
  const n = Math.max(0, Math.floor(width));
  const counts = new Float64Array(n * 3); // counts[bucket * 3 + severity]
  const first = list[0];
  const last = list[list.length - 1];
  const startMs = first?.epochMs ?? 0;
  const endMs = last?.epochMs ?? 0;
  const span = Math.max(1, endMs - startMs + 1);
  const bucket = (t: number): number => Math.min(n - 1, Math.floor(((t - startMs) / span) * n));
  const { index, codes, parts } = selectionOf(list);
  const { times } = index;
  for (const [k, code] of (n > 0 ? codes : []).entries()) {
    const positions = parts[k]!;
    const end = positions.length;
    let from = 0;
    for (let b = 0; b < n && from < end; b++) {
      // The first of this code's events in a later bucket.
      const lo = partitionPoint(from, end, (i) => bucket(times[positions[i]!]!) <= b);
      counts[b * 3 + severityOfCode(code)]! += lo - from;
      from = lo;
    }
  }
  const buckets: Bucket[] = [];
  let max = 0;
  for (let b = 0; b < n; b++) {
    const x = { info: counts[b * 3]!, warn: counts[b * 3 + 1]!, error: counts[b * 3 + 2]! };
    max = Math.max(max, x.info + x.warn + x.error);
    buckets.push(x);
  }
  return { startMs, endMs, buckets, max };
});

/** The histogram of a list as it is now (the console's timeline grows in place: src/store/timeline-log.ts). */
export function histogram(list: readonly TimelineEvent[], width: number): Histogram {
  return histogramOf(list, list.length, width);
}

/** The bucket an instant falls in, or -1 outside the range. */
export function bucketOf(h: Histogram, epochMs: number): number {
  const n = h.buckets.length;
  if (n === 0 || epochMs < h.startMs || epochMs > h.endMs) return -1;
  const span = Math.max(1, h.endMs - h.startMs + 1);
  return Math.min(n - 1, Math.floor(((epochMs - h.startMs) / span) * n));
}

export function worstSeverity(b: Bucket): Severity | undefined {
  return b.error > 0 ? 'error' : b.warn > 0 ? 'warn' : b.info > 0 ? 'info' : undefined;
}

import type { Severity, TimelineEvent } from '../../model/event.js';
import { memoLast } from './memo.js';

export type Bucket = Record<Severity, number>;

export interface Histogram {
  startMs: number;
  endMs: number;
  buckets: Bucket[];
  /** The largest bucket total (for scaling). */
  max: number;
}

/** Events over the list's time range in `width` equal buckets, counted by severity. */
export const histogram = memoLast((list: readonly TimelineEvent[], width: number): Histogram => {
  const n = Math.max(0, Math.floor(width));
  const buckets: Bucket[] = Array.from({ length: n }, () => ({ info: 0, warn: 0, error: 0 }));
  const first = list[0];
  const last = list[list.length - 1];
  if (!first || !last || n === 0) return { startMs: first?.epochMs ?? 0, endMs: last?.epochMs ?? 0, buckets, max: 0 };
  const startMs = first.epochMs;
  const span = Math.max(1, last.epochMs - startMs + 1);
  let max = 0;
  for (const e of list) {
    const b = buckets[Math.min(n - 1, Math.floor(((e.epochMs - startMs) / span) * n))]!;
    b[e.severity]++;
    max = Math.max(max, b.info + b.warn + b.error);
  }
  return { startMs, endMs: last.epochMs, buckets, max };
});

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

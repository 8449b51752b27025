const BARS = '▁▂▃▄▅▆▇█';

/** Counts as block characters scaled to the largest; empty intervals as a space. */
export function sparkline(counts: readonly number[]): string {
  const max = Math.max(0, ...counts);
  if (max === 0) return ' '.repeat(counts.length);
  return counts.map((n) => (n === 0 ? ' ' : BARS[Math.min(BARS.length - 1, Math.floor(((n - 1) / max) * BARS.length))]!)).join('');
}

/** A duration in whole units an on-call reader takes in at once: 42 s, 17 min, 3 h 5 min, 2 d 4 h. */
export function shortDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 120) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 120) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h${m % 60 ? ` ${m % 60} min` : ''}`;
  return `${Math.floor(h / 24)} d${h % 24 ? ` ${h % 24} h` : ''}`;
}

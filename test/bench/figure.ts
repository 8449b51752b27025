/** One measured figure of `npm run bench`, printed with its target. */
export interface BenchFigure {
  /** What was measured, against what, and how. */
  name: string;
  value: number;
  unit: string;
  /** The upper bound the issue sets; undefined for a figure it sets none for (printed as `info`). */
  target: number | undefined;
  pass: boolean;
  /** The measurements behind a ratio or a percentile, printed after the value. */
  detail?: string;
}

export function figure(name: string, value: number, unit: string, target: number | undefined, detail?: string): BenchFigure {
  return { name, value, unit, target, pass: target === undefined || value <= target, ...(detail !== undefined ? { detail } : {}) };
}

export function formatFigure(f: BenchFigure): string {
  const digits = f.unit === '×' ? 2 : f.value >= 100 ? 0 : 1;
  const status = f.target === undefined ? 'info' : f.pass ? 'ok  ' : 'MISS';
  const target = f.target === undefined ? 'no target' : `target ≤ ${f.target} ${f.unit}`;
  const detail = f.detail ? ` — ${f.detail}` : '';
  return `${status} ${f.name}: ${f.value.toFixed(digits)} ${f.unit} (${target})${detail}`;
}

/** The value at fraction `p` (0..1) of the sorted values, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

export const median = (values: readonly number[]): number => percentile(values, 0.5);

import type { IncidentReport } from './incident.js';
import type { Pseudonymizer } from './pseudonymize.js';

/** Applies `fn` to every string in plain data (objects, arrays, scalars), keys left alone. */
export function mapStrings<T>(value: T, fn: (text: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, fn)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = mapStrings(v, fn);
    return out as T;
  }
  return value;
}

/** The report with every identifier in every string (free text included) replaced by its pseudonym. */
export function redactReport(report: IncidentReport, p: Pseudonymizer): IncidentReport {
  return { ...mapStrings(report, (s) => p.text(s)), redaction: 'pseudonyms' };
}

import { formatDistanceStrict } from 'date-fns';

/** Whole days from `fromMs` to `toMs`, rounded down, in words: "0 days", "1 day", "12 days". */
export function daysBetween(fromMs: number, toMs: number): string {
  return formatDistanceStrict(toMs, fromMs, { unit: 'day', roundingMethod: 'floor' });
}

/**
 * The first index in [from, to) at which `isBefore` is false, when it is true for a leading run and
 * false after it (a sorted list searched for where a value belongs): `to` when it never is. A binary
 * search: O(log n) calls.
 */
export function partitionPoint(from: number, to: number, isBefore: (index: number) => boolean): number {
  let lo = from;
  let hi = to;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (isBefore(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A source's deadline as an AbortSignal that also knows when it fires, so a wait that would end past
 * it (a rate-limit reset minutes away) can stop at once instead of sleeping until the abort.
 */
const ENDS_AT = new WeakMap<AbortSignal, number>();

/** Aborts (TimeoutError) after `ms`, or when `outer` aborts. */
export function deadlineSignal(ms: number, outer?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  const signal = outer ? AbortSignal.any([outer, timeout]) : timeout;
  ENDS_AT.set(signal, Date.now() + ms);
  return signal;
}

/** Milliseconds until the signal's deadline; undefined when it has none. */
export function msUntilDeadline(signal: AbortSignal, now = Date.now()): number | undefined {
  const end = ENDS_AT.get(signal);
  return end === undefined ? undefined : Math.max(0, end - now);
}

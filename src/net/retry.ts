/** Backoff for retried requests: capped exponential with full jitter, and the server's Retry-After. */
export interface BackoffPolicy {
  /** Retries after the first attempt. */
  retries: number;
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { retries: 3, baseMs: 250, capMs: 4000 };

/** Full jitter: a uniform delay between 0 and min(cap, base * 2^attempt). `attempt` starts at 0. */
export function fullJitterDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** Milliseconds a `Retry-After` header asks for (delta seconds or an HTTP date), or undefined. */
export function retryAfterMs(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** The longest delay a Node timer takes; a longer one fires at once (and warns), which would spin. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Resolves after `ms` (at most about 24.8 days), or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.min(Math.max(ms, 0), MAX_TIMER_MS) || 0);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

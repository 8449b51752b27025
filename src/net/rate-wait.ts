import { msUntilDeadline } from './deadline.js';
import { abortError, HttpError } from './errors.js';
import { sleep } from './retry.js';

/** Why a source stopped when the rate limit would have kept it waiting past its deadline. */
export const RATE_LIMIT_DEADLINE = 'stopped at the deadline while waiting for the rate limit';

/** Sleeps for a rate-limit wait, or stops at once when the wait would end past the deadline. */
export async function waitForRateLimit(ms: number, signal: AbortSignal): Promise<void> {
  const left = msUntilDeadline(signal);
  if (left !== undefined && ms >= left) throw new HttpError('deadline', RATE_LIMIT_DEADLINE);
  try {
    await sleep(ms, signal);
  } catch (error) {
    if (signal.aborted) throw abortError(signal, RATE_LIMIT_DEADLINE);
    throw error;
  }
}


import { headerValue, type HttpResponse } from '../../net/http-client.js';
import { waitForRateLimit } from '../../net/rate-wait.js';

/** Margin added to Okta's reset time: the reset is in whole seconds and windows are not wall-clock aligned. */
const RESET_MARGIN_MS = 1000;

/**
 * One Okta rate-limit bucket as the server reports it (X-Rate-Limit-Limit/-Remaining/-Reset). Requests
 * wait for the window to reset rather than spend its last requests, which other tools of the org share.
 * Reset is epoch seconds on the server's clock; the response's Date header converts it to ours.
 */
export class RateBudget {
  private limit: number | undefined;
  private remaining: number | undefined;
  private resetAtMs: number | undefined;
  private inFlight = 0;
  /** With a share: the reset (as the server wrote it) of the window being counted, our requests in it, and our allowance. */
  private window: { reset: string; used: number; allowance: number } | undefined;

  /**
   * `share` (0..1]: spend at most that fraction of what the headers say is left when a window starts
   * (a sweep leaves the rest to the organisation's other integrations); without it, only the reserve.
   */
  constructor(
    private readonly now: () => number = Date.now,
    private readonly share?: number,
  ) {}

  /** Requests kept back in every window: a tenth of the limit, at least one. */
  private get reserve(): number {
    return Math.max(1, Math.floor((this.limit ?? 10) / 10));
  }

  /** Milliseconds until this bucket can be used without eating into the reserve; 0 when it can now. */
  waitMs(): number {
    if (this.remaining === undefined || this.resetAtMs === undefined) return 0;
    const now = this.now();
    if (now >= this.resetAtMs) return 0;
    if (this.window && this.window.used + this.inFlight >= this.window.allowance) return this.resetAtMs - now;
    return this.remaining - this.inFlight > this.reserve ? 0 : this.resetAtMs - now;
  }

  /** Requests counted in the current window and the allowance the share gives it (undefined without a share). */
  get spent(): { used: number; allowance: number } | undefined {
    return this.window ? { used: this.window.used, allowance: this.window.allowance } : undefined;
  }

  /** Waits until the bucket allows a request; never past the signal's deadline (HttpError 'deadline' at once). */
  async acquire(signal: AbortSignal): Promise<void> {
    for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) await waitForRateLimit(wait, signal);
    this.inFlight++;
  }

  /** Records the bucket state a response reports; call once per acquire. */
  release(res: HttpResponse | undefined): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    if (!res) return;
    const limit = Number(headerValue(res.headers, 'x-rate-limit-limit'));
    const remaining = Number(headerValue(res.headers, 'x-rate-limit-remaining'));
    const resetAt = resetAtLocalMs(res, this.now());
    if (Number.isFinite(limit) && limit > 0) this.limit = limit;
    if (Number.isFinite(remaining)) this.remaining = remaining;
    if (resetAt !== undefined) this.resetAtMs = resetAt;
    this.countShare(headerValue(res.headers, 'x-rate-limit-reset'), remaining);
  }

  /** A new reset value starts a new window: its allowance is the share of what was left before this request. */
  private countShare(reset: string | undefined, remaining: number): void {
    if (this.share === undefined || reset === undefined || !Number.isFinite(remaining)) return;
    if (this.window?.reset === reset) {
      this.window.used++;
      return;
    }
    this.window = { reset, used: 1, allowance: Math.max(1, Math.floor((remaining + 1) * this.share)) };
  }

  /** How long a 429 asks us to wait: until the reset plus a second, on our clock. */
  static waitAfter429(res: HttpResponse, now: number = Date.now()): number | undefined {
    const resetAt = resetAtLocalMs(res, now);
    return resetAt === undefined ? undefined : Math.max(0, resetAt - now);
  }
}

function resetAtLocalMs(res: HttpResponse, now: number): number | undefined {
  const reset = Number(headerValue(res.headers, 'x-rate-limit-reset'));
  if (!Number.isFinite(reset) || reset <= 0) return undefined;
  const date = Date.parse(headerValue(res.headers, 'date') ?? '');
  const serverNow = Number.isNaN(date) ? now : date;
  return now + (reset * 1000 - serverNow) + RESET_MARGIN_MS;
}

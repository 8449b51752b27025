import { describe, expect, it } from 'vitest';
import type { HttpResponse } from '../../src/net/http-client.js';
import { RateBudget } from '../../src/sources/okta/rate-budget.js';

function response(remaining: number, resetSeconds: number, dateMs: number, limit = 20): HttpResponse {
  return {
    status: 200,
    text: '[]',
    headers: {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-remaining': String(remaining),
      'x-rate-limit-reset': String(resetSeconds),
      date: new Date(dateMs).toUTCString(),
    },
  };
}

describe('RateBudget', () => {
  const serverNow = Date.parse('2026-11-20T14:00:00Z');

  it('lets requests through while the window has more than its reserve', () => {
    let now = 1_000_000;
    const budget = new RateBudget(() => now);
    budget.release(response(10, serverNow / 1000 + 30, serverNow));
    expect(budget.waitMs()).toBe(0);
    now += 10;
    expect(budget.waitMs()).toBe(0);
  });

  it('keeps the last tenth of a window back and waits for the reset on its own clock, plus a second', () => {
    const now = 5_000;
    const budget = new RateBudget(() => now);
    // The server's clock is an hour ahead of ours: the wait comes from Reset - Date, not Reset - our now.
    budget.release(response(2, serverNow / 1000 + 30, serverNow));
    expect(budget.waitMs()).toBe(31_000);
  });

  it('computes the 429 wait from the reset and the Date header', () => {
    const res = response(0, serverNow / 1000 + 4, serverNow);
    expect(RateBudget.waitAfter429(res, 0)).toBe(5_000);
  });

  it('counts requests in flight against the window', () => {
    const budget = new RateBudget(() => 0);
    budget.release(response(4, serverNow / 1000 + 10, serverNow));
    expect(budget.waitMs()).toBe(0);
    void budget.acquire(new AbortController().signal);
    void budget.acquire(new AbortController().signal);
    expect(budget.waitMs()).toBeGreaterThan(0);
  });

  it('with a share, spends at most that fraction of what was left when the window started, then waits for the next', () => {
    const now = 0;
    const budget = new RateBudget(() => now, 0.5);
    const reset = serverNow / 1000 + 30;
    // Other integrations already used 8 of 20: 12 were left before our first request, so we may spend 6.
    for (let remaining = 11; remaining >= 6; remaining--) {
      expect(budget.waitMs()).toBe(0);
      budget.release(response(remaining, reset, serverNow));
    }
    expect(budget.spent).toEqual({ used: 6, allowance: 6 });
    expect(budget.waitMs()).toBe(31_000);
    // A new window (a new reset) starts a new allowance from what its headers say is left.
    budget.release(response(19, reset + 60, serverNow + 31_000));
    expect(budget.spent).toEqual({ used: 1, allowance: 10 });
  });
});

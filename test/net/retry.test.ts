import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullJitterDelay, retryAfterMs, sleep } from '../../src/net/retry.js';

describe('fullJitterDelay', () => {
  it('stays within 0 and min(cap, base * 2^attempt)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempt, r) => {
        const policy = { retries: 3, baseMs: 100, capMs: 2000 };
        const delay = fullJitterDelay(attempt, policy, () => r);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThan(Math.min(2000, 100 * 2 ** attempt));
      }),
    );
  });

  it('spreads delays instead of synchronising clients', () => {
    const policy = { retries: 3, baseMs: 1000, capMs: 8000 };
    const delays = new Set(Array.from({ length: 50 }, () => fullJitterDelay(3, policy)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('retryAfterMs', () => {
  it('reads delta seconds and HTTP dates', () => {
    expect(retryAfterMs('3', 0)).toBe(3000);
    const now = Date.parse('2026-11-20T14:00:00Z');
    expect(retryAfterMs('Fri, 20 Nov 2026 14:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Fri, 20 Nov 2026 13:59:00 GMT', now)).toBe(0);
  });

  it('ignores absent or unreadable values', () => {
    expect(retryAfterMs(undefined, 0)).toBeUndefined();
    expect(retryAfterMs('soon', 0)).toBeUndefined();
  });
});

describe('sleep', () => {
  it('rejects as soon as its signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = sleep(10_000, controller.signal);
    controller.abort(new Error('cancelled'));
    await expect(pending).rejects.toThrow('cancelled');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../src/time/days-between.js';

const DAY = 86_400_000;
const T = Date.UTC(2026, 10, 20, 12);

describe('daysBetween', () => {
  it('counts whole days, rounded down, with the noun agreeing', () => {
    expect(daysBetween(T, T + DAY - 1)).toBe('0 days');
    expect(daysBetween(T, T + DAY)).toBe('1 day');
    expect(daysBetween(T, T + 12 * DAY + 5 * 3_600_000)).toBe('12 days');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partitionPoint } from '../../src/timeline/partition-point.js';

describe('partitionPoint', () => {
  it('finds where a value belongs in a sorted list, as a linear scan does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 })), fc.integer({ min: -1, max: 21 }), (values, value) => {
        const sorted = [...values].sort((a, b) => a - b);
        const linear = sorted.findIndex((x) => x >= value);
        expect(partitionPoint(0, sorted.length, (i) => sorted[i]! < value)).toBe(linear === -1 ? sorted.length : linear);
      }),
    );
  });

  it('searches only within [from, to)', () => {
    const sorted = [1, 2, 3, 4, 5, 6];
    expect(partitionPoint(2, 4, (i) => sorted[i]! < 1)).toBe(2);
    expect(partitionPoint(2, 4, (i) => sorted[i]! < 9)).toBe(4);
    expect(partitionPoint(0, 0, () => true)).toBe(0);
  });
});

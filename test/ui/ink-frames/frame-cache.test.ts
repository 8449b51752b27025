import { describe, expect, it } from 'vitest';
import { frameCache } from '../../../src/ui/ink-frames/frame-cache.js';

describe('frameCache', () => {
  it('computes a key once while it is in use, and forgets keys unused for two generations', () => {
    const computed: string[] = [];
    const upper = frameCache((s: string) => {
      computed.push(s);
      return s.toUpperCase();
    }, 2);
    expect([upper('a'), upper('a'), upper('b')]).toEqual(['A', 'A', 'B']);
    expect(computed).toEqual(['a', 'b']);
    // 'c' fills the first generation past its limit (a, b, c): it becomes the older one.
    upper('c');
    // Found in the older generation: not computed again.
    upper('a');
    expect(computed).toEqual(['a', 'b', 'c']);
    // d, e, f push a second generation over its limit: b, c (unused since) are dropped.
    upper('d');
    upper('e');
    upper('f');
    upper('b');
    expect(computed).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'b']);
  });
});

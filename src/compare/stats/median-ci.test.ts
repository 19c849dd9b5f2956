import { describe, expect, it } from 'vitest';
import { medianCI } from './median-ci.js';

describe('medianCI', () => {
  it('has no 95% interval below six values (2/2^5 = 0.0625 > 0.05)', () => {
    const r = medianCI([5, 1, 4, 2, 3]);
    expect(r.median).toBe(3);
    expect(r.low).toBeNull();
  });

  it('uses min and max for n = 6 (coverage 1 − 2/64 = 0.96875)', () => {
    const r = medianCI([6, 2, 5, 1, 4, 3]);
    expect(r.median).toBe(3.5);
    expect([r.low, r.high]).toEqual([1, 6]);
    expect(r.coverage).toBeCloseTo(1 - 2 / 64, 12);
  });

  it('uses the 2nd and 9th order statistics for n = 10', () => {
    // P(Bin(10,½) ≤ 1) = 11/1024 = 0.0107 (ok), ≤ 2 = 56/1024 = 0.0547 (> 0.025) → k = 2,
    // the tabulated interval [x(2), x(9)] with coverage 1 − 22/1024 = 0.97852.
    const r = medianCI([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect([r.low, r.high]).toEqual([2, 9]);
    expect(r.coverage).toBeCloseTo(1 - 22 / 1024, 12);
  });
});

import { describe, expect, it } from 'vitest';
import { nearestRank } from './stats.js';

describe('nearestRank (the InfluxQL PERCENTILE rule)', () => {
  it('picks the sample at rank floor(p·n + 0.5), clamped to [1, n]', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(ten, 0.5)).toBe(5); // rank 5
    expect(nearestRank(ten, 0.95)).toBe(10); // 9.5 + 0.5 → rank 10
    expect(nearestRank(ten, 0.94)).toBe(9); // 9.4 + 0.5 → rank 9
    expect(nearestRank([7], 0.5)).toBe(7);
    expect(nearestRank([7], 0.01)).toBe(7); // rank 0 clamps to 1 (InfluxQL returns null there)
    expect(nearestRank([1, 2, 3], 0.5)).toBe(2); // 1.5 + 0.5 → rank 2
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2); // never the mean of 2 and 3
  });
  it('is NaN for no samples', () => {
    expect(nearestRank([], 0.5)).toBeNaN();
  });
});

import { quantileSorted } from 'simple-statistics';
import { describe, expect, it } from 'vitest';
import { quantileOf } from './metrics.js';
import { seededRandom } from '../model/random.js';

describe('quantileOf', () => {
  it('equals simple-statistics quantileSorted (the per-node definition) without sorting', () => {
    const r = seededRandom(3);
    for (const n of [1, 2, 3, 19, 20, 40, 101, 240]) {
      // Include ties: values on a coarse grid.
      const v = Array.from({ length: n }, () => Math.round(r() * 20) / 2);
      const sorted = [...v].sort((a, b) => a - b);
      for (const p of [0.5, 0.95, 0.99])
        expect(quantileOf(Float64Array.from(v), p), `n=${n} p=${p}`).toBe(quantileSorted(sorted, p));
    }
  });

  it('hand case: n = 20, p = 0.95 → index 19·0.95 = 18.05 → x(18) + 0.05·(x(19) − x(18)) = 19.05', () => {
    const v = Float64Array.from({ length: 20 }, (_, i) => 20 - i); // 20, 19, …, 1 (0-based sorted x(k) = k + 1)
    expect(quantileOf(v, 0.95)).toBeCloseTo(19.05, 12);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleMinMax, type XY } from './downsample.js';

const series = (ys: number[]): XY[] => ys.map((y, x) => ({ x, y }));

describe('downsampleMinMax', () => {
  it('returns short input unchanged', () => {
    const pts = series([3, 1, 2]);
    expect(downsampleMinMax(pts, 10)).toEqual(pts);
  });

  it('keeps a single-sample spike that plain averaging or striding would lose', () => {
    const ys = Array.from({ length: 10_000 }, () => 5);
    ys[4321] = 99;
    ys[8765] = -3;
    const out = downsampleMinMax(series(ys), 200);
    expect(out.length).toBeLessThanOrEqual(200);
    expect(out).toContainEqual({ x: 4321, y: 99 });
    expect(out).toContainEqual({ x: 8765, y: -3 });
  });

  it('property: a subsequence within budget that keeps first, last, global min and max', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 3000 }),
        fc.integer({ min: 4, max: 500 }),
        (ys, budget) => {
          const pts = series(ys);
          const out = downsampleMinMax(pts, budget);
          expect(out.length).toBeLessThanOrEqual(Math.max(budget, pts.length <= budget ? pts.length : 0));
          // Subsequence in x order, no duplicates.
          for (let i = 1; i < out.length; i++) expect(out[i]!.x).toBeGreaterThan(out[i - 1]!.x);
          for (const p of out) expect(pts[p.x]).toEqual(p);
          expect(out[0]).toEqual(pts[0]);
          expect(out.at(-1)).toEqual(pts.at(-1));
          expect(Math.max(...out.map((p) => p.y))).toBe(Math.max(...ys));
          expect(Math.min(...out.map((p) => p.y))).toBe(Math.min(...ys));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a budget too small to keep first, min, max and last', () => {
    expect(() => downsampleMinMax(series([1, 2, 3, 4, 5]), 3)).toThrow(RangeError);
  });
});

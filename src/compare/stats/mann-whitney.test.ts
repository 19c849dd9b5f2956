import { describe, expect, it } from 'vitest';
import { EXACT_MAX_TOTAL, mannWhitneyU, midRanks, minimumP } from './mann-whitney.js';

const seq = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

/** Two samples without ties whose U (pairs with x > y) is exactly `u`. */
function samplesWithU(n1: number, n2: number, u: number): [number[], number[]] {
  // x_i exceeds c_i of the y's (y = 10, 20, …), with Σ c_i = u; +1+i keeps the x's distinct.
  const counts: number[] = [];
  let remaining = u;
  for (let i = 0; i < n1; i++) {
    const c = Math.min(n2, remaining);
    counts.push(c);
    remaining -= c;
  }
  const ys = seq(1, n2).map((v) => v * 10);
  const xs = counts.map((c, i) => c * 10 + 1 + i);
  return [xs, ys];
}

describe('mannWhitneyU', () => {
  it('gives mid-ranks to ties', () => {
    expect(midRanks([3, 1, 3, 2])).toEqual([3.5, 1, 3.5, 2]);
  });

  it('reaches the exact minimum p for complete separation: 2/C(n1+n2, n1)', () => {
    // n=3+3: 2/C(6,3) = 2/20 = 0.1; n=4+4: 2/70 = 0.02857; n=5+5: 2/252 = 0.007937.
    expect(mannWhitneyU([1, 2, 3], [4, 5, 6]).p).toBeCloseTo(0.1, 12);
    expect(mannWhitneyU([1, 2, 3, 4], [5, 6, 7, 8]).p).toBeCloseTo(2 / 70, 12);
    expect(mannWhitneyU([6, 7, 8, 9, 10], [1, 2, 3, 4, 5]).p).toBeCloseTo(2 / 252, 12);
    expect(minimumP(3, 3)).toBeCloseTo(0.1, 12);
    expect(minimumP(4, 4)).toBeCloseTo(2 / 70, 12);
  });

  it('counts U as pairs with x > y', () => {
    // x = [15, 5], y = [10, 20]: 15 > 10 is the only pair → U = 1.
    expect(mannWhitneyU([15, 5], [10, 20]).u).toBe(1);
    const [x, y] = samplesWithU(4, 5, 7);
    expect(mannWhitneyU(x, y).u).toBe(7);
  });

  it('agrees with the published two-sided alpha = 0.05 critical values of U', () => {
    // Critical values from the standard Mann–Whitney table (e.g. Zar, Biostatistical Analysis,
    // Table B.11; also Milton 1964): reject H0 when min(U, n1·n2 − U) ≤ Ucrit.
    const table: [number, number, number][] = [
      [4, 4, 0],
      [5, 5, 2],
      [6, 6, 5],
      [7, 7, 8],
      [8, 8, 13],
      [9, 9, 17],
      [10, 10, 23],
      [3, 5, 0],
      [4, 6, 2],
      [5, 8, 6],
      [6, 9, 10],
      [8, 12, 22],
    ];
    for (const [n1, n2, crit] of table) {
      const [xa, ya] = samplesWithU(n1, n2, crit);
      const [xb, yb] = samplesWithU(n1, n2, crit + 1);
      expect(mannWhitneyU(xa, ya).p, `n=${n1}+${n2} U=${crit}`).toBeLessThanOrEqual(0.05);
      expect(mannWhitneyU(xb, yb).p, `n=${n1}+${n2} U=${crit + 1}`).toBeGreaterThan(0.05);
    }
  });

  it('matches a hand-counted exact p-value', () => {
    // n1 = n2 = 3, U = 1: splits with U ≤ 1 are {U=0: 1, U=1: 1} of C(6,3) = 20, so the
    // one-sided p is 2/20 and the two-sided p is 4/20 = 0.2.
    expect(mannWhitneyU([1, 2, 4], [3, 5, 6]).p).toBeCloseTo(0.2, 12);
  });

  it('handles ties exactly: all values equal gives p = 1', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5, 5]).p).toBe(1);
  });

  it('switches to the normal approximation above the exact limit and stays close to it', () => {
    const n = EXACT_MAX_TOTAL / 2 + 1;
    const x = seq(0, n).map((v) => v * 2);
    const y = seq(0, n).map((v) => v * 2 + 7);
    const r = mannWhitneyU(x, y);
    expect(r.method).toBe('normal');
    // Hand check: U = Σ over x of #(y < x); y_j = 2j + 7 < 2i ⇔ j ≤ i − 4; Σ_{i=4}^{25} (i − 3) = 22·23/2 = 253.
    expect(r.u).toBe(253);
    // z = (|253 − 338| − 0.5)/√(26·26·53/12) = 84.5/54.64 = 1.5465 → p = 0.1220.
    expect(r.p).toBeCloseTo(0.122, 3);
  });
});

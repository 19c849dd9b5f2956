import { describe, expect, it } from 'vitest';
import { ar1 } from '../test-helpers.js';
import { blockLength, bootstrapDifference, lag1Autocorrelation, type Unit } from './block-bootstrap.js';
import { seededRandom } from '../../model/random.js';

const mean = (units: Unit[], idx: Int32Array[]) => {
  let s = 0;
  for (const j of idx[0]!) s += units[0]!.values[j]!;
  return s / idx[0]!.length;
};
const unit = (values: number[]): Unit => ({ times: values.map((_, i) => i * 10_000), values });

describe('blockLength', () => {
  it('follows the AR(1) optimum (3n/2)^(1/3)·(2ρ/(1−ρ²))^(2/3)', () => {
    // A step series 1×32 then 0×32: mean ½, every term (±½)² = ¼ → c0 = 64·¼ = 16; of the 63
    // neighbouring pairs 62 agree and 1 differs → c1 = 61·¼ = 15.25 → ρ = 0.953 → clamped 0.95.
    const step = [...Array(32).fill(1), ...Array(32).fill(0)];
    expect(lag1Autocorrelation(step)).toBeCloseTo(15.25 / 16, 12);
    // b = ⌈96^(1/3)·(1.9/0.0975)^(2/3)⌉ = ⌈4.579·7.240⌉ = 34 → capped at n/4 = 16.
    expect(blockLength(step)).toBe(16);
    // Alternating values have ρ < 0 → clamped to 0 → the floor ⌈64^(1/3)⌉ = 4.
    expect(blockLength(Array.from({ length: 64 }, (_, i) => i % 2))).toBe(4);
  });
});

describe('bootstrapDifference', () => {
  it('is reproducible for a seed and changes with it', () => {
    const r = seededRandom(7);
    const a = [unit(ar1(r, 120, 20, 1.5))];
    const b = [unit(ar1(r, 120, 20, 1.5))];
    const x = bootstrapDifference(a, b, mean, { seed: 3 });
    expect(bootstrapDifference(a, b, mean, { seed: 3 })).toEqual(x);
    expect(bootstrapDifference(a, b, mean, { seed: 4 })!.low).not.toBe(x!.low);
  });

  it('contains the observed difference of means for a clear shift', () => {
    const r = seededRandom(11);
    const a = [unit(ar1(r, 120, 20, 1.5))];
    const b = [unit(ar1(r, 120, 26, 1.5))];
    const ci = bootstrapDifference(a, b, mean)!;
    expect(ci.low).toBeGreaterThan(4);
    expect(ci.high).toBeLessThan(8);
  });

  it('keeps close to its nominal error rate on autocorrelated series, unlike a sample-by-sample resample', () => {
    // 120 pairs of runs from the same AR(1) process (φ = 0.6): the long-run variance of a mean is
    // (1+φ)/(1−φ) = 4 times the iid one, so resampling single samples (block length 1) gives
    // intervals about half as wide as they should be and calls ~1 in 3 equal pairs different.
    const r = seededRandom(2024);
    let block = 0;
    let single = 0;
    const pairs = 120;
    for (let k = 0; k < pairs; k++) {
      const a = [unit(ar1(r, 120, 20, 1.5))];
      const b = [unit(ar1(r, 120, 20, 1.5))];
      const ci = bootstrapDifference(a, b, mean, { resamples: 400, seed: k + 1 })!;
      const iid = bootstrapDifference(a, b, mean, { resamples: 400, seed: k + 1, blockLength: 1 })!;
      if (ci.low > 0 || ci.high < 0) block++;
      if (iid.low > 0 || iid.high < 0) single++;
    }
    expect(block / pairs).toBeLessThan(0.12);
    expect(single / pairs).toBeGreaterThan(0.2);
    expect(single).toBeGreaterThan(2 * block);
  });

  it('gives no interval for a unit with fewer than two samples', () => {
    expect(bootstrapDifference([unit([1])], [unit([1, 2])], mean)).toBeNull();
  });
});

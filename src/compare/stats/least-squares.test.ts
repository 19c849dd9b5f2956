import { describe, expect, it } from 'vitest';
import { fitLine } from './least-squares.js';
import { studentTQuantile } from './student-t.js';

describe('studentTQuantile', () => {
  it('matches the published t table (two-sided 95%)', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 2)).toBeCloseTo(4.303, 3);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.182, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(studentTQuantile(0.025, 5)).toBeCloseTo(-2.571, 3);
  });
});

describe('fitLine', () => {
  it('fits a line by hand-checked least squares with R² and slope CI', () => {
    // x = 1..5, y = 2, 4, 5, 4, 5: x̄ = 3, ȳ = 4, Sxx = 10, Sxy = (−2)(−2)+(−1)(0)+0+1·0+2·1 = 6,
    // b = 0.6, a = 4 − 1.8 = 2.2. Residuals: −0.8, 0.6, 1.0, −0.6, −0.2 → SSE = 2.4; SST = 6,
    // R² = 1 − 2.4/6 = 0.6. se(b) = √(2.4/3/10) = 0.28284; t(0.975, 3) = 3.1824 → ±0.9001.
    const f = fitLine([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])!;
    expect(f.slope).toBeCloseTo(0.6, 12);
    expect(f.intercept).toBeCloseTo(2.2, 12);
    expect(f.r2).toBeCloseTo(0.6, 12);
    expect(f.slopeStdErr).toBeCloseTo(0.282843, 5);
    expect(f.slopeLow).toBeCloseTo(0.6 - 0.9001, 3);
    expect(f.slopeHigh).toBeCloseTo(0.6 + 0.9001, 3);
  });

  it('gives no interval with two points and no fit without spread in x', () => {
    expect(fitLine([1, 2], [3, 5])!.slopeLow).toBeNull();
    expect(fitLine([2, 2, 2], [1, 2, 3])).toBeNull();
  });
});

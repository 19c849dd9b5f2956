// Ordinary least squares y = a + b·x with R² and a t-based confidence interval on the slope:
// the marginal cost (e.g. server CPU per additional bot) with its uncertainty.
import { studentTQuantile } from './student-t.js';

export interface LinearFit {
  n: number;
  intercept: number;
  slope: number;
  /** Coefficient of determination; null when y does not vary. */
  r2: number | null;
  /** Standard error of the slope; null with fewer than three points. */
  slopeStdErr: number | null;
  /** Confidence interval of the slope (t with n − 2 df); null with fewer than three points. */
  slopeLow: number | null;
  slopeHigh: number | null;
  confidence: number;
  /** Residual standard error and the x summaries, for intervals of the fitted line. */
  residualStdErr: number | null;
  meanX: number;
  sxx: number;
}

/**
 * Fits y = a + b·x by least squares. Null with fewer than two points or no spread in x.
 *
 * @example
 * ```ts
 * import { fitLine } from 'bench-report';
 * const fit = fitLine([10, 25, 50, 75, 100], [6.1, 9.8, 16.2, 22.1, 28.0]);
 * console.log(fit?.slope, fit?.slopeLow, fit?.slopeHigh, fit?.r2);
 * ```
 */
export function fitLine(x: number[], y: number[], confidence = 0.95): LinearFit | null {
  const n = x.length;
  if (n < 2 || y.length !== n) return null;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let sse = 0;
  for (let i = 0; i < n; i++) sse += (y[i]! - intercept - slope * x[i]!) ** 2;
  const r2 = syy === 0 ? null : 1 - sse / syy;
  if (n < 3)
    return {
      n,
      intercept,
      slope,
      r2,
      slopeStdErr: null,
      slopeLow: null,
      slopeHigh: null,
      confidence,
      residualStdErr: null,
      meanX: mx,
      sxx,
    };
  const s = Math.sqrt(sse / (n - 2));
  const se = s / Math.sqrt(sxx);
  const t = studentTQuantile(1 - (1 - confidence) / 2, n - 2);
  return {
    n,
    intercept,
    slope,
    r2,
    slopeStdErr: se,
    slopeLow: slope - t * se,
    slopeHigh: slope + t * se,
    confidence,
    residualStdErr: s,
    meanX: mx,
    sxx,
  };
}

/**
 * The fitted line at x0 with a confidence interval for the mean response
 * (ŷ ± t·s·√(1/n + (x0 − x̄)²/Sxx)); the interval is null with fewer than three points.
 */
export function predictAt(
  f: LinearFit,
  x0: number,
): { value: number; low: number | null; high: number | null } {
  const value = f.intercept + f.slope * x0;
  if (f.residualStdErr === null) return { value, low: null, high: null };
  const t = studentTQuantile(1 - (1 - f.confidence) / 2, f.n - 2);
  const half = t * f.residualStdErr * Math.sqrt(1 / f.n + (x0 - f.meanX) ** 2 / f.sxx);
  return { value, low: value - half, high: value + half };
}

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
}

/** Fits y = a + b·x by least squares. Null with fewer than two points or no spread in x. */
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
    return { n, intercept, slope, r2, slopeStdErr: null, slopeLow: null, slopeHigh: null, confidence };
  const se = Math.sqrt(sse / (n - 2) / sxx);
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
  };
}

// Distribution-free confidence interval of a median from order statistics (as benchstat does):
// the number of values below the true median is Binomial(n, 1/2), whatever the distribution.

export interface MedianCI {
  median: number;
  /** Null when n is too small for any order-statistic interval to reach the confidence. */
  low: number | null;
  high: number | null;
  /** Actual coverage of [low, high] (at least the requested confidence), or null. */
  coverage: number | null;
  n: number;
}

/** P(Binomial(n, 1/2) ≤ k). */
function binomHalfCdf(n: number, k: number): number {
  let term = 0.5 ** n; // C(n, 0) / 2^n
  let sum = 0;
  for (let i = 0; i <= k; i++) {
    sum += term;
    term = (term * (n - i)) / (i + 1);
  }
  return sum;
}

/**
 * Median of `values` with the widest-needed order-statistic interval [x(k), x(n−k+1)] whose coverage
 * 1 − 2·P(Bin(n, ½) ≤ k − 1) is at least `confidence` (default 0.95), choosing the largest such k.
 *
 * @example
 * ```ts
 * import { medianCI } from 'bench-report';
 * console.log(medianCI([12, 15, 11, 14, 13, 16, 12, 15, 14, 13]));
 * ```
 */
export function medianCI(values: number[], confidence = 0.95): MedianCI {
  const n = values.length;
  if (n === 0) return { median: Number.NaN, low: null, high: null, coverage: null, n };
  const x = [...values].sort((a, b) => a - b);
  const median = n % 2 ? x[(n - 1) / 2]! : (x[n / 2 - 1]! + x[n / 2]!) / 2;
  let best = 0;
  for (let k = 1; k <= Math.floor(n / 2); k++) {
    if (1 - 2 * binomHalfCdf(n, k - 1) >= confidence) best = k;
    else break;
  }
  if (best === 0) return { median, low: null, high: null, coverage: null, n };
  return {
    median,
    low: x[best - 1]!,
    high: x[n - best]!,
    coverage: 1 - 2 * binomHalfCdf(n, best - 1),
    n,
  };
}

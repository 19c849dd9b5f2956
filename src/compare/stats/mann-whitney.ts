// Two-sided Mann–Whitney U test on run-level values. Exact for small samples (the permutation
// distribution of the rank sum, counted by dynamic programming, ties included through mid-ranks);
// a normal approximation with tie and continuity correction above EXACT_MAX_TOTAL observations.
import { errorFunction } from 'simple-statistics';

/** Largest n1 + n2 for which the p-value is computed exactly (the DP costs about n1·N·N(N+1) steps). */
export const EXACT_MAX_TOTAL = 50;

export interface MannWhitneyResult {
  /** U of the first sample: the number of (x, y) pairs with x > y, ties counting one half. */
  u: number;
  /** Two-sided p-value. */
  p: number;
  n1: number;
  n2: number;
  method: 'exact' | 'normal';
}

/** Mid-ranks (1-based) of the pooled values: tied values share the mean of their ranks. */
export function midRanks(values: number[]): number[] {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0]);
  const ranks = new Array<number>(values.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++;
    const r = (i + j + 2) / 2;
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = r;
    i = j + 1;
  }
  return ranks;
}

/**
 * Two-sided Mann–Whitney U test of x against y. The p-value is the probability, over every way
 * of splitting the pooled mid-ranks into groups of n1 and n2, of a rank sum at least as far from
 * its mean as the observed one. Throws when either sample is empty.
 *
 * @example
 * ```ts
 * import { mannWhitneyU } from 'bench-report';
 * console.log(mannWhitneyU([41, 42, 40, 43], [47, 45, 46, 48])); // every candidate run higher: p = 2/70
 * ```
 */
export function mannWhitneyU(x: number[], y: number[]): MannWhitneyResult {
  const n1 = x.length;
  const n2 = y.length;
  if (n1 === 0 || n2 === 0) throw new Error('mannWhitneyU needs at least one value on each side');
  const ranks = midRanks([...x, ...y]);
  const n = n1 + n2;
  const w = ranks.slice(0, n1).reduce((a, b) => a + b, 0);
  const u = w - (n1 * (n1 + 1)) / 2;
  if (n <= EXACT_MAX_TOTAL) return { u, p: exactP(ranks, n1, w), n1, n2, method: 'exact' };
  return { u, p: normalP(ranks, n1, n2, u), n1, n2, method: 'normal' };
}

function exactP(ranks: number[], n1: number, w: number): number {
  // Doubled mid-ranks are whole numbers, so rank sums index an array.
  const scores = ranks.map((r) => Math.round(2 * r));
  const maxSum = scores.reduce((a, b) => a + b, 0);
  // ways[k][s]: number of k-subsets of the items seen so far with doubled rank sum s.
  const ways: Float64Array[] = Array.from({ length: n1 + 1 }, () => new Float64Array(maxSum + 1));
  ways[0]![0] = 1;
  let seen = 0;
  for (const sc of scores) {
    seen++;
    for (let k = Math.min(n1, seen); k >= 1; k--) {
      const to = ways[k]!;
      const from = ways[k - 1]!;
      for (let s = maxSum; s >= sc; s--) if (from[s - sc]!) to[s]! += from[s - sc]!;
    }
  }
  const n = ranks.length;
  const mean2 = n1 * (n + 1); // doubled expected rank sum
  const obs = Math.abs(2 * w - mean2);
  let total = 0;
  let extreme = 0;
  const last = ways[n1]!;
  for (let s = 0; s <= maxSum; s++) {
    const c = last[s]!;
    if (!c) continue;
    total += c;
    if (Math.abs(s - mean2) >= obs - 1e-9) extreme += c;
  }
  return Math.min(1, extreme / total);
}

function normalP(ranks: number[], n1: number, n2: number, u: number): number {
  const n = n1 + n2;
  const counts = new Map<number, number>();
  for (const r of ranks) counts.set(r, (counts.get(r) ?? 0) + 1);
  let tieTerm = 0;
  for (const t of counts.values()) tieTerm += t ** 3 - t;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return 1;
  const dev = Math.max(0, Math.abs(u - (n1 * n2) / 2) - 0.5);
  const z = dev / Math.sqrt(variance);
  // erf directly: simple-statistics' cumulativeStdNormalProbability rounds z to two decimals.
  return Math.min(1, 1 - errorFunction(z / Math.SQRT2));
}

/** The smallest two-sided p-value reachable with n1 and n2 distinct values: 2 / C(n1+n2, n1). */
export function minimumP(n1: number, n2: number): number {
  let c = 1;
  for (let i = 1; i <= n1; i++) c = (c * (n2 + i)) / i;
  return Math.min(1, 2 / c);
}

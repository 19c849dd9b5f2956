// Moving-block bootstrap of the difference of a statistic between two runs. Samples within a run
// are autocorrelated (a busy minute is followed by a busy minute), so resampling single samples
// would understate the noise; resampling whole blocks keeps the short-range dependence. See
// docs/statistics.md for why a rank test over the samples is wrong here.
import { seededRandom } from '../../model/random.js';
import { studentTQuantile } from './student-t.js';

/** One resampling unit: a node's series (values, and times for statistics that need them). */
export interface Unit {
  times: number[];
  values: number[];
}

/** A statistic over units, each seen through an index array (identity for the observed value). */
export type UnitStatistic = (units: Unit[], indexes: Int32Array[]) => number | null;

export interface BootstrapOptions {
  /** Number of resamples (default 1000). */
  resamples?: number;
  /** Confidence of the percentile interval (default 0.95). */
  confidence?: number;
  /** Seed of the PRNG (default 1): same inputs and seed give the same interval. */
  seed?: number;
  /** Fixed block length; by default chosen per unit by {@link blockLength}. */
  blockLength?: number;
}

export interface BootstrapInterval {
  low: number;
  high: number;
  /** Standard deviation of the bootstrap differences. */
  standardError: number;
  /** Degrees of freedom of the t factor: blocks in all resampled series, minus two. */
  degreesOfFreedom: number;
  confidence: number;
  resamples: number;
  /** Block lengths used, base units first then candidate units. */
  blockLengths: number[];
  seed: number;
}

/**
 * Block length for a series of n samples, from the lag-1 autocorrelation ρ (clamped to [0, 0.95]):
 * the moving-block bootstrap's variance-optimal length for an AR(1) process,
 * b = (3n/2)^(1/3) · (2ρ / (1 − ρ²))^(2/3) (Politis & White 2004, b = (2G²/D)^(1/3) n^(1/3) with
 * G = Σ|k|γ(k), D = (4/3)g(0)²), rounded up, at least ⌈n^(1/3)⌉ and at most n/4 so a resample
 * still mixes several blocks.
 *
 * @example
 * ```ts
 * import { blockLength } from 'bench-report';
 * let seed = 1;
 * const noise = Array.from({ length: 200 }, () => (seed = (seed * 48271) % 2147483647) / 2147483647);
 * const smooth = Array.from({ length: 200 }, (_, i) => Math.sin(i / 20));
 * console.log(blockLength(noise), blockLength(smooth)); // autocorrelated series get longer blocks
 * ```
 */
export function blockLength(values: number[]): number {
  const n = values.length;
  if (n < 4) return 1;
  const floor = Math.ceil(Math.cbrt(n));
  const cap = Math.max(1, Math.floor(n / 4));
  const rho = Math.min(0.95, Math.max(0, lag1Autocorrelation(values)));
  const b = Math.ceil(Math.cbrt(1.5 * n) * ((2 * rho) / (1 - rho * rho)) ** (2 / 3));
  return Math.min(cap, Math.max(floor, b));
}

/** Sample lag-1 autocorrelation (0 for a constant series). */
export function lag1Autocorrelation(values: number[]): number {
  const n = values.length;
  const m = values.reduce((a, b) => a + b, 0) / n;
  let c0 = 0;
  let c1 = 0;
  for (let i = 0; i < n; i++) {
    c0 += (values[i]! - m) ** 2;
    if (i > 0) c1 += (values[i]! - m) * (values[i - 1]! - m);
  }
  return c0 === 0 ? 0 : c1 / c0;
}

/** Identity index arrays (the observed data). */
export function identity(units: Unit[]): Int32Array[] {
  return units.map((u) => Int32Array.from({ length: u.values.length }, (_, i) => i));
}

function resampleInto(out: Int32Array, n: number, len: number, rand: () => number): void {
  const starts = n - len + 1;
  let k = 0;
  while (k < n) {
    const s = Math.floor(rand() * starts);
    for (let j = 0; j < len && k < n; j++) out[k++] = s + j;
  }
}

/** A statistic for each side (the sides may divide by different bot counts). */
export interface StatPair {
  base: UnitStatistic;
  cand: UnitStatistic;
}

/**
 * Interval of stat(cand) − stat(base) from a moving-block bootstrap in which each unit (node
 * series) of each run is resampled independently. Null when any unit has fewer than two samples
 * or the statistic is undefined on the observed data.
 *
 * @example
 * ```ts
 * import { bootstrapDifference } from 'bench-report';
 * const series = (level: number) => {
 *   const times = Array.from({ length: 120 }, (_, i) => i * 10_000);
 *   return { times, values: times.map((_, i) => level + 3 * Math.sin(i / 5)) };
 * };
 * const mean = (units: { values: number[] }[], idx: Int32Array[]) => {
 *   let sum = 0;
 *   let n = 0;
 *   units.forEach((u, k) => idx[k]!.forEach((i) => ((sum += u.values[i]!), n++)));
 *   return n ? sum / n : null;
 * };
 * const ci = bootstrapDifference([series(40)], [series(45)], mean, { seed: 1 });
 * console.log(ci?.low, ci?.high); // an interval around +5
 * ```
 */
export function bootstrapDifference(
  base: Unit[],
  cand: Unit[],
  stat: UnitStatistic,
  options: BootstrapOptions = {},
): BootstrapInterval | null {
  return bootstrapDifferences(base, cand, [{ base: stat, cand: stat }], options)[0]!;
}

/**
 * {@link bootstrapDifference} for several statistics over the same units: one resample serves
 * them all (resampling dominates the cost), so a comparison row group costs one pass.
 */
export function bootstrapDifferences(
  base: Unit[],
  cand: Unit[],
  stats: StatPair[],
  options: BootstrapOptions = {},
): (BootstrapInterval | null)[] {
  const resamples = options.resamples ?? 1000;
  const confidence = options.confidence ?? 0.95;
  const seed = options.seed ?? 1;
  if ([...base, ...cand].some((u) => u.values.length < 2)) return stats.map(() => null);
  const bId = identity(base);
  const cId = identity(cand);
  const observed = stats.map((s) => {
    const b = s.base(base, bId);
    const c = s.cand(cand, cId);
    return b === null || c === null ? null : c - b;
  });
  if (observed.every((o) => o === null)) return stats.map(() => null);
  const lens = [...base, ...cand].map((u) => options.blockLength ?? blockLength(u.values));
  const rand = seededRandom(seed);
  const bIdx = identity(base);
  const cIdx = identity(cand);
  const diffs: number[][] = stats.map(() => []);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < base.length; i++) {
      const n = base[i]!.values.length;
      resampleInto(bIdx[i]!, n, Math.min(lens[i]!, n), rand);
    }
    for (let i = 0; i < cand.length; i++) {
      const n = cand[i]!.values.length;
      resampleInto(cIdx[i]!, n, Math.min(lens[base.length + i]!, n), rand);
    }
    stats.forEach((s, k) => {
      if (observed[k] === null) return;
      const b = s.base(base, bIdx);
      const c = s.cand(cand, cIdx);
      if (b !== null && c !== null && Number.isFinite(b) && Number.isFinite(c)) diffs[k]!.push(c - b);
    });
  }
  // The interval is the observed difference ± t·SE, with SE the standard deviation of the
  // bootstrap differences and t on (blocks − 2) degrees of freedom. Block resampling underestimates
  // the variance of a mean a little (it drops autocovariance beyond a block) and a run holds only a
  // few blocks, so the percentile interval is too narrow; the t factor restores most of the
  // coverage (docs/statistics.md has the calibration). An SE needs far fewer resamples than
  // percentile tails do, hence the default of 1000.
  const units = [...base, ...cand];
  const blocks = units.reduce(
    (x, u, i) => x + Math.floor(u.values.length / Math.max(1, Math.min(lens[i]!, u.values.length))),
    0,
  );
  const df = Math.max(1, blocks - 2);
  const t = studentTQuantile(1 - (1 - confidence) / 2, df);
  return stats.map((_, k) => {
    const d = diffs[k]!;
    const obs = observed[k];
    if (obs === null || obs === undefined || d.length < resamples / 2) return null;
    const m = d.reduce((x, y) => x + y, 0) / d.length;
    const se = Math.sqrt(d.reduce((x, y) => x + (y - m) ** 2, 0) / (d.length - 1));
    return {
      low: obs - t * se,
      high: obs + t * se,
      standardError: se,
      degreesOfFreedom: df,
      confidence,
      resamples,
      blockLengths: lens,
      seed,
    };
  });
}

// Descriptive statistics for one series, as DESIGN.md's "Statistics, decided" fixes them.
// Percentiles are nearest-rank with rank = round(p·n) (half up), clamped to [1, n]: exactly what
// InfluxQL's PERCENTILE() returns, so figures pushed down to InfluxDB equal figures from files
// (docs/influxdb.md). The value is always an actual sample, never an interpolation.
import { linearRegression, mean, sampleStandardDeviation } from 'simple-statistics';
import type { CpuStats, MemoryStats, Provenance, Thresholds } from '../model/types.js';

/**
 * Nearest-rank percentile of ascending `sorted` (0 < p ≤ 1): the sample at 1-based rank
 * floor(p·n + 0.5), clamped to [1, n]. Same rule as InfluxQL PERCENTILE().
 *
 * @example
 * ```ts
 * import { nearestRank } from 'bench-report';
 * console.log(nearestRank([10, 20, 30, 40], 0.95), nearestRank([10, 20, 30, 40], 0.5)); // 40 20
 * ```
 */
export function nearestRank(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const rank = Math.min(n, Math.max(1, Math.floor(n * p + 0.5)));
  return sorted[rank - 1]!;
}

/**
 * CPU figures of one node; null when there is no sample.
 *
 * @example
 * ```ts
 * import { PROVENANCE, cpuStats } from 'bench-report';
 * console.log(cpuStats([10, 20, 30, 95], PROVENANCE['cpu.busy_pct']));
 * ```
 */
export function cpuStats(values: number[], provenance: Provenance): CpuStats | null {
  if (values.length === 0) return null;
  const sorted = Float64Array.from(values).sort();
  return {
    samples: values.length,
    mean: mean(values),
    p50: nearestRank(sorted, 0.5),
    p95: nearestRank(sorted, 0.95),
    p99: nearestRank(sorted, 0.99),
    peak: sorted[sorted.length - 1]!,
    min: sorted[0]!,
    provenance,
  };
}

/**
 * Memory figures of one node; null when there is no sample. `stable` is true when the fitted
 * drift over the window (|slope| × window minutes) and the sample standard deviation are both
 * within the thresholds; null with fewer than three samples.
 *
 * @example
 * ```ts
 * import { DEFAULT_THRESHOLDS, PROVENANCE, memoryStats } from 'bench-report';
 * const times = [0, 60_000, 120_000];
 * console.log(memoryStats(times, [40, 40.5, 41], 3, DEFAULT_THRESHOLDS, PROVENANCE['mem.used_pct']));
 * ```
 */
export function memoryStats(
  times: number[],
  values: number[],
  windowMinutes: number,
  thresholds: Thresholds,
  provenance: Provenance,
): MemoryStats | null {
  if (values.length === 0) return null;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const stddev = values.length >= 2 ? sampleStandardDeviation(values) : null;
  let slopePerMinute: number | null = null;
  if (values.length >= 2) {
    const t0 = times[0]!;
    slopePerMinute = linearRegression(times.map((t, i) => [(t - t0) / 60000, values[i]!])).m;
  }
  const stable = memoryStable(values.length, stddev, slopePerMinute, windowMinutes, thresholds);
  return { samples: values.length, mean: mean(values), min, max, stddev, slopePerMinute, stable, provenance };
}

/**
 * The memory stability verdict, wherever the figures came from: true when the fitted drift over
 * the window (|slope| × window minutes) and the sample standard deviation are both within the
 * thresholds; null with fewer than three samples or a missing figure.
 */
export function memoryStable(
  samples: number,
  stddev: number | null,
  slopePerMinute: number | null,
  windowMinutes: number,
  thresholds: Thresholds,
): boolean | null {
  return samples >= 3 && stddev !== null && slopePerMinute !== null
    ? Math.abs(slopePerMinute) * windowMinutes <= thresholds.memoryDriftPoints &&
        stddev <= thresholds.memoryStddevPoints
    : null;
}

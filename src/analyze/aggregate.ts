// Figures for a series whose statistics a database computed (aggregation pushed down), chosen
// per series so summarizeNode never cares where the numbers came from. Whole-window figures
// (count, mean, min, max, stddev, percentiles) are the database's exact values; coverage, gaps
// and the memory slope come from the per-window counts at interval resolution, never from fill().
import { linearRegression } from 'simple-statistics';
import type {
  Coverage,
  CpuStats,
  Gap,
  MemoryStats,
  MetricName,
  Series,
  SeriesAggregate,
  Thresholds,
} from '../model/types.js';
import { coverage, findGaps } from './coverage.js';
import { cpuStats, memoryStable, memoryStats } from './stats.js';
import { summaryCoverage, summaryCpuStats, summaryGaps, summaryMemoryStats } from './summary.js';

/**
 * One representative time per non-empty window: the window start shifted by the phase of the
 * first sample, with the first and last windows pinned to the exact first and last sample times.
 * With one sample per window at a steady phase (Telegraf's round_interval) these are the raw
 * sample times exactly; otherwise they are exact to within one window.
 */
export function windowTimes(agg: SeriesAggregate): number[] {
  const w = agg.windows;
  if (w.length === 0) return [];
  const phase = agg.first - w[0]!.start;
  const times = w.map((x) => x.start + phase);
  times[0] = agg.first;
  if (times.length > 1) times[times.length - 1] = Math.max(times[times.length - 2]!, agg.last);
  return times;
}

/** Windows holding more than one raw sample (their slope and gap figures are window-resolution). */
export function crowdedWindows(agg: SeriesAggregate): number {
  return agg.windows.filter((w) => w.count > 1).length;
}

/** Coverage of a series, from its pushed-down counts when it has them. */
export function seriesCoverage(s: Series, start: number, end: number, intervalSeconds: number): Coverage {
  if (s.summary) return summaryCoverage(s.summary, start, end, intervalSeconds);
  if (!s.aggregate) return coverage(s.times, start, end, intervalSeconds);
  const c = coverage(windowTimes(s.aggregate), start, end, intervalSeconds);
  const samples = s.aggregate.count;
  return { ...c, samples, ratio: Math.min(1, samples / c.expectedSamples) };
}

/** Gaps of a series, from its pushed-down windows when it has them. */
export function seriesGaps(
  metric: MetricName,
  s: Series,
  start: number,
  end: number,
  intervalSeconds: number,
  minIntervals: number,
): Gap[] {
  if (s.summary) return summaryGaps(metric, s.summary, start, end, intervalSeconds, minIntervals);
  const times = s.aggregate ? windowTimes(s.aggregate) : s.times;
  return findGaps(metric, times, start, end, intervalSeconds, minIntervals);
}

/** CPU figures of a series: the database's figures when pushed down. */
export function seriesCpuStats(s: Series): CpuStats | null {
  if (s.summary) return summaryCpuStats(s.summary, s.provenance);
  const a = s.aggregate;
  if (!a) return cpuStats(s.values, s.provenance);
  if (a.count === 0) return null;
  return {
    samples: a.count,
    mean: a.mean,
    p50: a.p50,
    p95: a.p95,
    p99: a.p99,
    peak: a.max,
    min: a.min,
    provenance: s.provenance,
  };
}

/**
 * Memory figures of a series. Pushed down: mean, min, max and stddev are the database's; the
 * least-squares slope is fitted to the per-window means at their window times (equal to the
 * raw-sample slope when every window holds one sample at a steady phase).
 */
export function seriesMemoryStats(
  s: Series,
  windowMinutes: number,
  thresholds: Thresholds,
): MemoryStats | null {
  if (s.summary) return summaryMemoryStats(s.summary, windowMinutes, thresholds, s.provenance);
  const a = s.aggregate;
  if (!a) return memoryStats(s.times, s.values, windowMinutes, thresholds, s.provenance);
  if (a.count === 0) return null;
  const times = windowTimes(a);
  let slopePerMinute: number | null = null;
  if (times.length >= 2) {
    const t0 = times[0]!;
    slopePerMinute = linearRegression(times.map((t, i) => [(t - t0) / 60000, a.windows[i]!.mean])).m;
  }
  const stddev = a.count >= 2 ? a.stddev : null;
  const stable = memoryStable(a.count, stddev, slopePerMinute, windowMinutes, thresholds);
  return {
    samples: a.count,
    mean: a.mean,
    min: a.min,
    max: a.max,
    stddev,
    slopePerMinute,
    stable,
    provenance: s.provenance,
  };
}

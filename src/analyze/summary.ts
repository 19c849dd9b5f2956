// Figures of a series summarised while streaming (Series.summary, metrics/series-summary.ts), in
// the shapes the exact path returns. Count, mean, min, max and the CPU peak are exact; stddev and
// slope are exact up to rounding; percentiles are within the summary's stated bound; coverage and
// gaps come from the presence bitmap and are exact to within one interval.
import type {
  Coverage,
  CpuStats,
  Gap,
  MemoryStats,
  MetricName,
  Provenance,
  SeriesSummary,
  StreamedSeries,
  Thresholds,
} from '../model/types.js';
import { HISTOGRAM_BINS } from '../metrics/series-summary.js';
import { coverage, findGaps } from './coverage.js';
import { memoryStable } from './stats.js';

/**
 * One representative time per interval slot holding a sample, in time order: the
 * slot start shifted by the phase of the first sample, with the first and last pinned to the
 * exact first and last sample times (the rule of aggregate.ts windowTimes()). With one sample per
 * interval at a steady phase (Telegraf's round_interval) these are the sample times exactly.
 */
export function* presentTimes(s: SeriesSummary): Generator<number> {
  if (s.count === 0) return;
  const iv = s.intervalSeconds * 1000;
  const firstSlot = Math.floor((s.first - s.windowStart) / iv);
  const phase = s.first - s.windowStart - firstSlot * iv;
  // One slot of look-ahead, so the last slot's time can be pinned to the last sample.
  let pending = Number.NaN;
  let emitted = Number.NaN;
  for (let k = 0; k < s.slots; k++) {
    if ((s.presence[k >> 3]! & (1 << (k & 7))) === 0) continue;
    if (Number.isNaN(pending)) {
      pending = s.first;
      continue;
    }
    yield pending;
    emitted = pending;
    pending = s.windowStart + k * iv + phase;
  }
  if (Number.isNaN(pending)) return;
  yield Number.isNaN(emitted) ? pending : Math.max(emitted, s.last);
}

/** Coverage of a summarised series: its exact sample count, the largest gap at interval resolution. */
export function summaryCoverage(
  s: SeriesSummary,
  start: number,
  end: number,
  intervalSeconds: number,
): Coverage {
  const c = coverage(presentTimes(s), start, end, intervalSeconds);
  return { ...c, samples: s.count, ratio: Math.min(1, s.count / c.expectedSamples) };
}

/** Gaps of a summarised series longer than `minIntervals` intervals (findGaps() over present slots). */
export function summaryGaps(
  metric: MetricName,
  s: SeriesSummary,
  start: number,
  end: number,
  intervalSeconds: number,
  minIntervals: number,
): Gap[] {
  return findGaps(metric, presentTimes(s), start, end, intervalSeconds, minIntervals);
}

/** CPU figures of a summarised series (percentiles from its histogram). */
export function summaryCpuStats(s: SeriesSummary, provenance: Provenance): CpuStats | null {
  if (s.count === 0) return null;
  return {
    samples: s.count,
    mean: s.mean,
    p50: s.p50,
    p95: s.p95,
    p99: s.p99,
    peak: s.max,
    min: s.min,
    provenance,
  };
}

/** Memory figures of a summarised series; `stable` by the same rule as stats.ts memoryStats(). */
export function summaryMemoryStats(
  s: SeriesSummary,
  windowMinutes: number,
  thresholds: Thresholds,
  provenance: Provenance,
): MemoryStats | null {
  if (s.count === 0) return null;
  const stddev = s.count >= 2 ? s.stddev : null;
  const slopePerMinute = s.count >= 2 ? s.slopePerMinute : null;
  const stable = memoryStable(s.count, stddev, slopePerMinute, windowMinutes, thresholds);
  return {
    samples: s.count,
    mean: s.mean,
    min: s.min,
    max: s.max,
    stddev,
    slopePerMinute,
    stable,
    provenance,
  };
}

/** The note summary.json carries for a summarised series (NodeSummary.streamed). */
export function streamedNote(metric: MetricName, s: SeriesSummary): StreamedSeries {
  return {
    metric,
    samples: s.count,
    exactLimit: s.exactLimit,
    histogramBins: HISTOGRAM_BINS,
    percentileMaxError: s.percentileMaxError,
    gapResolutionSeconds: s.intervalSeconds,
    lateSamples: s.lateSamples,
  };
}

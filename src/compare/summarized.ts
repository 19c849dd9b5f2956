// Comparison figures of a side when some of its series were summarised while streaming
// (Series.summary): the observed value from the summaries (pooled exactly where the figure allows,
// the pooled p95 from merged histograms), and resampling units of per-slice means ("batch means")
// for the figures whose noise such units estimate honestly.
import {
  emptyHistogram,
  histogramAdd,
  histogramOrderStatistic,
  mergeHistograms,
} from '../metrics/series-summary.js';
import type { Series } from '../model/types.js';
import type { Unit } from './stats/block-bootstrap.js';
import type { MetricDef } from './metrics.js';

/**
 * Figures whose noise a moving-block bootstrap of per-slice means estimates: means and slopes are
 * linear in the samples, so batch means carry their variance. A p95 or a peak of slice means is not
 * the p95 or peak of the samples, so those rows get no noise estimate (untested) instead.
 */
export const BATCH_MEAN_KEYS: ReadonlySet<MetricDef['key']> = new Set([
  'cpu.mean',
  'cpu.perBot',
  'mem.mean',
  'mem.slope',
]);

/** The resampling unit of a series: its per-slice means when summarised, its samples otherwise. */
export function unitOf(s: Series): Unit {
  return s.summary
    ? { times: s.summary.batchTimes, values: s.summary.batchMeans }
    : { times: s.times, values: s.values };
}

/** Least-squares slope in points per minute of exact samples (the exact path's rule). */
function slopeOf(times: number[], values: number[]): number | null {
  const n = times.length;
  if (n < 2) return null;
  const t0 = times[0]!;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += (times[i]! - t0) / 60000;
    my += values[i]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (times[i]! - t0) / 60000 - mx;
    sxx += dx * dx;
    sxy += dx * (values[i]! - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}

/**
 * The figure of `def` over the side's series (one per node, at least one summarised): means
 * weighted by sample counts, the peak as the largest maximum, the slope as the mean of per-node
 * slopes, and the p95 as the type-7 quantile (metrics.ts quantileOf) of all samples read off the
 * merged histograms (exact samples of unsummarised nodes are binned the same way), so within half a
 * bin of the exact pooled value.
 */
export function summarizedValue(def: MetricDef, series: Series[], bots: number): number | null {
  const parts = series.map((s) => {
    const m = s.summary;
    if (m) return { count: m.count, mean: m.mean, max: m.max, min: m.min, slope: m.slopePerMinute };
    let sum = 0;
    let max = Number.NEGATIVE_INFINITY;
    let min = Number.POSITIVE_INFINITY;
    for (const v of s.values) {
      sum += v;
      if (v > max) max = v;
      if (v < min) min = v;
    }
    return {
      count: s.values.length,
      mean: sum / s.values.length,
      max,
      min,
      slope: slopeOf(s.times, s.values),
    };
  });
  const total = parts.reduce((a, p) => a + p.count, 0);
  if (total === 0) return null;
  switch (def.key) {
    case 'cpu.mean':
    case 'mem.mean':
      return parts.reduce((a, p) => a + p.mean * p.count, 0) / total;
    case 'cpu.peak':
      return Math.max(...parts.map((p) => p.max));
    case 'cpu.perBot':
      return bots > 0 ? parts.reduce((a, p) => a + p.mean, 0) / bots : null;
    case 'mem.slope':
      return parts.some((p) => p.slope === null)
        ? null
        : parts.reduce((a, p) => a + p.slope!, 0) / parts.length;
    case 'cpu.p95': {
      const exact = emptyHistogram();
      for (const s of series) if (!s.summary) for (const v of s.values) histogramAdd(exact, v);
      const hist = mergeHistograms([
        exact,
        ...series.flatMap((s) => (s.summary ? [s.summary.histogram] : [])),
      ]);
      const min = Math.min(...parts.map((p) => p.min));
      const max = Math.max(...parts.map((p) => p.max));
      const idx = (total - 1) * 0.95;
      const lower = Math.floor(idx);
      const low = histogramOrderStatistic(hist, lower, min, max);
      if (idx === lower) return low;
      const high = histogramOrderStatistic(hist, lower + 1, min, max);
      return low + (idx - lower) * (high - low);
    }
  }
}

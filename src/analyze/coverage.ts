// Coverage and gaps of one series, from its timestamps alone (never from a database's fill()).
import type { Coverage, Gap, MetricName } from '../model/types.js';

/**
 * Expected samples = floor(window / interval). The largest gap is the longest stretch of the
 * window with no sample beyond the one interval a sample stands for: the lead-in before the
 * first sample, the space between two samples minus one interval, and the tail after the last
 * sample's interval. A series with every sample in place has a largest gap of 0 s.
 *
 * @example
 * ```ts
 * import { coverage } from 'bench-report';
 * // Three 10 s samples in a 60 s window: half the samples, and 30 s with no sample at the end.
 * console.log(coverage([0, 10_000, 20_000], 0, 60_000, 10));
 * ```
 */
export function coverage(
  times: Iterable<number>,
  start: number,
  end: number,
  intervalSeconds: number,
): Coverage {
  const intervalMs = intervalSeconds * 1000;
  const expectedSamples = Math.max(1, Math.floor((end - start) / intervalMs));
  let samples = 0;
  let largest = 0;
  let prev = 0;
  for (const t of times) {
    largest = samples === 0 ? Math.max(0, t - start) : Math.max(largest, t - prev - intervalMs);
    prev = t;
    samples++;
  }
  if (samples === 0)
    return { expectedSamples, samples: 0, ratio: 0, largestGapSeconds: (end - start) / 1000 };
  largest = Math.max(largest, end - prev - intervalMs);
  return {
    expectedSamples,
    samples,
    ratio: Math.min(1, samples / expectedSamples),
    largestGapSeconds: round3(largest / 1000),
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Stretches with no sample longer than `minIntervals` intervals, in time order.
 *
 * @example
 * ```ts
 * import { findGaps } from 'bench-report';
 * const times = [0, 10_000, 50_000];
 * console.log(findGaps('cpu.busy_pct', times, 0, 60_000, 10, 1));
 * ```
 */
export function findGaps(
  metric: MetricName,
  times: Iterable<number>,
  start: number,
  end: number,
  intervalSeconds: number,
  minIntervals: number,
): Gap[] {
  const intervalMs = intervalSeconds * 1000;
  const limit = minIntervals * intervalMs;
  const gaps: Gap[] = [];
  const add = (a: number, b: number) => {
    if (b - a > limit) gaps.push({ metric, start: a, end: b, seconds: round3((b - a) / 1000) });
  };
  let prev: number | null = null;
  for (const t of times) {
    add(prev === null ? start : prev + intervalMs, t);
    prev = t;
  }
  add(prev === null ? start : prev + intervalMs, end);
  return gaps;
}

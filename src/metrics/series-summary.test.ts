// The streaming summary against exact computation on the same samples: the exact figures, the
// percentile bound (on random and adversarial data), order independence, a series crossing the
// limit mid-stream, and coverage/gaps at interval resolution.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesCoverage, seriesCpuStats, seriesGaps, seriesMemoryStats } from '../analyze/aggregate.js';
import { DEFAULT_THRESHOLDS } from '../analyze/summarize.js';
import type { MetricName, Series } from '../model/types.js';
import { createSeriesBuilder } from './derive.js';
import {
  DISPLAY_BUCKETS,
  EXACT_SAMPLE_LIMIT,
  HISTOGRAM_BINS,
  PERCENTILE_MAX_ERROR,
  SeriesSummarizer,
} from './series-summary.js';

const START = Date.UTC(2025, 0, 1);
const IV = 10; // seconds
const window = (slots: number) => ({ start: START, end: START + slots * IV * 1000, intervalSeconds: IV });

/** Exact nearest-rank percentile, computed here independently of analyze/stats.ts. */
function exactPercentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.min(s.length, Math.max(1, Math.floor(s.length * p + 0.5)));
  return s[rank - 1]!;
}

function exactMoments(times: number[], values: number[]) {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const xs = times.map((t) => (t - times[0]!) / 60000);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (xs[i]! - mx) ** 2;
    sxy += (xs[i]! - mx) * (values[i]! - mean);
  }
  return { mean, sd, slope: sxy / sxx };
}

/** Builds one memory series through the public builder; `limit` forces the summary. */
function build(samples: [number, number][], slots: number, limit?: number): Series {
  const b = createSeriesBuilder(
    ['a'],
    limit === undefined ? undefined : { ...window(slots), exactLimit: limit },
  );
  for (const [t, v] of samples) b.push('a', 'mem.used_pct', t, v);
  return b.finish().find((s) => s.metric === 'mem.used_pct')!;
}

const close = (a: number, b: number, rel: number) =>
  expect(Math.abs(a - b)).toBeLessThanOrEqual(rel * Math.max(1, Math.abs(b)));

/** Value generators: uniform, bin edges (k/256), just below edges, two clusters, and the 0/100 ends. */
const valueArb = fc.oneof(
  fc.double({ min: 0, max: 100, noNaN: true }),
  fc.integer({ min: 0, max: HISTOGRAM_BINS }).map((k) => k / 256),
  fc.integer({ min: 1, max: HISTOGRAM_BINS }).map((k) => k / 256 - 1e-12),
  fc.constantFrom(0, 100, 50, 99.999),
  fc.double({ min: 41.5, max: 41.502, noNaN: true }),
);

describe('streaming summary', () => {
  it('keeps the limit where a 4-hour run at 1 s stays exact and the 10^7-line benchmark runs do not', () => {
    expect(EXACT_SAMPLE_LIMIT).toBeGreaterThanOrEqual(4 * 3600);
    expect(EXACT_SAMPLE_LIMIT).toBeLessThan(1e7 / (50 * 12));
  });

  it('gives exact count/mean/min/max, tight stddev and slope, percentiles within the bound', () => {
    fc.assert(
      fc.property(fc.array(valueArb, { minLength: 3, maxLength: 400 }), (values) => {
        const samples = values.map((v, i) => [START + i * IV * 1000, v] as [number, number]);
        const s = build(samples, values.length, 1);
        const sum = s.summary!;
        expect(sum.count).toBe(values.length);
        const ex = exactMoments(
          samples.map((x) => x[0]),
          values,
        );
        close(sum.mean, ex.mean, 1e-9);
        expect(sum.min).toBe(Math.min(...values));
        expect(sum.max).toBe(Math.max(...values));
        close(sum.stddev!, ex.sd, 1e-7);
        close(sum.slopePerMinute!, ex.slope, 1e-7);
        for (const [p, got] of [
          [0.5, sum.p50],
          [0.95, sum.p95],
          [0.99, sum.p99],
        ] as const)
          expect(Math.abs(got - exactPercentile(values, p))).toBeLessThanOrEqual(PERCENTILE_MAX_ERROR);
      }),
      { numRuns: 300, seed: 8 },
    );
  });

  it('states a bound no percentile exceeds, even when every sample sits at a bin edge', () => {
    // Half the samples exactly on edges, half just below the next edge: the worst case for a midpoint.
    const values = Array.from({ length: 5000 }, (_, i) =>
      i % 2 ? (i % 25600) / 256 : ((i % 25600) + 1) / 256 - 1e-9,
    );
    const s = new SeriesSummarizer(window(5000), 1);
    values.forEach((v, i) => {
      s.push(START + i * IV * 1000, Math.min(100, v));
    });
    const { summary } = s.finish();
    const clamped = values.map((v) => Math.min(100, v));
    for (const p of [0.5, 0.95, 0.99])
      expect(
        Math.abs(summary[p === 0.5 ? 'p50' : p === 0.95 ? 'p95' : 'p99'] - exactPercentile(clamped, p)),
      ).toBeLessThanOrEqual(PERCENTILE_MAX_ERROR);
    expect(PERCENTILE_MAX_ERROR).toBe(100 / HISTOGRAM_BINS / 2);
  });

  it('gives the same count/mean/min/max/percentiles whatever the arrival order', () => {
    fc.assert(
      fc.property(
        fc.array(valueArb, { minLength: 2, maxLength: 300 }),
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        (values, seed) => {
          const samples = values.map((v, i) => [START + i * IV * 1000, v] as [number, number]);
          const shuffled = [...samples];
          let x = seed;
          for (let i = shuffled.length - 1; i > 0; i--) {
            x = (x * 48271) % 2147483647;
            const j = x % (i + 1);
            [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
          }
          const a = build(samples, values.length, 1).summary!;
          const b = build(shuffled, values.length, 1).summary!;
          expect(b.count).toBe(a.count);
          close(b.mean, a.mean, 1e-12);
          expect([b.min, b.max, b.p50, b.p95, b.p99, b.first, b.last]).toEqual([
            a.min,
            a.max,
            a.p50,
            a.p95,
            a.p99,
            a.first,
            a.last,
          ]);
          close(b.stddev!, a.stddev!, 1e-9);
          close(b.slopePerMinute!, a.slopePerMinute!, 1e-9);
          expect(b.presence).toEqual(a.presence);
        },
      ),
      { numRuns: 200, seed: 8 },
    );
  });

  it('folds a series crossing the limit mid-stream into the figures the exact path gives', () => {
    // 600 intervals, holes at 100–129 and 400–401, and repeated timestamps before and after the limit.
    const samples: [number, number][] = [];
    for (let i = 0; i < 600; i++) {
      if ((i >= 100 && i < 130) || i === 400 || i === 401) continue;
      const v = 40 + 10 * Math.sin(i / 17) + (i % 7) / 10;
      samples.push([START + i * IV * 1000 + 250, v]);
      if (i === 50 || i === 300) samples.push([START + i * IV * 1000 + 250, v + 1]); // last wins
    }
    const exactB = createSeriesBuilder(['a']);
    const sumB = createSeriesBuilder(['a'], { ...window(600), exactLimit: 200 });
    for (const [t, v] of samples) {
      exactB.push('a', 'mem.used_pct', t, v);
      exactB.push('a', 'cpu.busy_pct', t, 100 - v);
      sumB.push('a', 'mem.used_pct', t, v);
      sumB.push('a', 'cpu.busy_pct', t, 100 - v);
    }
    const ex = exactB.finish();
    const su = sumB.finish();
    expect(sumB.stats.duplicates).toBe(exactB.stats.duplicates);
    expect(sumB.stats.duplicates).toBe(4);
    const get = (xs: Series[], m: MetricName) => xs.find((s) => s.metric === m)!;
    const { start, end } = window(600);
    for (const m of ['mem.used_pct', 'cpu.busy_pct'] as const) {
      const e = get(ex, m);
      const s = get(su, m);
      expect(s.summary).toBeDefined();
      expect(e.summary).toBeUndefined();
      expect(seriesCoverage(s, start, end, IV)).toEqual(seriesCoverage(e, start, end, IV));
      for (const gi of [1, 2, 5])
        expect(seriesGaps(m, s, start, end, IV, gi)).toEqual(seriesGaps(m, e, start, end, IV, gi));
    }
    const ec = seriesCpuStats(get(ex, 'cpu.busy_pct'))!;
    const sc = seriesCpuStats(get(su, 'cpu.busy_pct'))!;
    expect([sc.samples, sc.peak, sc.min]).toEqual([ec.samples, ec.peak, ec.min]);
    close(sc.mean, ec.mean, 1e-12);
    for (const k of ['p50', 'p95', 'p99'] as const)
      expect(Math.abs(sc[k] - ec[k])).toBeLessThanOrEqual(PERCENTILE_MAX_ERROR);
    const mins = (end - start) / 60000;
    const em = seriesMemoryStats(get(ex, 'mem.used_pct'), mins, DEFAULT_THRESHOLDS)!;
    const sm = seriesMemoryStats(get(su, 'mem.used_pct'), mins, DEFAULT_THRESHOLDS)!;
    expect([sm.samples, sm.min, sm.max, sm.stable]).toEqual([em.samples, em.min, em.max, em.stable]);
    close(sm.mean, em.mean, 1e-12);
    close(sm.stddev!, em.stddev!, 1e-9);
    close(sm.slopePerMinute!, em.slopePerMinute!, 1e-9);
  });

  it('keeps the display series small, sorted, and holding the global extremes', () => {
    const n = 50_000;
    const s = new SeriesSummarizer(window(n), 1);
    for (let i = 0; i < n; i++)
      s.push(START + i * IV * 1000, i === 31_337 ? 99.5 : i === 777 ? 0.25 : 50 + Math.sin(i / 50));
    const { summary, times, values } = s.finish();
    expect(times.length).toBeLessThanOrEqual(4 * DISPLAY_BUCKETS);
    expect(times.every((t, i) => i === 0 || t > times[i - 1]!)).toBe(true);
    expect(Math.max(...values)).toBe(99.5);
    expect(Math.min(...values)).toBe(0.25);
    expect(times[values.indexOf(99.5)]).toBe(START + 31_337 * IV * 1000);
    expect(summary.batchCounts.reduce((a, b) => a + b, 0)).toBe(n);
    expect(summary.batchMeans.length).toBe(DISPLAY_BUCKETS);
  });

  it('merges a repeated latest timestamp (last value wins) and counts late samples it cannot check', () => {
    const s = new SeriesSummarizer(window(10), 1);
    s.push(START, 10);
    s.push(START + 10_000, 20);
    s.push(START + 10_000, 30); // repeats the latest: merged, 30 kept
    s.push(START + 20_000, 40);
    s.push(START + 10_000, 50); // older than the latest: folded, counted late
    const { summary } = s.finish();
    expect(summary.duplicates).toBe(1);
    expect(summary.lateSamples).toBe(1);
    expect(summary.count).toBe(4);
    expect(summary.max).toBe(50);
    close(summary.mean, (10 + 30 + 40 + 50) / 4, 1e-12);
  });

  it('keeps every sample exactly without a window, and below the limit', () => {
    const samples = Array.from({ length: 300 }, (_, i) => [START + i * 1000, i % 100] as [number, number]);
    expect(build(samples, 300).summary).toBeUndefined();
    expect(build(samples, 300, 300).summary).toBeUndefined();
    expect(build(samples, 300, 299).summary?.count).toBe(300);
  });
});

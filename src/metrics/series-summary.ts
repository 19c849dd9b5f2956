// series-summary: the fixed-size streaming summary a series is folded into once it holds more than
// EXACT_SAMPLE_LIMIT samples, so peak memory stops growing with the input. Every figure the
// analysis takes from a series is kept here (docs/statistics.md, "Streaming summary").
import type { SeriesSummary } from '../model/types.js';

/**
 * Samples per (host, metric) series held exactly; a series that grows past it is folded into a
 * {@link SeriesSummary}. 2^14 = 16,384 keeps a 4-hour run at 1 s intervals (14,400 samples) and
 * every fixture exact, and puts the 10^7-line benchmark runs (about 16,700 to 33,000 samples per
 * series) above it.
 *
 * @example
 * ```ts
 * import { build, EXACT_SAMPLE_LIMIT } from 'bench-report';
 * // A limit lowered for a look at the summarised path on a small run (the default keeps it exact):
 * const run = await build('single-node-20', { runsDir: 'fixtures/runs', exactSampleLimit: 16 });
 * console.log(EXACT_SAMPLE_LIMIT, run.summary.nodes[0]?.streamed);
 * ```
 */
export const EXACT_SAMPLE_LIMIT = 2 ** 14;

/**
 * Histogram bins per percentage point: bin k holds values in [k/256, (k+1)/256), and 100 goes to the
 * last bin. 256 is a power of two, so the bin index and the bin midpoint are exact in floating point.
 */
export const HISTOGRAM_BINS_PER_POINT = 256;
/** Bins covering [0, 100]: 25,600 in all. */
export const HISTOGRAM_BINS = 100 * HISTOGRAM_BINS_PER_POINT;
/**
 * Largest distance between a reported percentile and the exact nearest-rank sample: half a bin,
 * 1/512 = 0.001953125 percentage points (the exact sample lies in the bin whose midpoint is reported).
 *
 * @example
 * ```ts
 * import { PERCENTILE_MAX_ERROR } from 'bench-report';
 * console.log(`p95 of a summarised series is within ±${PERCENTILE_MAX_ERROR} points`);
 * ```
 */
export const PERCENTILE_MAX_ERROR = 0.5 / HISTOGRAM_BINS_PER_POINT;
/**
 * Equal slices of the run window the display series keeps first, lowest, highest and last of.
 *
 * @example
 * ```ts
 * import { DISPLAY_BUCKETS, build } from 'bench-report';
 * const run = await build('single-node-20', { runsDir: 'fixtures/runs', exactSampleLimit: 16 });
 * const s = run.series.find((x) => x.summary);
 * console.log(s?.times.length, '≤', 4 * DISPLAY_BUCKETS, 'display points');
 * ```
 */
export const DISPLAY_BUCKETS = 512;

/** The run window a builder summarises against: epoch ms, half-open, and the manifest interval. */
export interface RunWindow {
  start: number;
  end: number;
  intervalSeconds: number;
}

/**
 * A histogram over [0, 100] stored by percentage point: block i counts the 256 bins of [i, i + 1)
 * (100 itself goes to the last bin of block 99), null until a sample falls in it. A series usually
 * spans a few points, so it costs a few KiB instead of 100 KiB for all 25,600 bins.
 */
export type Histogram = (Uint32Array | null)[];

/** An empty {@link Histogram}. */
export function emptyHistogram(): Histogram {
  return Array.from({ length: 100 }, () => null);
}

/** Histogram bin of a value in [0, 100]. */
export function binOf(v: number): number {
  return Math.min(HISTOGRAM_BINS - 1, Math.floor(v * HISTOGRAM_BINS_PER_POINT));
}

/** Counts `count` samples of value `v` (in [0, 100]) into `h`. */
export function histogramAdd(h: Histogram, v: number, count = 1): void {
  const k = binOf(v);
  const block = k >> 8;
  let b = h[block];
  if (!b) {
    b = new Uint32Array(HISTOGRAM_BINS_PER_POINT);
    h[block] = b;
  }
  b[k & (HISTOGRAM_BINS_PER_POINT - 1)]! += count;
}

/** The sum of histograms (the pooled samples' histogram). */
export function mergeHistograms(hs: readonly Histogram[]): Histogram {
  const out = emptyHistogram();
  for (const h of hs)
    h.forEach((b, i) => {
      if (!b) return;
      const o = out[i] ?? new Uint32Array(HISTOGRAM_BINS_PER_POINT);
      for (let k = 0; k < b.length; k++) o[k]! += b[k]!;
      out[i] = o;
    });
  return out;
}

/** Midpoint of histogram bin k. */
export function binMid(k: number): number {
  return (k + 0.5) / HISTOGRAM_BINS_PER_POINT;
}

/**
 * Estimate of the order statistic of 0-based rank `rank` (in ascending order) of the samples a
 * histogram counts: the midpoint of the bin holding it, clamped to [min, max] (which only moves it
 * towards the true value). Within {@link PERCENTILE_MAX_ERROR} of the exact sample.
 */
export function histogramOrderStatistic(h: Histogram, rank: number, min: number, max: number): number {
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    const b = h[i];
    if (!b) continue;
    for (let k = 0; k < b.length; k++) {
      seen += b[k]!;
      if (seen > rank) return Math.min(max, Math.max(min, binMid(i * HISTOGRAM_BINS_PER_POINT + k)));
    }
  }
  return max;
}

/** Nearest-rank percentile (the rule of analyze/stats.ts nearestRank) from a histogram of n samples. */
export function histogramNearestRank(h: Histogram, n: number, p: number, min: number, max: number): number {
  if (n === 0) return Number.NaN;
  const rank = Math.min(n, Math.max(1, Math.floor(n * p + 0.5)));
  return histogramOrderStatistic(h, rank - 1, min, max);
}

// Display bucket layout in one Float64Array, DISPLAY_FIELDS numbers a bucket.
const COUNT = 0;
const SUM = 1;
const FIRST_T = 2;
const FIRST_V = 3;
const LAST_T = 4;
const LAST_V = 5;
const MIN_T = 6;
const MIN_V = 7;
const MAX_T = 8;
const MAX_V = 9;
const DISPLAY_FIELDS = 10;

/**
 * Folds samples of one series into fixed-size state: moments (Welford, with the time co-moment
 * for the least-squares slope), a fixed-bin histogram, a presence bitmap at one bit per interval of
 * the window and the display buckets. Memory: 1 KiB per percentage point the values span (at most
 * 100 KiB) for the histogram, 40 KiB for the display buckets and window/interval/8 bytes for the
 * presence bitmap, whatever the number of samples.
 *
 * Duplicates: the latest sample is held back until a later timestamp arrives, so a timestamp
 * repeated while it is the series' latest is merged (last value wins, counted), as the exact path
 * does. A sample older than the latest is folded as it comes and counted in `lateSamples`: every
 * order-free figure stays exact, but a duplicate among such samples cannot be recognised.
 */
export class SeriesSummarizer {
  private n = 0;
  private meanX = 0;
  private meanY = 0;
  private m2x = 0;
  private m2y = 0;
  private cxy = 0;
  private t0 = Number.NaN;
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  private readonly hist = emptyHistogram();
  private readonly presence: Uint8Array;
  private readonly slots: number;
  private readonly intervalMs: number;
  private readonly display = new Float64Array(DISPLAY_BUCKETS * DISPLAY_FIELDS);
  private readonly bucketMs: number;
  private pending = false;
  private pendT = 0;
  private pendV = 0;
  /** Timestamps merged because they repeated the latest sample (last value kept). */
  duplicates = 0;
  /** Samples that arrived older than the series' latest sample (see the class comment). */
  lateSamples = 0;

  constructor(
    private readonly window: RunWindow,
    private readonly exactLimit: number,
  ) {
    this.intervalMs = window.intervalSeconds * 1000;
    this.slots = Math.max(1, Math.ceil((window.end - window.start) / this.intervalMs));
    this.presence = new Uint8Array(Math.ceil(this.slots / 8));
    this.bucketMs = Math.max(1e-9, (window.end - window.start) / DISPLAY_BUCKETS);
  }

  /** Offers one sample (value already checked to be in [0, 100]); see the class comment on order. */
  push(time: number, value: number): void {
    if (!this.pending) {
      this.pending = true;
      this.pendT = time;
      this.pendV = value;
    } else if (time === this.pendT) {
      this.duplicates++;
      this.pendV = value;
    } else if (time > this.pendT) {
      this.fold(this.pendT, this.pendV);
      this.pendT = time;
      this.pendV = value;
    } else {
      this.lateSamples++;
      this.fold(time, value);
    }
  }

  private fold(t: number, v: number): void {
    if (this.n === 0) this.t0 = t;
    this.n++;
    // Minutes since the first folded sample: shifting keeps the co-moments well conditioned.
    const x = (t - this.t0) / 60000;
    const dx = x - this.meanX;
    this.meanX += dx / this.n;
    const dy = v - this.meanY;
    this.meanY += dy / this.n;
    this.m2x += dx * (x - this.meanX);
    this.m2y += dy * (v - this.meanY);
    this.cxy += dx * (v - this.meanY);
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    if (t < this.first) this.first = t;
    if (t > this.last) this.last = t;
    histogramAdd(this.hist, v);
    const slot = Math.floor((t - this.window.start) / this.intervalMs);
    if (slot >= 0 && slot < this.slots) this.presence[slot >> 3]! |= 1 << (slot & 7);
    const b = Math.min(DISPLAY_BUCKETS - 1, Math.max(0, Math.floor((t - this.window.start) / this.bucketMs)));
    const d = this.display;
    const o = b * DISPLAY_FIELDS;
    // Ties go to the earlier time (and, for `last`, to the later arrival), so the kept points do
    // not depend on arrival order.
    if (d[o + COUNT] === 0) {
      d[o + FIRST_T] = d[o + LAST_T] = d[o + MIN_T] = d[o + MAX_T] = t;
      d[o + FIRST_V] = d[o + LAST_V] = d[o + MIN_V] = d[o + MAX_V] = v;
    } else {
      if (t < d[o + FIRST_T]!) {
        d[o + FIRST_T] = t;
        d[o + FIRST_V] = v;
      }
      if (t >= d[o + LAST_T]!) {
        d[o + LAST_T] = t;
        d[o + LAST_V] = v;
      }
      if (v < d[o + MIN_V]! || (v === d[o + MIN_V] && t < d[o + MIN_T]!)) {
        d[o + MIN_T] = t;
        d[o + MIN_V] = v;
      }
      if (v > d[o + MAX_V]! || (v === d[o + MAX_V] && t < d[o + MAX_T]!)) {
        d[o + MAX_T] = t;
        d[o + MAX_V] = v;
      }
    }
    d[o + COUNT]!++;
    d[o + SUM]! += v;
  }

  /** Samples folded so far (the held-back latest one included). */
  get count(): number {
    return this.n + (this.pending ? 1 : 0);
  }

  /**
   * The summary and its display series (per non-empty bucket the first, lowest, highest and last
   * sample, in time order). Folds the held-back sample; call once.
   */
  finish(): { summary: SeriesSummary; times: number[]; values: number[] } {
    if (this.pending) {
      this.fold(this.pendT, this.pendV);
      this.pending = false;
    }
    const n = this.n;
    const times: number[] = [];
    const values: number[] = [];
    const batchTimes: number[] = [];
    const batchMeans: number[] = [];
    const batchCounts: number[] = [];
    const d = this.display;
    for (let b = 0; b < DISPLAY_BUCKETS; b++) {
      const o = b * DISPLAY_FIELDS;
      const c = d[o + COUNT]!;
      if (c === 0) continue;
      batchTimes.push(d[o + FIRST_T]!);
      batchMeans.push(d[o + SUM]! / c);
      batchCounts.push(c);
      const pts = [
        [d[o + FIRST_T]!, d[o + FIRST_V]!],
        [d[o + MIN_T]!, d[o + MIN_V]!],
        [d[o + MAX_T]!, d[o + MAX_V]!],
        [d[o + LAST_T]!, d[o + LAST_V]!],
      ].sort((a, c2) => a[0]! - c2[0]!);
      for (const [t, v] of pts) {
        if (times.length > 0 && times[times.length - 1] === t) continue;
        times.push(t!);
        values.push(v!);
      }
    }
    const pct = (p: number) => histogramNearestRank(this.hist, n, p, this.min, this.max);
    const summary: SeriesSummary = {
      count: n,
      mean: this.meanY,
      min: this.min,
      max: this.max,
      stddev: n >= 2 ? Math.sqrt(this.m2y / (n - 1)) : null,
      slopePerMinute: n >= 2 && this.m2x > 0 ? this.cxy / this.m2x : null,
      p50: pct(0.5),
      p95: pct(0.95),
      p99: pct(0.99),
      percentileMaxError: PERCENTILE_MAX_ERROR,
      histogram: this.hist,
      first: this.first,
      last: this.last,
      windowStart: this.window.start,
      intervalSeconds: this.window.intervalSeconds,
      slots: this.slots,
      presence: this.presence,
      exactLimit: this.exactLimit,
      lateSamples: this.lateSamples,
      duplicates: this.duplicates,
      batchTimes,
      batchMeans,
      batchCounts,
    };
    return { summary, times, values };
  }
}

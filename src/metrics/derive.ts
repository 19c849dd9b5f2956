// derive: canonical per-host series from raw points. CPU busy % is 100 − usage_idle of
// cpu=cpu-total (the whole machine); memory used % is mem used_percent. Duplicate timestamps
// are merged (last value wins, as InfluxDB does) and counted.
import type { MetricName, Point, Series, SeriesAggregate } from '../model/types.js';
import { METRICS, PROVENANCE } from './canonical.js';
import { EXACT_SAMPLE_LIMIT, type RunWindow, SeriesSummarizer } from './series-summary.js';
import {
  busyFromCounters,
  COUNTER_PARTS,
  COUNTER_PROVENANCE,
  type CounterSample,
  counterSample,
} from './cpu-counters.js';

/**
 * The raw fields derive reads, by measurement: each metric's field and, for CPU, the time_*
 * counters it falls back on. Readers given this may leave every other field out of the points.
 */
export const DERIVED_FIELDS: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    PROVENANCE['cpu.busy_pct'].measurement,
    new Set([PROVENANCE['cpu.busy_pct'].field, ...COUNTER_PARTS.map((p) => `time_${p}`)]),
  ],
  [PROVENANCE['mem.used_pct'].measurement, new Set([PROVENANCE['mem.used_pct'].field])],
]);

/**
 * The series whose DERIVED_FIELDS derive reads, by measurement: CPU from `cpu=cpu-total` only
 * (deriveSamples ignores the per-core series). Readers given this may leave the fields of the
 * other series out (ReadOptions.fieldsWhere).
 */
export const DERIVED_WHERE: ReadonlyMap<string, Readonly<Record<string, string>>> = new Map(
  Object.values(PROVENANCE)
    .filter((p) => p.filter !== '')
    .map((p) => [
      p.measurement,
      Object.freeze(Object.fromEntries(p.filter.split(',').map((kv) => kv.split('=')))),
    ]),
);

/** DERIVED_FIELDS and DERIVED_WHERE as the read options readers take. */
export const DERIVED_SELECTION = Object.freeze({ fields: DERIVED_FIELDS, fieldsWhere: DERIVED_WHERE });

/**
 * A growable pair of Float64Arrays: 16 bytes a sample, no boxed numbers, and doubling keeps
 * the copy cost amortised. Large runs hold millions of samples here.
 */
class SampleBuffer {
  times = new Float64Array(64);
  values = new Float64Array(64);
  length = 0;
  push(time: number, value: number): void {
    if (this.length === this.times.length) {
      const times = new Float64Array(this.length * 2);
      times.set(this.times);
      this.times = times;
      const values = new Float64Array(this.length * 2);
      values.set(this.values);
      this.values = values;
    }
    this.times[this.length] = time;
    this.values[this.length] = value;
    this.length++;
  }
}

export interface DeriveStats {
  /** Points whose value was outside its valid range (e.g. usage_idle > 100), per host. */
  outOfRange: number;
  /** Samples sharing a timestamp with an earlier one on the same host and metric. */
  duplicates: number;
  /** CPU counter intervals skipped as resets, when CPU came from time_* counters. */
  counterResets: number;
}

/** Receives what points contribute to the canonical metrics (see deriveSamples()). */
export interface SampleSink {
  /** One sample of a canonical metric. */
  push(host: string, metric: MetricName, time: number, value: number): void;
  /** The fields of a cpu-total point without usage_idle (its time_* counters are the fallback). */
  counterParts(host: string, time: number, fields: Readonly<Record<string, unknown>>): void;
}

/**
 * What one point contributes to the canonical metrics: CPU busy % (100 − usage_idle of
 * cpu=cpu-total, or its time_* counters), memory used %. Points of other measurements give nothing.
 */
export function deriveSamples(host: string, p: Point, sink: SampleSink): void {
  if (p.measurement === 'cpu') {
    if (p.tags.cpu !== 'cpu-total') return;
    const idle = p.fields.usage_idle;
    if (typeof idle === 'number') sink.push(host, 'cpu.busy_pct', p.time, 100 - idle);
    else sink.counterParts(host, p.time, p.fields);
  } else if (p.measurement === 'mem') {
    const used = p.fields.used_percent;
    if (typeof used === 'number') sink.push(host, 'mem.used_pct', p.time, used);
  }
}

/** The run window a builder may summarise long series against (see createSeriesBuilder()). */
export interface SeriesBuilderWindow extends RunWindow {
  /** Samples per series kept exactly before folding into a summary (default EXACT_SAMPLE_LIMIT; tests lower it). */
  exactLimit?: number;
}

/**
 * Collects points into per-(host, metric) series. Given the run window, a series that grows past
 * the exact-sample limit (EXACT_SAMPLE_LIMIT) is folded into a fixed-size streaming summary
 * (`Series.summary`, metrics/series-summary.ts), so memory stops growing with the input; without a
 * window every sample is kept.
 *
 * @example
 * ```ts
 * import { createSeriesBuilder, parseLine } from 'bench-report';
 * const builder = createSeriesBuilder(['srv']);
 * for (const line of ['cpu,cpu=cpu-total,host=srv usage_idle=75 1750000000000000000', 'mem,host=srv used_percent=41.5 1750000000000000000']) {
 *   const r = parseLine(line);
 *   if (r.ok === true) builder.add('srv', r.point);
 * }
 * console.log(builder.finish().map((s) => `${s.metric} ${s.values}`));
 * ```
 */
export function createSeriesBuilder(hosts: string[], window?: SeriesBuilderWindow) {
  const buffers = new Map<string, Record<MetricName, SampleBuffer>>();
  const limit = window ? Math.max(1, window.exactLimit ?? EXACT_SAMPLE_LIMIT) : Number.POSITIVE_INFINITY;
  // Series past the limit, by host and metric (their buffer is dropped when they cross); looked up
  // per sample, so no key string is built on that path.
  const summaries = new Map<string, Partial<Record<MetricName, SeriesSummarizer>>>();
  for (const h of hosts)
    buffers.set(h, { 'cpu.busy_pct': new SampleBuffer(), 'mem.used_pct': new SampleBuffer() });
  const stats: DeriveStats = { outOfRange: 0, duplicates: 0, counterResets: 0 };
  // Pushed-down statistics cannot be merged with raw samples or with each other; the first
  // source to deliver a (host, metric) keeps it and later deliveries are counted as duplicates.
  const aggregates = new Map<string, SeriesAggregate>();
  // time_* parts per host and timestamp; merged because Flux exports carry one field per record.
  const counters = new Map<string, Map<number, Record<string, unknown>>>();

  const push = (host: string, metric: MetricName, time: number, value: number) => {
    const b = buffers.get(host)?.[metric];
    if (!b) return;
    if (!(value >= 0 && value <= 100)) {
      stats.outOfRange++;
      return;
    }
    if (b.length < limit) {
      b.push(time, value);
      return;
    }
    let byMetric = summaries.get(host);
    if (!byMetric) {
      byMetric = {};
      summaries.set(host, byMetric);
    }
    let sum = byMetric[metric];
    if (!sum) {
      sum = new SeriesSummarizer(window!, limit);
      // What was held exactly is folded sorted and de-duplicated (exactly as finish() would), so
      // the summary starts from the same samples the exact path would have kept.
      const { st, sv } = sortedUnique(b.times, b.values, b.length, stats);
      for (let i = 0; i < st.length; i++) sum.push(st[i]!, sv[i]!);
      byMetric[metric] = sum;
      // A buffer at the limit stays "full", so later samples keep coming here.
      b.times = new Float64Array(0);
      b.values = new Float64Array(0);
    }
    sum.push(time, value);
  };
  const counterParts = (host: string, time: number, fields: Readonly<Record<string, unknown>>) => {
    if (!buffers.has(host)) return;
    // Kept aside: used only when the host has no usage_idle at all (see finish()).
    let byTime = counters.get(host);
    if (!byTime) {
      byTime = new Map();
      counters.set(host, byTime);
    }
    let parts = byTime.get(time);
    for (const [k, v] of Object.entries(fields)) {
      if (!k.startsWith('time_')) continue;
      if (!parts) {
        parts = {};
        byTime.set(time, parts);
      }
      parts[k] = v;
    }
  };
  const sink: SampleSink = { push, counterParts };

  return {
    stats,
    /** Offers one point; points that carry no canonical metric are ignored. */
    add(host: string, p: Point): void {
      deriveSamples(host, p, sink);
    },
    /**
     * Offers one canonical sample (what add() derives from a point). Samples of one host and
     * metric must arrive in input order; values outside 0–100 are counted and dropped.
     */
    push,
    /** Offers the time_* counter fields of one cpu-total point (the CPU fallback; see add()). */
    counterParts,
    /** Offers a database-computed aggregate for one host and metric (see analyze/aggregate.ts). */
    addAggregate(host: string, metric: MetricName, agg: SeriesAggregate): void {
      if (!buffers.has(host)) return;
      const key = `${metric}\u0000${host}`;
      if (
        aggregates.has(key) ||
        summaries.get(host)?.[metric] ||
        (buffers.get(host)?.[metric].length ?? 0) > 0
      ) {
        stats.duplicates += agg.count;
        return;
      }
      aggregates.set(key, agg);
    },
    /** Sorted, de-duplicated series for every host and metric (empty arrays where nothing arrived). */
    finish(): Series[] {
      const out: Series[] = [];
      for (const [host, byMetric] of buffers) {
        let cpuFromCounters = false;
        const cs: CounterSample[] = [];
        for (const [t, parts] of counters.get(host) ?? []) {
          const c = counterSample(t, parts);
          if (c) cs.push(c);
        }
        let fromCounters: { times: number[]; values: number[] } | undefined;
        if (byMetric['cpu.busy_pct'].length === 0 && cs.length > 0) {
          const derived = busyFromCounters(cs);
          stats.counterResets += derived.resets;
          fromCounters = derived;
          cpuFromCounters = true;
        }
        for (const metric of METRICS) {
          const agg = aggregates.get(`${metric}\u0000${host}`);
          if (agg) {
            const times = agg.windows.map((w) => w.start);
            const values = agg.windows.map((w) => w.mean);
            out.push({ host, metric, provenance: PROVENANCE[metric], times, values, aggregate: agg });
            continue;
          }
          const sum = summaries.get(host)?.[metric];
          if (sum) {
            delete summaries.get(host)![metric];
            const { summary, times, values } = sum.finish();
            stats.duplicates += summary.duplicates;
            out.push({ host, metric, provenance: PROVENANCE[metric], times, values, summary });
            continue;
          }
          const buffer = byMetric[metric];
          // Drop the buffer as soon as it is converted, so the typed and the plain copies of all
          // series never coexist (the peak of a large run).
          byMetric[metric] = new SampleBuffer();
          const src = metric === 'cpu.busy_pct' && fromCounters ? fromCounters : buffer;
          const n = src === buffer ? buffer.length : src.times.length;
          const { st, sv } = sortedUnique(src.times, src.values, n, stats);
          const provenance =
            metric === 'cpu.busy_pct' && cpuFromCounters ? COUNTER_PROVENANCE : PROVENANCE[metric];
          out.push({ host, metric, provenance, times: st, values: sv });
        }
      }
      return out;
    },
  };
}

/**
 * Time-ordered samples with repeated timestamps merged (last arrival wins). Files are nearly
 * always in time order already, so the index sort (stable: ties keep arrival order) runs only
 * when a sample is out of order.
 */
function sortedUnique(
  times: ArrayLike<number>,
  values: ArrayLike<number>,
  n: number,
  stats: DeriveStats,
): { st: number[]; sv: number[] } {
  let inOrder = true;
  let unique = true;
  for (let i = 1; i < n; i++) {
    if (times[i]! < times[i - 1]!) {
      inOrder = false;
      break;
    }
    if (times[i] === times[i - 1]) unique = false;
  }
  // The usual case: exact-size plain arrays straight from the input.
  if (inOrder && unique) {
    const st = new Array<number>(n);
    const sv = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      st[i] = times[i]!;
      sv[i] = values[i]!;
    }
    return { st, sv };
  }
  let order: Uint32Array | null = null;
  if (!inOrder) {
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => times[a]! - times[b]! || a - b);
  }
  const st: number[] = [];
  const sv: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = order === null ? k : order[k]!;
    if (st.length > 0 && st[st.length - 1] === times[i]) {
      stats.duplicates++;
      sv[sv.length - 1] = values[i]!;
    } else {
      st.push(times[i]!);
      sv.push(values[i]!);
    }
  }
  return { st, sv };
}

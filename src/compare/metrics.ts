// The metrics a comparison covers, each defined once over a "side": one or more nodes of one run
// (the server, the pooled bot nodes, or one bot node) with their series. The same statistic gives
// the observed value and, on resampled indexes, the bootstrap replicates.
import type { MetricName, NodeSummary, RunSummary, Series } from '../model/types.js';
import type { Unit, UnitStatistic } from './stats/block-bootstrap.js';
import { identity } from './stats/block-bootstrap.js';
import { BATCH_MEAN_KEYS, summarizedValue, unitOf } from './summarized.js';

export type Direction = 'lower-is-better' | 'higher-is-better' | 'neutral';

/** A run as a comparison needs it: its summary and, for noise estimates, its per-host series. */
export interface RunData {
  summary: RunSummary;
  /** Canonical series of the run; without them values come from the summary and no noise is estimated. */
  series?: Series[];
}

/** Nodes of one run standing for one row group, with the bots that CPU per bot divides by. */
export interface Side {
  run: RunData;
  nodes: NodeSummary[];
  /** Divisor of CPU per bot: total bots of the run for the server, the nodes' own bots otherwise. */
  bots: number;
  /** How the side's nodes are combined, for footnotes (`pooled` when more than one node). */
  pooled: boolean;
}

export interface MetricDef {
  key: 'cpu.mean' | 'cpu.p95' | 'cpu.peak' | 'cpu.perBot' | 'mem.mean' | 'mem.slope';
  metric: string;
  unit: string;
  direction: Direction;
  series: MetricName;
  what: string;
  digits: number;
  /** Statistic over units (one per node) given the side's bot divisor. */
  stat: (bots: number) => UnitStatistic;
  /** The same figure from node summaries alone; undefined when the summary cannot give it. */
  fromSummary: (nodes: NodeSummary[], bots: number) => number | null | undefined;
}

function pooledValues(units: Unit[], idx: Int32Array[]): Float64Array {
  let n = 0;
  for (const x of idx) n += x.length;
  const out = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < units.length; i++) {
    const v = units[i]!.values;
    const ix = idx[i]!;
    for (let q = 0; q < ix.length; q++) out[k++] = v[ix[q]!]!;
  }
  return out;
}

/** k-th smallest (0-based) by quickselect; reorders `a`. Linear time, so resampled p95s stay cheap. */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (hi > lo) {
    const pivot = a[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

/**
 * simple-statistics' quantileSorted without sorting: the type-7 (linear) quantile, value at
 * (n − 1)·p interpolated between its neighbouring order statistics, as the per-node summaries use.
 */
export function quantileOf(a: Float64Array, p: number): number {
  if (a.length === 1 || p === 0) return p === 0 ? select(a, 0) : a[0]!;
  if (p === 1) return select(a, a.length - 1);
  const idx = (a.length - 1) * p;
  const lower = Math.floor(idx);
  const low = select(a, lower);
  if (idx === lower) return low;
  // After select, everything right of `lower` is ≥ it: the next order statistic is their minimum.
  let next = Number.POSITIVE_INFINITY;
  for (let i = lower + 1; i < a.length; i++) if (a[i]! < next) next = a[i]!;
  return low + (idx - lower) * (next - low);
}

function unitMean(u: Unit, idx: Int32Array): number {
  const v = u.values;
  let s = 0;
  for (let q = 0; q < idx.length; q++) s += v[idx[q]!]!;
  return s / idx.length;
}

const pooledMean: UnitStatistic = (units, idx) => {
  let s = 0;
  let n = 0;
  for (let i = 0; i < units.length; i++) {
    const v = units[i]!.values;
    const ix = idx[i]!;
    for (let q = 0; q < ix.length; q++) s += v[ix[q]!]!;
    n += ix.length;
  }
  return n ? s / n : null;
};

/** Least-squares slope in points per minute of one unit seen through its indexes (pairs kept). */
function unitSlope(u: Unit, idx: Int32Array): number | null {
  const n = idx.length;
  if (n < 2) return null;
  const t = u.times;
  const v = u.values;
  const t0 = t[0]!;
  let mx = 0;
  let my = 0;
  for (let q = 0; q < n; q++) {
    const j = idx[q]!;
    mx += (t[j]! - t0) / 60000;
    my += v[j]!;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let q = 0; q < n; q++) {
    const j = idx[q]!;
    const dx = (t[j]! - t0) / 60000 - mx;
    sxx += dx * dx;
    sxy += dx * (v[j]! - my);
  }
  return sxx === 0 ? null : sxy / sxx;
}

const weightedMean = (
  nodes: NodeSummary[],
  get: (n: NodeSummary) => { mean: number; samples: number } | null,
) => {
  let s = 0;
  let n = 0;
  for (const x of nodes) {
    const v = get(x);
    if (!v) return null;
    s += v.mean * v.samples;
    n += v.samples;
  }
  return n ? s / n : null;
};

export const COMPARED_METRICS: MetricDef[] = [
  {
    key: 'cpu.mean',
    metric: 'CPU mean',
    unit: '%',
    direction: 'lower-is-better',
    series: 'cpu.busy_pct',
    what: 'CPU data',
    digits: 2,
    stat: () => pooledMean,
    fromSummary: (nodes) => weightedMean(nodes, (n) => n.cpu),
  },
  {
    key: 'cpu.p95',
    metric: 'CPU p95',
    unit: '%',
    direction: 'lower-is-better',
    series: 'cpu.busy_pct',
    what: 'CPU data',
    digits: 2,
    stat: () => (units, idx) => {
      const v = pooledValues(units, idx);
      return v.length ? quantileOf(v, 0.95) : null;
    },
    fromSummary: (nodes) => (nodes.length === 1 ? (nodes[0]!.cpu?.p95 ?? null) : undefined),
  },
  {
    key: 'cpu.peak',
    metric: 'CPU peak',
    unit: '%',
    direction: 'lower-is-better',
    series: 'cpu.busy_pct',
    what: 'CPU data',
    digits: 2,
    stat: () => (units, idx) => {
      let m = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < units.length; i++) {
        const v = units[i]!.values;
        const ix = idx[i]!;
        for (let q = 0; q < ix.length; q++) if (v[ix[q]!]! > m) m = v[ix[q]!]!;
      }
      return Number.isFinite(m) ? m : null;
    },
    fromSummary: (nodes) => (nodes.some((n) => !n.cpu) ? null : Math.max(...nodes.map((n) => n.cpu!.peak))),
  },
  {
    key: 'cpu.perBot',
    metric: 'CPU per bot',
    unit: '%',
    direction: 'lower-is-better',
    series: 'cpu.busy_pct',
    what: 'CPU data',
    digits: 3,
    stat: (bots) => (units, idx) => {
      if (bots <= 0) return null;
      let s = 0;
      units.forEach((u, i) => {
        s += unitMean(u, idx[i]!);
      });
      return s / bots;
    },
    fromSummary: (nodes, bots) =>
      bots <= 0 || nodes.some((n) => !n.cpu) ? null : nodes.reduce((a, n) => a + n.cpu!.mean, 0) / bots,
  },
  {
    key: 'mem.mean',
    metric: 'memory mean',
    unit: '%',
    direction: 'lower-is-better',
    series: 'mem.used_pct',
    what: 'memory data',
    digits: 2,
    stat: () => pooledMean,
    fromSummary: (nodes) => weightedMean(nodes, (n) => n.memory),
  },
  {
    key: 'mem.slope',
    metric: 'memory slope',
    unit: 'pp/min',
    direction: 'neutral',
    series: 'mem.used_pct',
    what: 'memory data',
    digits: 4,
    stat: () => (units, idx) => {
      let s = 0;
      for (let i = 0; i < units.length; i++) {
        const v = unitSlope(units[i]!, idx[i]!);
        if (v === null) return null;
        s += v;
      }
      return units.length ? s / units.length : null;
    },
    fromSummary: (nodes) =>
      nodes.some((n) => n.memory?.slopePerMinute == null)
        ? null
        : nodes.reduce((a, n) => a + n.memory!.slopePerMinute!, 0) / nodes.length,
  },
];

/** A side's figure for one metric, or why there is none (which run and which node lacked it). */
export interface SideValue {
  value: number | null;
  missing?: string;
  /** The side's resampling units (present when the value came from series). */
  units?: Unit[];
  /** True when some series of the side was summarised while streaming (units are per-slice means). */
  summarized?: boolean;
}

/** Units (one per node) for a metric, or the hosts whose series are empty. */
function unitsOf(
  side: Side,
  metric: MetricName,
): { units: Unit[]; lacking: string[]; series: Series[] } | null {
  if (!side.run.series) return null;
  const units: Unit[] = [];
  const lacking: string[] = [];
  const series: Series[] = [];
  for (const n of side.nodes) {
    const s = side.run.series.find((x) => x.host === n.host && x.metric === metric);
    if (!s || s.values.length === 0) lacking.push(n.host);
    else {
      units.push(unitOf(s));
      series.push(s);
    }
  }
  return { units, lacking, series };
}

/** The figure of `def` on `side`: from the series when the run carries them, else from the summary. */
export function sideValue(side: Side, def: MetricDef, label: string): SideValue {
  const id = side.run.summary.run.id;
  if (side.nodes.length === 0) return { value: null, missing: `${id} has no ${label}` };
  if (def.key === 'cpu.perBot' && side.bots <= 0)
    return { value: null, missing: `${id}: no bots declared for ${label}; CPU per bot not computed` };
  const fromSeries = unitsOf(side, def.series);
  const lackingHosts = fromSeries
    ? fromSeries.lacking
    : side.nodes.filter((n) => (def.series === 'cpu.busy_pct' ? !n.cpu : !n.memory)).map((n) => n.host);
  if (lackingHosts.length > 0) {
    const who = lackingHosts.join(', ');
    const pooledNote = side.pooled
      ? ' (a pooled figure needs every bot node; it is never taken from part of them)'
      : '';
    return { value: null, missing: `${id}: ${who} has no ${def.what}${pooledNote}` };
  }
  if (fromSeries?.series.some((s) => s.summary)) {
    const v = summarizedValue(def, fromSeries.series, side.bots);
    if (v === null) return { value: null, missing: `${id}: too few samples on ${label} for ${def.metric}` };
    return BATCH_MEAN_KEYS.has(def.key)
      ? { value: v, units: fromSeries.units, summarized: true }
      : { value: v, summarized: true };
  }
  if (fromSeries) {
    const v = def.stat(side.bots)(fromSeries.units, identity(fromSeries.units));
    return v === null
      ? { value: null, missing: `${id}: too few samples on ${label} for ${def.metric}` }
      : { value: v, units: fromSeries.units };
  }
  const v = def.fromSummary(side.nodes, side.bots);
  if (v === undefined)
    return { value: null, missing: `${id}: pooled ${def.metric} needs the samples, not only the summary` };
  if (v === null) return { value: null, missing: `${id}: ${def.metric} not available for ${label}` };
  return { value: v };
}

// CPU busy % from Telegraf's cumulative `time_*` counters (collect_cpu_time = true), for inputs
// that carry no usage_* fields. Busy between two samples is 1 − Δidle/Δtotal, where total is
// user+system+idle+nice+iowait+irq+softirq+steal (guest time is already inside user and nice, as in
// /proc/stat, so it is not added again). iowait counts as busy, exactly as in Telegraf's
// `100 − usage_idle`, so both paths give the same figure for the same machine.
import type { Provenance } from '../model/types.js';

/** The counter parts that make up total CPU time. */
export const COUNTER_PARTS = ['user', 'system', 'idle', 'nice', 'iowait', 'irq', 'softirq', 'steal'] as const;

/** One reading of the counters: time (epoch ms) and the seconds in each part. */
export interface CounterSample {
  time: number;
  parts: Record<(typeof COUNTER_PARTS)[number], number>;
}

/**
 * Where CPU busy % comes from when it is derived from the `time_*` counters (rather than read from `usage_*`).
 *
 * @example
 * ```ts
 * import { COUNTER_PROVENANCE, provenanceText } from 'bench-report';
 * console.log(provenanceText(COUNTER_PROVENANCE));
 * ```
 */
export const COUNTER_PROVENANCE: Provenance = {
  measurement: 'cpu',
  filter: 'cpu=cpu-total',
  field: 'time_*',
  derivation:
    '100 × (1 − Δtime_idle / Δtotal) between consecutive samples; total = user+system+idle+nice+iowait+irq+softirq+steal; iowait counts as busy; counter resets skipped',
};

export interface CounterSeries {
  times: number[];
  values: number[];
  /** Intervals skipped because a counter went backwards or did not advance (reboot, wrap, duplicate). */
  resets: number;
}

/**
 * Busy % per interval from counter samples (any order; sorted here). Each value is stamped with
 * the later sample's time, as Telegraf stamps usage_*. The first sample yields nothing; an
 * interval where any counter decreased or total did not advance is a reset and yields nothing,
 * so a reboot never becomes a spike.
 *
 * @example
 * ```ts
 * import { busyFromCounters } from 'bench-report';
 * const parts = (user: number, idle: number) => ({ user, system: 0, idle, nice: 0, iowait: 0, irq: 0, softirq: 0, steal: 0 });
 * console.log(busyFromCounters([
 *   { time: 0, parts: parts(100, 900) },
 *   { time: 10_000, parts: parts(105, 905) }, // 5 s busy of 10 s: 50 %
 *   { time: 20_000, parts: parts(1, 2) }, // a reboot: skipped, counted as a reset
 * ]));
 * ```
 */
export function busyFromCounters(samples: CounterSample[]): CounterSeries {
  const sorted = [...samples].sort((a, b) => a.time - b.time);
  const out: CounterSeries = { times: [], values: [], resets: 0 };
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1]!;
    const b = sorted[i]!;
    if (b.time === a.time) continue; // duplicate reading, not an interval
    let dTotal = 0;
    let backwards = false;
    for (const p of COUNTER_PARTS) {
      const d = b.parts[p] - a.parts[p];
      if (d < 0) backwards = true;
      dTotal += d;
    }
    if (backwards || !(dTotal > 0)) {
      out.resets++;
      continue;
    }
    const dIdle = b.parts.idle - a.parts.idle;
    out.times.push(b.time);
    out.values.push(Math.min(100, Math.max(0, 100 * (1 - dIdle / dTotal))));
  }
  return out;
}

/** Reads the counter parts from a cpu point's fields; null when any is missing. */
export function counterSample(time: number, fields: Record<string, unknown>): CounterSample | null {
  const parts = {} as CounterSample['parts'];
  for (const p of COUNTER_PARTS) {
    const v = fields[`time_${p}`];
    if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    parts[p] = v;
  }
  return { time, parts };
}

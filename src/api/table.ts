// toTable: a run's series and summary as arquero tables, for ad-hoc analysis in scripts and notebooks.
// Plain copies of the pipeline's data: nothing here computes a figure the summary does not already hold.
import { type ColumnTable, table } from 'arquero';
import type { RunSummary, Series } from '../model/types.js';

/** What {@link toTable} needs: the series a read produced and the summary built from them. */
export interface TabularRun {
  series: Series[];
  summary: RunSummary;
}

/** The two tables of one run. */
export interface RunTables {
  /**
   * One row per sample: `run`, `host`, `role`, `metric` (`cpu.busy_pct` | `mem.used_pct`),
   * `time` (epoch ms), `value` (percent). Rows are ordered by host, metric, time. A series summarised
   * while streaming (over EXACT_SAMPLE_LIMIT samples, `Series.summary`) contributes its display series
   * only: the first, lowest, highest and last sample of each 1/512 of the window, not every sample;
   * the `nodes` table's figures still cover all its samples (summary.json `nodes[].streamed` says which).
   */
  samples: ColumnTable;
  /**
   * One row per manifest node, in manifest order, with the summary's figures. A node without data
   * has `null` figures ("not measured"), never zero.
   */
  nodes: ColumnTable;
}

/**
 * Turns a run into arquero tables: per-sample and per-node.
 *
 * @example
 * ```ts
 * import { build, toTable } from 'bench-report';
 * import { op } from 'arquero';
 *
 * const run = await build('single-node-20', { runsDir: 'fixtures/runs' });
 * const { samples, nodes } = toTable(run);
 * samples
 *   .filter((d) => d.metric === 'cpu.busy_pct')
 *   .groupby('host')
 *   .rollup({ mean: (d) => op.mean(d.value), n: (d) => op.count() })
 *   .print();
 * nodes.select('host', 'status', 'cpu_mean', 'cpu_per_bot').print();
 * ```
 */
export function toTable(run: TabularRun): RunTables {
  const { summary } = run;
  const roleOf = new Map(summary.nodes.map((n) => [n.host, n.role]));
  const hostOrder = new Map(summary.nodes.map((n, i) => [n.host, i]));
  const ordered = [...run.series].sort(
    (a, b) =>
      (hostOrder.get(a.host) ?? Number.MAX_SAFE_INTEGER) -
        (hostOrder.get(b.host) ?? Number.MAX_SAFE_INTEGER) ||
      a.host.localeCompare(b.host) ||
      a.metric.localeCompare(b.metric),
  );
  const s = {
    run: [] as string[],
    host: [] as string[],
    role: [] as string[],
    metric: [] as string[],
    time: [] as number[],
    value: [] as number[],
  };
  for (const series of ordered) {
    const role = roleOf.get(series.host) ?? 'other';
    for (let i = 0; i < series.times.length; i++) {
      s.run.push(summary.run.id);
      s.host.push(series.host);
      s.role.push(role);
      s.metric.push(series.metric);
      s.time.push(series.times[i]!);
      s.value.push(series.values[i]!);
    }
  }
  const n = summary.nodes;
  const nodes = table({
    run: n.map(() => summary.run.id),
    host: n.map((x) => x.host),
    role: n.map((x) => x.role),
    bots: n.map((x) => x.bots),
    status: n.map((x) => x.status),
    samples: n.map((x) => x.coverage.samples),
    expected_samples: n.map((x) => x.coverage.expectedSamples),
    coverage: n.map((x) => x.coverage.ratio),
    largest_gap_s: n.map((x) => x.coverage.largestGapSeconds),
    cpu_mean: n.map((x) => x.cpu?.mean ?? null),
    cpu_p50: n.map((x) => x.cpu?.p50 ?? null),
    cpu_p95: n.map((x) => x.cpu?.p95 ?? null),
    cpu_p99: n.map((x) => x.cpu?.p99 ?? null),
    cpu_peak: n.map((x) => x.cpu?.peak ?? null),
    cpu_per_bot: n.map((x) => x.cpuPerBot),
    mem_mean: n.map((x) => x.memory?.mean ?? null),
    mem_min: n.map((x) => x.memory?.min ?? null),
    mem_max: n.map((x) => x.memory?.max ?? null),
    mem_stddev: n.map((x) => x.memory?.stddev ?? null),
    mem_slope_per_min: n.map((x) => x.memory?.slopePerMinute ?? null),
    mem_stable: n.map((x) => x.memory?.stable ?? null),
  });
  return { samples: table(s), nodes };
}

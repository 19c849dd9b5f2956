// `check` as a library call: for every manifest node and required measurement, when it last
// reported to the run's InfluxQL source(s) and how much arrived recently. Used before the bots
// start and in a loop during the run, to catch a silent node while there is time to fix it.
import { judgeNode, type NodeLiveness } from './analyze/liveness.js';
import { loadRun } from './run/load.js';
import { influxqlSources, lastReports, unknownWriters } from './sources/influx/last-report.js';
import { displayUrl } from './sources/influx/http.js';
import type { RemoteOptions } from './sources/read.js';

export const CHECK_SCHEMA_VERSION = 1;

/**
 * Options of {@link checkRun}: where the run is, the check time and how recent "reporting" must be.
 */
export interface CheckOptions {
  runsDir?: string;
  cwd?: string;
  remote?: RemoteOptions;
  /** The check time, epoch ms (the CLI passes the clock; tests pass a fixed time). */
  now: number;
  /** Measurements every node must report (default cpu, mem). */
  measurements?: string[];
  /** "Recent" = the last this many intervals (default 6). */
  recentIntervals?: number;
  /** Stale when the newest point is older than this many intervals (default 3). */
  staleIntervals?: number;
  /** How far back to look for a newest point at all, seconds (default 86400). */
  lookbackSeconds?: number;
}

/**
 * What {@link checkRun} found: per node, whether each required measurement is arriving (`check --json`).
 */
export interface CheckReport {
  schemaVersion: number;
  run: string;
  checkedAt: string;
  sources: string[];
  intervalSeconds: number;
  recentIntervals: number;
  staleIntervals: number;
  measurements: string[];
  /** `ok` when every node reports every measurement; `attention` otherwise. */
  status: 'ok' | 'attention';
  nodes: NodeLiveness[];
  /**
   * Host names writing the first required measurement that the manifest does not name; listed
   * only when some node is not reporting (a silent node is often a host-name mismatch).
   */
  unknownHosts: string[];
}

/**
 * Asks the run's InfluxQL source(s) whether every node is reporting. Throws InputError on faults.
 *
 * @example
 * ```ts
 * import { checkRun, isInputError } from 'bench-report';
 * // checkRun asks the run's InfluxDB; a run whose sources are all files is refused with the reason.
 * try {
 *   const report = await checkRun('single-node-20', { runsDir: 'fixtures/runs', now: Date.now() });
 *   console.log(report.status, report.nodes.length);
 * } catch (e) {
 *   if (!isInputError(e)) throw e;
 *   console.log(e.message);
 * }
 * ```
 */
export async function checkRun(runRef: string, o: CheckOptions): Promise<CheckReport> {
  const spec = await loadRun(runRef, o.runsDir, o.cwd);
  const sources = influxqlSources(spec);
  const measurements = o.measurements ?? ['cpu', 'mem'];
  const recentIntervals = o.recentIntervals ?? 6;
  const staleIntervals = o.staleIntervals ?? 3;
  const since = o.now - recentIntervals * spec.intervalSeconds * 1000;
  const lookback = o.now - (o.lookbackSeconds ?? 86400) * 1000;
  // With several sources a node counts as reporting when any of them has its points.
  const merged = new Map<string, { measurement: string; last: number | null; recentPoints: number }>();
  for (const src of sources) {
    for (const r of await lastReports(
      spec,
      src,
      { measurements, since, lookback, now: o.now },
      o.remote ?? {},
    )) {
      const key = JSON.stringify([r.host, r.measurement]);
      const prev = merged.get(key);
      if (!prev) merged.set(key, { measurement: r.measurement, last: r.last, recentPoints: r.recentPoints });
      else {
        prev.last = prev.last === null ? r.last : r.last === null ? prev.last : Math.max(prev.last, r.last);
        prev.recentPoints += r.recentPoints;
      }
    }
  }
  const nodes = spec.nodes.map((n) =>
    judgeNode(
      n,
      measurements.map((m) => merged.get(JSON.stringify([n.host, m]))!),
      o.now,
      { intervalSeconds: spec.intervalSeconds, staleIntervals },
    ),
  );
  const unknown = new Set<string>();
  if (nodes.some((n) => n.status !== 'reporting') && measurements.length > 0)
    for (const src of sources)
      for (const h of await unknownWriters(spec, src, measurements[0]!, o.remote ?? {})) unknown.add(h);
  return {
    schemaVersion: CHECK_SCHEMA_VERSION,
    run: spec.id,
    checkedAt: new Date(o.now).toISOString(),
    sources: sources.map((s) => `${displayUrl(s.url)} database=${s.database}`),
    intervalSeconds: spec.intervalSeconds,
    recentIntervals,
    staleIntervals,
    measurements,
    status: nodes.every((n) => n.status === 'reporting') ? 'ok' : 'attention',
    nodes,
    unknownHosts: [...unknown].sort(),
  };
}

// Synthetic runs for the comparison tests: AR(1) series through the real summarizeRun, so tests
// exercise the same path as files do. Not used by the library itself.
import { summarizeRun } from '../analyze/summarize.js';
import type { MetricName, NodeSpec, RunSpec, Series } from '../model/types.js';
import { PROVENANCE } from '../metrics/canonical.js';
import type { RunData } from './metrics.js';
import { seededRandom } from '../model/random.js';

export function gaussian(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** AR(1) series with the given mean, marginal sd and lag-1 correlation. */
export function ar1(r: () => number, n: number, mean: number, sd: number, phi = 0.6): number[] {
  let e = sd * gaussian(r);
  const innov = sd * Math.sqrt(1 - phi * phi);
  return Array.from({ length: n }, () => {
    e = phi * e + innov * gaussian(r);
    return mean + e;
  });
}

export interface SynthNode {
  host: string;
  role: NodeSpec['role'];
  bots?: number;
  /** Mean CPU busy %, or null for a node that reported nothing. */
  cpu: number | null;
  mem?: number;
  cpuSd?: number;
}

/** A run of `n` samples at 10 s from `nodes`, summarised by the real analysis. */
export function synthRun(
  id: string,
  nodes: SynthNode[],
  seed: number,
  extra: Partial<RunSpec> = {},
  n = 120,
): RunData {
  const r = seededRandom(seed);
  const start = Date.UTC(2025, 5, 1);
  const spec: RunSpec = {
    id,
    dir: '/nonexistent',
    manifestPath: 'run.yaml',
    start,
    end: start + n * 10_000,
    intervalSeconds: 10,
    nodes: nodes.map((x) => ({ host: x.host, role: x.role, bots: x.bots ?? 0 })),
    sources: [],
    timezone: 'UTC',
    ...extra,
  };
  const times = Array.from({ length: n }, (_, i) => start + i * 10_000);
  const series: Series[] = [];
  const mk = (host: string, metric: MetricName, values: number[]): Series => ({
    host,
    metric,
    provenance: PROVENANCE[metric],
    times,
    values,
  });
  for (const x of nodes) {
    if (x.cpu === null) continue;
    series.push(mk(x.host, 'cpu.busy_pct', ar1(r, n, x.cpu, x.cpuSd ?? 1.5)));
    series.push(mk(x.host, 'mem.used_pct', ar1(r, n, x.mem ?? 50, 0.1, 0.9)));
  }
  return { summary: summarizeRun(spec, series, [], []), series };
}

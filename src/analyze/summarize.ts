// analyze: per-node statistics, coverage, gaps and flags, and the run's status. Pure functions
// over the series; nothing here reads files or guesses a missing value.
import { METRIC_LABEL, METRICS } from '../metrics/canonical.js';
import { messages } from '../model/messages.js';
import type {
  Coverage,
  Flag,
  MetricName,
  NodeSpec,
  NodeStatus,
  NodeSummary,
  RunSpec,
  RunStatus,
  RunSummary,
  Series,
  SourceReport,
  Thresholds,
} from '../model/types.js';
import { seriesCoverage, seriesCpuStats, seriesGaps, seriesMemoryStats } from './aggregate.js';
import { streamedNote } from './summary.js';

/**
 * Version of the summary.json layout; raised only when a field changes meaning (fields are only ever added).
 *
 * @example
 * ```ts
 * import { SCHEMA_VERSION, summarize } from 'bench-report';
 * const s = await summarize('single-node-20', { runsDir: 'fixtures/runs' });
 * console.log(s.schemaVersion === SCHEMA_VERSION);
 * ```
 */
export const SCHEMA_VERSION = 1;

/**
 * The thresholds the analysis applies unless told otherwise (documented in the README).
 *
 * @example
 * ```ts
 * import { DEFAULT_THRESHOLDS, summarize } from 'bench-report';
 * // A stricter coverage threshold than the default:
 * const s = await summarize('single-node-20', { runsDir: 'fixtures/runs', thresholds: { ...DEFAULT_THRESHOLDS, coverage: 0.99 } });
 * console.log(DEFAULT_THRESHOLDS, s.run.status);
 * ```
 */
export const DEFAULT_THRESHOLDS: Thresholds = {
  coverage: 0.9,
  memoryDriftPoints: 1.0,
  memoryStddevPoints: 2.0,
  gapIntervals: 1,
};

/**
 * Total bots of a run: the sum of the bots declared on its nodes.
 *
 * @example
 * ```ts
 * import { loadRun, totalBots } from 'bench-report';
 * console.log(totalBots(await loadRun('single-node-20', 'fixtures/runs')));
 * ```
 */
export function totalBots(spec: RunSpec): number {
  return spec.nodes.reduce((s, n) => s + n.bots, 0);
}

function worst(covs: Coverage[]): Coverage {
  return covs.reduce((a, b) => (b.ratio < a.ratio ? b : a));
}

/**
 * Summarises one node from its series.
 *
 * @example
 * ```ts
 * import { DEFAULT_THRESHOLDS, loadRun, readRun, summarizeNode } from 'bench-report';
 * const spec = await loadRun('single-node-20', 'fixtures/runs');
 * const { series } = await readRun(spec);
 * const node = summarizeNode(spec, spec.nodes[0]!, series, DEFAULT_THRESHOLDS);
 * console.log(node.host, node.status, node.cpu?.mean, node.cpuPerBot);
 * ```
 */
export function summarizeNode(
  spec: RunSpec,
  node: NodeSpec,
  series: Series[],
  thresholds: Thresholds,
): NodeSummary {
  const byMetric = new Map<MetricName, Series>(
    series.filter((s) => s.host === node.host).map((s) => [s.metric, s]),
  );
  const empty = (m: MetricName): Series => ({
    host: node.host,
    metric: m,
    provenance: { measurement: '', filter: '', field: '', derivation: '' },
    times: [],
    values: [],
  });
  const get = (m: MetricName) => byMetric.get(m) ?? empty(m);
  const metricCoverage = Object.fromEntries(
    METRICS.map((m) => [m, seriesCoverage(get(m), spec.start, spec.end, spec.intervalSeconds)]),
  ) as Record<MetricName, Coverage>;
  const nodeCoverage = worst(METRICS.map((m) => metricCoverage[m]));
  const anySample = METRICS.some((m) => get(m).times.length > 0);
  const flags: Flag[] = [];
  let status: NodeStatus;
  if (!anySample) {
    status = 'missing';
    flags.push(messages.metricsMissing(node.host));
  } else {
    status = nodeCoverage.ratio < thresholds.coverage ? 'partial' : 'ok';
    for (const m of METRICS)
      if (get(m).times.length === 0) flags.push(messages.metricMissing(node.host, METRIC_LABEL[m]));
    if (status === 'partial')
      flags.push(messages.metricsPartial(node.host, nodeCoverage.ratio, thresholds.coverage));
  }
  const gaps = anySample
    ? METRICS.flatMap((m) =>
        get(m).times.length === 0
          ? []
          : seriesGaps(m, get(m), spec.start, spec.end, spec.intervalSeconds, thresholds.gapIntervals),
      )
    : [];
  for (const g of gaps)
    flags.push(messages.gap(node.host, METRIC_LABEL[g.metric], g.seconds, new Date(g.start).toISOString()));

  const cpuSeries = get('cpu.busy_pct');
  const cpu = seriesCpuStats(cpuSeries);
  const memSeries = get('mem.used_pct');
  const memory = seriesMemoryStats(memSeries, (spec.end - spec.start) / 60000, thresholds);

  // CPU per bot: the server carries every bot of the run; a bot node carries its own. Never
  // derived from another node or another run.
  const runBots = totalBots(spec);
  let cpuPerBot: number | null = null;
  let cpuPerBotBasis: string | null = null;
  if (node.role === 'bots' && node.bots === 0) flags.push(messages.noBotsDeclared(node.host));
  if (cpu) {
    if (node.role === 'server' && runBots > 0) {
      cpuPerBot = cpu.mean / runBots;
      cpuPerBotBasis = `mean CPU / ${runBots} bots (run total)`;
    } else if (node.role === 'bots' && node.bots > 0) {
      cpuPerBot = cpu.mean / node.bots;
      cpuPerBotBasis = `mean CPU / ${node.bots} bots (this node)`;
    }
  }
  return {
    host: node.host,
    role: node.role,
    bots: node.bots,
    status,
    coverage: nodeCoverage,
    metricCoverage,
    gaps,
    cpu,
    cpuPerBot,
    cpuPerBotBasis,
    memory,
    flags,
    ...streamed(METRICS.map(get)),
  };
}

/** `streamed` notes for the node's summarised series (absent when there are none). */
function streamed(series: Series[]): { streamed?: ReturnType<typeof streamedNote>[] } {
  const notes = series.flatMap((s) => (s.summary ? [streamedNote(s.metric, s.summary)] : []));
  return notes.length ? { streamed: notes } : {};
}

export function runStatus(nodes: NodeSummary[]): RunStatus {
  if (nodes.every((n) => n.status === 'missing')) return 'no-data';
  return nodes.every((n) => n.status === 'ok') ? 'complete' : 'incomplete';
}

/**
 * Everything derived from one run: the content of summary.json.
 *
 * @example
 * ```ts
 * import { loadRun, readRun, summarizeRun } from 'bench-report';
 * const spec = await loadRun('single-node-20', 'fixtures/runs');
 * const { series, inputs, flags } = await readRun(spec);
 * const summary = summarizeRun(spec, series, inputs, flags);
 * console.log(summary.run.status, summary.nodes.map((n) => [n.host, n.cpu?.mean ?? 'not measured']));
 * ```
 */
export function summarizeRun(
  spec: RunSpec,
  series: Series[],
  inputs: SourceReport[],
  readFlags: Flag[],
  thresholds: Thresholds = DEFAULT_THRESHOLDS,
): RunSummary {
  const nodes = spec.nodes.map((n) => summarizeNode(spec, n, series, thresholds));
  return {
    schemaVersion: SCHEMA_VERSION,
    run: {
      id: spec.id,
      title: spec.title ?? spec.id,
      start: new Date(spec.start).toISOString(),
      end: new Date(spec.end).toISOString(),
      durationSeconds: (spec.end - spec.start) / 1000,
      intervalSeconds: spec.intervalSeconds,
      totalBots: totalBots(spec),
      status: runStatus(nodes),
      ...(spec.group !== undefined ? { group: spec.group } : {}),
      ...(spec.versions !== undefined ? { versions: spec.versions } : {}),
    },
    nodes,
    flags: [...nodes.flatMap((n) => n.flags), ...readFlags],
    inputs,
    thresholds,
  };
}

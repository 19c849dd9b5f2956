// Charts section: CPU and memory over elapsed time per node, CPU per bot per node, and, with a
// baseline, the two runs overlaid. Each chart carries a vega-lite spec (compiled to SVG at render
// time), a text alternative computed from the same summary, and a small sketch for Mermaid.
import {
  type ChartEvent,
  type LinearFit,
  nodeBarSpec,
  overlaySpec,
  type ScalingPoint,
  scalingSpec,
  timeSeriesSpec,
} from '../../charts/specs.js';
import { DISPLAY_BUCKETS } from '../../metrics/series-summary.js';
import type { MetricName, RunSummary, Series } from '../../model/types.js';
import { num } from '../format.js';
import type { Block, ChartSketch, Section } from '../model.js';

const METRIC_TEXT: Record<MetricName, { name: string; yTitle: string }> = {
  'cpu.busy_pct': { name: 'CPU busy', yTitle: 'CPU busy (%)' },
  'mem.used_pct': { name: 'Memory used', yTitle: 'Memory used (%)' },
};

/** Most nodes named one by one in a text alternative; the rest are counted. */
const ALT_NODES = 8;

export interface ChartsInput {
  series: readonly Series[];
  events?: readonly ChartEvent[];
  /** The baseline run's summary and series, for the overlay. */
  baseline?: { summary: RunSummary; series: readonly Series[] } | null;
}

function listed(items: string[]): string {
  if (items.length <= ALT_NODES) return items.join('; ');
  return `${items.slice(0, ALT_NODES).join('; ')}; and ${items.length - ALT_NODES} more nodes`;
}

function nodeSeries(s: RunSummary, series: readonly Series[], metric: MetricName) {
  return s.nodes.flatMap((n) => {
    const found = series.find((x) => x.host === n.host && x.metric === metric);
    if (!found || found.times.length === 0) return [];
    // A display series has steps of a slice, not of an interval: break it at the listed gaps instead.
    const breaks = found.summary
      ? n.gaps.filter((g) => g.metric === metric).map((g) => ({ start: g.start, end: g.end }))
      : undefined;
    return [
      { host: n.host, role: n.role, times: found.times, values: found.values, ...(breaks ? { breaks } : {}) },
    ];
  });
}

/** The per-bucket maximum of one series over the window, for a Mermaid line; null if a bucket is empty. */
export function bucketMax(
  times: readonly number[],
  values: readonly number[],
  start: number,
  end: number,
  buckets: number,
): number[] | null {
  const out: number[] = Array(buckets).fill(Number.NEGATIVE_INFINITY);
  const width = (end - start) / buckets;
  for (let i = 0; i < times.length; i++) {
    const b = Math.min(buckets - 1, Math.floor((times[i]! - start) / width));
    if (b >= 0) out[b] = Math.max(out[b]!, values[i]!);
  }
  return out.every(Number.isFinite) ? out.map((v) => Math.round(v * 100) / 100) : null;
}

function timeChart(s: RunSummary, input: ChartsInput, metric: MetricName): Block {
  if (nodeSeries(s, input.series, metric).length === 0)
    return {
      kind: 'note',
      level: 'info',
      text: `No chart of ${METRIC_TEXT[metric].name.toLowerCase()} over time: no node has ${METRIC_TEXT[metric].name.toLowerCase()} samples in the window.`,
    };
  const start = Date.parse(s.run.start);
  const end = Date.parse(s.run.end);
  const { name, yTitle } = METRIC_TEXT[metric];
  const ns = nodeSeries(s, input.series, metric);
  const gaps = s.nodes.flatMap((n) =>
    n.gaps.filter((g) => g.metric === metric).map((g) => ({ host: n.host, start: g.start, end: g.end })),
  );
  const measured = ns.map((x) => {
    const n = s.nodes.find((m) => m.host === x.host)!;
    const mean = metric === 'cpu.busy_pct' ? n.cpu?.mean : n.memory?.mean;
    const peak = metric === 'cpu.busy_pct' ? n.cpu?.peak : n.memory?.max;
    return `${x.host} (${x.role}) mean ${num(mean)}%, ${metric === 'cpu.busy_pct' ? 'peak' : 'max'} ${num(peak)}%`;
  });
  const missing = s.nodes.filter((n) => !ns.some((x) => x.host === n.host)).map((n) => n.host);
  const events = (input.events ?? []).filter((e) => e.time >= start && e.time < end);
  const alt = [
    `${name} % over elapsed minutes, one line per node coloured by role: ${listed(measured)}.`,
    missing.length ? `Not measured: ${listed(missing)}.` : '',
    gaps.length
      ? `Shaded grey, windows without data: ${listed(
          gaps.map(
            (g) => `${g.host} ${num((g.start - start) / 60000, 1)}–${num((g.end - start) / 60000, 1)} min`,
          ),
        )}.`
      : '',
    events.length ? `${events.length} log event(s) marked with dashed rules.` : '',
  ]
    .filter(Boolean)
    .join(' ');
  const server = ns.find((x) => x.role === 'server') ?? ns[0]!;
  const buckets = 30;
  const sketchValues = bucketMax(server.times, server.values, start, end, buckets);
  const minutes = Math.round(((end - start) / 60000) * 100) / 100;
  const sketch: ChartSketch | undefined = sketchValues
    ? {
        kind: 'line',
        title: `${server.host} ${name} (%) as the max of each 1/${buckets} of the window`,
        xTitle: 'Elapsed (min)',
        yTitle,
        xRange: [0, minutes],
        ...(metric === 'mem.used_pct' ? { yMax: 100 } : {}),
        values: sketchValues,
      }
    : undefined;
  return {
    kind: 'chart',
    id: metric === 'cpu.busy_pct' ? 'cpu-over-time' : 'memory-over-time',
    title: `${name} over time per node`,
    alt,
    spec: timeSeriesSpec({
      title: `${name} (%) per node`,
      yTitle,
      start,
      end,
      series: ns,
      gaps,
      events,
      // A step is a listed gap when it exceeds (gapIntervals + 1) intervals (see findGaps): break the
      // line exactly there, so a line never crosses a shaded window and never breaks outside one.
      breakAfterMs: s.run.intervalSeconds * 1000 * (s.thresholds.gapIntervals + 1),
      // Memory reads best against the whole 0–100 scale; CPU of a lightly loaded node would be a flat line.
      ...(metric === 'mem.used_pct' ? { yDomain: [0, 100] as [number, number] } : {}),
    }),
    ...(sketch ? { sketch } : {}),
  };
}

function cpuPerBotChart(s: RunSummary): Block | null {
  const withBots = s.nodes.filter((n) => n.role === 'server' || n.bots > 0);
  if (withBots.length === 0) return null;
  const data = withBots.map((n) => ({ host: n.host, role: n.role, value: n.cpuPerBot }));
  const measured = data.filter((d) => d.value !== null);
  if (measured.length === 0)
    return {
      kind: 'note',
      level: 'info',
      text: 'No chart of CPU per bot: no node has a CPU-per-bot figure.',
    };
  const alt = [
    `CPU per bot (%) per node: ${listed(measured.map((d) => `${d.host} ${num(d.value, 3)}%`))}.`,
    data.some((d) => d.value === null)
      ? `Not measured: ${listed(data.filter((d) => d.value === null).map((d) => d.host))}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    kind: 'chart',
    id: 'cpu-per-bot',
    title: 'CPU per bot per node',
    alt,
    spec: nodeBarSpec('CPU per bot (%) per node', 'CPU per bot (%)', data),
    sketch: {
      kind: 'bar',
      title: 'CPU per bot (%) per node (nodes not measured are left out)',
      xTitle: 'Node',
      yTitle: 'CPU per bot (%)',
      categories: measured.map((d) => d.host),
      values: measured.map((d) => Math.round(d.value! * 10000) / 10000),
    },
  };
}

function overlayChart(
  s: RunSummary,
  input: ChartsInput,
  metric: MetricName,
  candName = 'this run',
): Block | null {
  const b = input.baseline;
  if (!b) return null;
  const baseSeries = nodeSeries(b.summary, b.series, metric);
  const candSeries = nodeSeries(s, input.series, metric);
  if (baseSeries.length === 0 && candSeries.length === 0) return null;
  const { name, yTitle } = METRIC_TEXT[metric];
  const base = {
    label: `baseline ${b.summary.run.id}`,
    start: Date.parse(b.summary.run.start),
    end: Date.parse(b.summary.run.end),
    series: baseSeries,
  };
  const cand = {
    label: `${candName} ${s.run.id}`,
    start: Date.parse(s.run.start),
    end: Date.parse(s.run.end),
    series: candSeries,
  };
  const alt = `${name} % of baseline ${b.summary.run.id} (dashed, ${baseSeries.length} node(s) with data) and ${candName} ${s.run.id} (solid, ${candSeries.length} node(s) with data), aligned at elapsed minute 0, coloured by role.`;
  return {
    kind: 'chart',
    id: metric === 'cpu.busy_pct' ? 'cpu-overlay' : 'memory-overlay',
    title: `${name}: baseline against ${candName}`,
    alt,
    spec: overlaySpec(`${name} (%): baseline against ${candName}`, yTitle, base, cand, {
      ...(metric === 'mem.used_pct' ? { yDomain: [0, 100] as [number, number] } : {}),
      breakAfterMs: s.run.intervalSeconds * 1000 * (s.thresholds.gapIntervals + 1),
    }),
  };
}

/**
 * What {@link scalingChart} draws: axis titles, one point per run, the fit, and the runs without the figure.
 */
export interface ScalingChartInput {
  id: string;
  title: string;
  /** Axis titles with units, e.g. `Total bots` and `Server CPU mean (%)`. */
  xTitle: string;
  yTitle: string;
  /** One point per run that has the figure; runs without it belong in `notMeasured`. */
  points: ScalingPoint[];
  fit: LinearFit | null;
  /** Run ids left out because the figure was not measured. */
  notMeasured?: string[];
  /**
   * Runs excluded from the fit, with why; those with a figure (`x`, `y`) are drawn hollow grey
   * and labelled excluded, the others are only named in the text alternative.
   */
  excluded?: { id: string; reason: string; x?: number; y?: number }[];
}

/**
 * A scaling scatter (one point per run, the least-squares fit when there is one) as a report
 * chart block with its text alternative, for the scaling report.
 *
 * @example
 * ```ts
 * import { fitLine, scalingChart } from 'bench-report';
 * const points = [
 *   { x: 10, y: 6.1, label: 'scaling-10' },
 *   { x: 50, y: 16.2, label: 'scaling-50' },
 *   { x: 100, y: 28.0, label: 'scaling-100' },
 * ];
 * const fit = fitLine(points.map((p) => p.x), points.map((p) => p.y));
 * const block = scalingChart({ id: 'cpu', title: 'Server CPU', xTitle: 'Total bots', yTitle: 'Server CPU mean (%)', points, fit });
 * if (block.kind === 'chart') console.log(block.alt);
 * ```
 */
export function scalingChart(input: ScalingChartInput): Block {
  const pts = [...input.points].sort((a, b) => a.x - b.x || (a.label < b.label ? -1 : 1));
  const excludedDrawn: ScalingPoint[] = (input.excluded ?? []).flatMap((e) =>
    e.x !== undefined && e.y !== undefined ? [{ x: e.x, y: e.y, label: e.id }] : [],
  );
  const excludedOnly = (input.excluded ?? []).filter((e) => e.x === undefined || e.y === undefined);
  const alt = [
    pts.length
      ? `${input.yTitle} against ${input.xTitle}, one point per run: ${listed(pts.map((p) => `${p.label} (${num(p.x, 0)}, ${num(p.y)})`))}.`
      : 'No run has this figure; nothing to draw.',
    input.fit
      ? `Least-squares fit: y = ${input.fit.intercept.toFixed(3)} + ${input.fit.slope.toFixed(4)}·x${input.fit.r2 === null || input.fit.r2 === undefined ? '' : `, R² ${input.fit.r2.toFixed(3)}`}.`
      : 'No fit drawn.',
    input.notMeasured?.length ? `Not measured: ${listed(input.notMeasured)}.` : '',
    excludedDrawn.length
      ? `Excluded from the fit, drawn hollow grey: ${listed((input.excluded ?? []).filter((e) => e.x !== undefined && e.y !== undefined).map((e) => `${e.id} (${num(e.x, 0)}, ${num(e.y)}; ${e.reason})`))}.`
      : '',
    excludedOnly.length
      ? `Excluded, not drawn: ${listed(excludedOnly.map((e) => `${e.id} (${e.reason})`))}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  return {
    kind: 'chart',
    id: input.id,
    title: input.title,
    alt,
    spec: scalingSpec(input.title, input.xTitle, input.yTitle, pts, input.fit, excludedDrawn),
    ...(pts.length
      ? {
          sketch: {
            kind: 'bar',
            title: input.title,
            xTitle: input.xTitle,
            yTitle: input.yTitle,
            categories: pts.map((p) => `${p.label} (${num(p.x, 0)})`),
            values: pts.map((p) => Math.round(p.y * 10000) / 10000),
          } satisfies ChartSketch,
        }
      : {}),
  };
}

/**
 * CPU and memory of a baseline run and a candidate run overlaid (aligned at elapsed minute 0), as
 * chart blocks for the comparison report; empty when neither run has series.
 *
 * @example
 * ```ts
 * import { loadRunData, overlayCharts } from 'bench-report';
 * const base = await loadRunData('single-node-20', { runsDir: 'fixtures/runs' });
 * const cand = await loadRunData('distributed-20', { runsDir: 'fixtures/runs' });
 * console.log(overlayCharts(base, cand).map((b) => (b.kind === 'chart' ? b.id : b.kind)));
 * ```
 */
export function overlayCharts(
  baseline: { summary: RunSummary; series: readonly Series[] },
  candidate: { summary: RunSummary; series: readonly Series[] },
): Block[] {
  const input: ChartsInput = { series: candidate.series, baseline };
  return (['cpu.busy_pct', 'mem.used_pct'] as const).flatMap((m) => {
    const b = overlayChart(candidate.summary, input, m, 'candidate');
    return b ? [b] : [];
  });
}

/** The charts section of one run. */
export function chartsSection(s: RunSummary, input: ChartsInput): Section {
  const blocks: Block[] = [timeChart(s, input, 'cpu.busy_pct'), timeChart(s, input, 'mem.used_pct')];
  const bar = cpuPerBotChart(s);
  if (bar) blocks.push(bar);
  for (const m of ['cpu.busy_pct', 'mem.used_pct'] as const) {
    const o = overlayChart(s, input, m);
    if (o) blocks.push(o);
  }
  blocks.push({
    kind: 'paragraph',
    text: 'Long series are thinned for display only (the first, lowest, highest and last sample of each bucket are kept, so peaks stay visible); every figure in the tables is computed from all samples.',
  });
  if (s.nodes.some((n) => n.streamed?.length))
    blocks.push({
      kind: 'paragraph',
      text: `Series summarised while streaming (see Data quality) are drawn from their display summary: the first, lowest, highest and last sample of each 1/${DISPLAY_BUCKETS} of the window; their table figures come from the summary of all samples.`,
    });
  return { id: 'charts', title: 'Charts', blocks };
}

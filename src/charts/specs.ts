// Vega-lite spec builders for every chart the reports carry. Pure functions from plain data to a
// spec with its data inline, so a spec written as `.vl.json` opens as-is in the vega editor.
// Time is elapsed minutes from the run's start (never wall-clock axes: those depend on the
// reader's time zone and would make the output differ between machines).
import type { Role } from '../model/types.js';
import { downsampleMinMax, keptIndices, type XY } from './downsample.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/**
 * Fixed role colours, so a role has the same colour in every chart and every report.
 *
 * @example
 * ```ts
 * import { ROLE_COLORS } from 'bench-report';
 * console.log(ROLE_COLORS.server, ROLE_COLORS.bots, ROLE_COLORS.other);
 * ```
 */
export const ROLE_COLORS: Record<Role, string> = { server: '#d1242f', bots: '#0969da', other: '#8250df' };
const ROLES: Role[] = ['server', 'bots', 'other'];

/**
 * Shared look: system fonts, white panel (the HTML theme frames it), no interactivity. No ARIA
 * descriptions per mark: the report presents each chart as one image (role="img") named by its
 * caption and described by its text alternative, so they would never be read, and writing
 * "Elapsed (min): 3.2; CPU busy (%): 41" for every point was a sixth of drawing a 4,000-point chart.
 */
const CONFIG = {
  aria: false,
  background: 'white',
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
  view: { stroke: '#d0d7de' },
  axis: { labelFontSize: 11, titleFontSize: 12, gridColor: '#eaeef2' },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom', labelLimit: 480 },
  title: { fontSize: 14, anchor: 'start' },
};

/**
 * Total points a chart may plot; long series are downsampled (min/max per bucket) to fit.
 *
 * @example
 * ```ts
 * import { DEFAULT_POINT_BUDGET, timeSeriesSpec } from 'bench-report';
 * const times = Array.from({ length: 20_000 }, (_, i) => i * 1000);
 * const spec = timeSeriesSpec({
 *   title: 'CPU', yTitle: 'CPU busy (%)', start: 0, end: 20_000_000,
 *   series: [{ host: 'luanti-server', role: 'server', times, values: times.map((t) => 50 + Math.sin(t / 1e5)) }],
 * });
 * console.log(`${times.length} samples plotted as ${(spec.data as { values: unknown[] }).values.length} points; budget ${DEFAULT_POINT_BUDGET}`);
 * ```
 */
export const DEFAULT_POINT_BUDGET = 4000;

/** One node's series of one metric, times in epoch ms. */
export interface NodeSeries {
  host: string;
  role: Role;
  times: readonly number[];
  values: readonly number[];
  /**
   * Where the line must break (epoch ms windows without data). When given, the line breaks exactly
   * where a window lies between two points instead of at long steps (for display series whose
   * points are a slice of the window apart).
   */
  breaks?: readonly { start: number; end: number }[];
}

/** A stretch without data on one node (epoch ms, half-open). */
export interface GapWindow {
  host: string;
  start: number;
  end: number;
}

/** Something that happened during the run, taken from the logs (bots joining, an error, shutdown). */
export interface ChartEvent {
  time: number;
  /** Short kind shown on the chart, e.g. `join`, `error`, `shutdown`. */
  kind: string;
  host?: string;
}

/**
 * What {@link timeSeriesSpec} plots: the run window, one series per node, and the gaps and events to mark.
 */
export interface TimeSeriesInput {
  title: string;
  /** Y axis title with its unit, e.g. `CPU busy (%)`. */
  yTitle: string;
  /** Run window start and end, epoch ms; x is minutes since start. */
  start: number;
  end: number;
  series: readonly NodeSeries[];
  gaps?: readonly GapWindow[];
  events?: readonly ChartEvent[];
  /** Fixed y domain, e.g. [0, 100] for percentages (default: from the data). */
  yDomain?: [number, number];
  pointBudget?: number;
  /**
   * A step between samples longer than this breaks the line (pass the gap threshold the analysis
   * used, so lines break exactly where gaps are shaded). Default: three median steps.
   */
  breakAfterMs?: number;
}

/**
 * Inline chart data. Our values are already numbers and strings, so vega-lite is told not to parse
 * them (it would otherwise add a `toNumber` pass over every row of a time series: about 10 ms of a
 * cold chart's drawing at 4,000 rows).
 */
function inline(values: readonly unknown[]): { values: readonly unknown[]; format: { parse: null } } {
  return { values, format: { parse: null } };
}

const minutes = (ms: number, start: number) => round((ms - start) / 60000);

/** Rounds to 6 significant decimals so specs stay small and identical across platforms. */
function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

/** Three median sample steps: longer than jitter, shorter than any real hole. */
function defaultBreak(times: readonly number[], span: number): number {
  const steps = times.slice(1).map((t, i) => t - times[i]!);
  if (steps.length === 0) return span;
  return 3 * [...steps].sort((a, b) => a - b)[Math.floor(steps.length / 2)]!;
}

/**
 * Splits a series at holes longer than `maxStepMs`, so a line never bridges a window without data,
 * and downsamples each piece within the per-series budget.
 */
function segments(s: NodeSeries, start: number, maxStepMs: number, budget: number): XY[][] {
  // Where each piece starts, then the points kept of each: only those become objects (a 50-node
  // run's chart keeps 4,000 of 83,000 samples).
  const starts = [0];
  // Gap windows are sorted and disjoint (findGaps), so one pointer walks them alongside the points.
  const breaks = s.breaks;
  let g = 0;
  for (let i = 1; i < s.times.length; i++) {
    let cut: boolean;
    if (breaks) {
      while (g < breaks.length && breaks[g]!.end <= s.times[i - 1]!) g++;
      cut = g < breaks.length && breaks[g]!.start < s.times[i]!;
    } else cut = s.times[i]! - s.times[i - 1]! > maxStepMs;
    if (cut) starts.push(i);
  }
  const n = s.times.length;
  if (n === 0) return [];
  const total = n || 1;
  return starts.map((from, k) => {
    const length = (starts[k + 1] ?? n) - from;
    const kept = keptIndices(
      length,
      (i) => round(s.values[from + i]!),
      Math.max(4, Math.floor((budget * length) / total)),
    );
    return kept.map((i) => ({ x: minutes(s.times[from + i]!, start), y: round(s.values[from + i]!) }));
  });
}

/**
 * Gap windows merged where they overlap, so ten nodes missing the same minutes shade them once
 * (not ten times darker); each merged window lists its nodes.
 */
function shadedWindows(gaps: readonly GapWindow[], start: number, end: number) {
  const sorted = gaps
    .map((g) => ({ host: g.host, from: Math.max(g.start, start), to: Math.min(g.end, end) }))
    .filter((g) => g.to > g.from)
    .sort((a, b) => a.from - b.from || a.to - b.to || (a.host < b.host ? -1 : a.host > b.host ? 1 : 0));
  const merged: { from: number; to: number; nodes: string[] }[] = [];
  for (const g of sorted) {
    const last = merged.at(-1);
    if (last && g.from <= last.to) {
      last.to = Math.max(last.to, g.to);
      if (!last.nodes.includes(g.host)) last.nodes.push(g.host);
    } else merged.push({ from: g.from, to: g.to, nodes: [g.host] });
  }
  return merged.map((m) => ({
    nodes: m.nodes.join(', '),
    from: minutes(m.from, start),
    to: minutes(m.to, start),
  }));
}

/**
 * CPU or memory over elapsed time: one line per node coloured by role, windows without data
 * shaded, log events marked as labelled rules, node names at the line ends when few enough.
 *
 * @example
 * ```ts
 * import { loadRun, readRun, timeSeriesSpec } from 'bench-report';
 * const spec = await loadRun('single-node-20', 'fixtures/runs');
 * const { series } = await readRun(spec);
 * const cpu = series.filter((s) => s.metric === 'cpu');
 * const chart = timeSeriesSpec({
 *   title: 'CPU over time', yTitle: 'CPU busy (%)', start: spec.start, end: spec.end, yDomain: [0, 100],
 *   series: cpu.map((s) => ({ host: s.host, role: spec.nodes.find((n) => n.host === s.host)!.role, times: s.times, values: s.values })),
 * });
 * console.log(JSON.stringify(chart).slice(0, 200));
 * ```
 */
export function timeSeriesSpec(input: TimeSeriesInput): Record<string, unknown> {
  const budget = input.pointBudget ?? DEFAULT_POINT_BUDGET;
  const perSeries = Math.max(16, Math.floor(budget / Math.max(1, input.series.length)));
  const span = Math.max(1, input.end - input.start);
  const values: Record<string, unknown>[] = [];
  const ends: Record<string, unknown>[] = [];
  // Segments of one sample, which a line cannot show.
  const singles: Record<string, unknown>[] = [];
  for (const s of input.series) {
    const segs = segments(s, input.start, input.breakAfterMs ?? defaultBreak(s.times, span), perSeries);
    segs.forEach((seg, k) => {
      for (const p of seg)
        values.push({ node: s.host, role: s.role, line: `${s.host}#${k}`, min: p.x, value: p.y });
      if (seg.length === 1) singles.push(values.at(-1)!);
      // A row without x and y ends the line: each role's lines are one path (see below).
      values.push({ node: s.host, role: s.role, line: null, min: null, value: null });
    });
    const last = segs.at(-1)?.at(-1);
    if (last) ends.push({ node: s.host, role: s.role, min: last.x, value: last.y });
  }
  if (values.at(-1)?.min === null) values.pop();
  const xMax = minutes(input.end, input.start);
  const x = {
    field: 'min',
    type: 'quantitative',
    title: 'Elapsed (min)',
    scale: { domain: [0, xMax], nice: false },
  };
  const y: Record<string, unknown> = {
    field: 'value',
    type: 'quantitative',
    title: input.yTitle,
    scale: input.yDomain ? { domain: input.yDomain } : { zero: true },
  };
  const color = {
    field: 'role',
    type: 'nominal',
    title: 'Role',
    scale: { domain: ROLES, range: ROLES.map((r) => ROLE_COLORS[r]) },
  };
  const layer: Record<string, unknown>[] = [];
  const gaps = shadedWindows(input.gaps ?? [], input.start, input.end);
  if (gaps.length) {
    layer.push({
      data: inline(gaps),
      mark: { type: 'rect', color: '#8c959f', opacity: 0.18 },
      encoding: { x: { field: 'from', type: 'quantitative' }, x2: { field: 'to' } },
    });
  }
  // One path per role, broken between lines by the rows without x and y, and drawn in data order
  // (order: null): the same picture as a path per line, which cost vega a group and a dataflow
  // per line (50 nodes: a fifth of a chart's drawing).
  layer.push({
    mark: { type: 'line', strokeWidth: 1.4, interpolate: 'linear', invalid: 'break-paths-show-domains' },
    encoding: { x, y, color, order: { value: null } },
  });
  // Single points (a segment of one sample) would be invisible as a line: drawn as dots.
  if (singles.length > 0)
    layer.push({
      data: inline(singles),
      mark: { type: 'point', filled: true, size: 12 },
      encoding: { x, y, color },
    });
  if (ends.length > 0 && ends.length <= 12) {
    layer.push({
      data: inline(ends),
      mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 },
      encoding: {
        x: { field: 'min', type: 'quantitative' },
        y: { field: 'value', type: 'quantitative' },
        text: { field: 'node' },
        color,
      },
    });
  }
  const events = (input.events ?? [])
    .filter((e) => e.time >= input.start && e.time < input.end)
    .map((e) => ({ kind: e.kind, node: e.host ?? '', min: minutes(e.time, input.start) }));
  if (events.length) {
    layer.push({
      data: inline(events),
      mark: { type: 'rule', color: '#6e7781', strokeDash: [4, 3] },
      encoding: { x: { field: 'min', type: 'quantitative' } },
    });
    layer.push({
      data: inline(events),
      mark: {
        type: 'text',
        angle: 270,
        align: 'right',
        baseline: 'bottom',
        dy: -2,
        fontSize: 9,
        color: '#57606a',
        y: 2,
      },
      encoding: { x: { field: 'min', type: 'quantitative' }, text: { field: 'kind' } },
    });
  }
  return {
    $schema: SCHEMA,
    title: input.title,
    width: 720,
    height: 240,
    config: CONFIG,
    data: inline(values),
    layer,
  };
}

/**
 * One bar of {@link nodeBarSpec}: a node, its role and its figure (null when not measured).
 */
export interface BarDatum {
  host: string;
  role: Role;
  /** Null when not measured: drawn as a labelled empty slot, never as zero. */
  value: number | null;
}

/**
 * A horizontal bar per node (e.g. CPU per bot); a node without a figure reads "not measured".
 *
 * @example
 * ```ts
 * import { nodeBarSpec } from 'bench-report';
 * const spec = nodeBarSpec('CPU per bot', '% CPU per bot', [
 *   { host: 'bots-a', role: 'bots', value: 0.8 },
 *   { host: 'bots-b', role: 'bots', value: null }, // drawn as "not measured", not as zero
 * ]);
 * console.log(JSON.stringify(spec.data));
 * ```
 */
export function nodeBarSpec(
  title: string,
  xTitle: string,
  data: readonly BarDatum[],
): Record<string, unknown> {
  const values = data.map((d) => ({
    node: d.host,
    role: d.role,
    value: d.value === null ? null : round(d.value),
    label: d.value === null ? 'not measured' : d.value.toFixed(3),
  }));
  const y = { field: 'node', type: 'nominal', title: 'Node', sort: null };
  const top = Math.max(0, ...data.map((d) => d.value ?? 0)) || 1;
  return {
    $schema: SCHEMA,
    title,
    width: 600,
    height: { step: 22 },
    config: CONFIG,
    data: inline(values),
    layer: [
      {
        mark: { type: 'bar' },
        transform: [{ filter: 'datum.value !== null' }],
        encoding: {
          y,
          // Head room right of the longest bar for its value label.
          x: { field: 'value', type: 'quantitative', title: xTitle, scale: { domainMax: round(top * 1.15) } },
          color: {
            field: 'role',
            type: 'nominal',
            title: 'Role',
            scale: { domain: ROLES, range: ROLES.map((r) => ROLE_COLORS[r]) },
          },
        },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10, color: '#57606a' },
        encoding: { y, x: { datum: 0, type: 'quantitative' }, text: { field: 'label' } },
        transform: [{ filter: 'datum.value === null' }],
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 },
        transform: [{ filter: 'datum.value !== null' }],
        encoding: { y, x: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
}

/**
 * One side (baseline or candidate) of {@link overlaySpec}: its legend label, run window and node series.
 */
export interface OverlaySide {
  /** Legend label, e.g. `baseline single-node-20`. */
  label: string;
  start: number;
  end: number;
  series: readonly NodeSeries[];
}

/**
 * Baseline against candidate for one metric, both aligned at elapsed time 0: solid lines for the
 * candidate, dashed for the baseline, one line per node.
 *
 * @example
 * ```ts
 * import { overlaySpec } from 'bench-report';
 * const side = (label: string, level: number) => {
 *   const times = Array.from({ length: 60 }, (_, i) => 1_750_000_000_000 + i * 10_000);
 *   return { label, start: times[0]!, end: times[0]! + 600_000, series: [{ host: 'luanti-server', role: 'server' as const, times, values: times.map(() => level) }] };
 * };
 * const spec = overlaySpec('Server CPU', 'CPU busy (%)', side('baseline', 40), side('candidate', 45));
 * console.log(Object.keys(spec));
 * ```
 */
export function overlaySpec(
  title: string,
  yTitle: string,
  base: OverlaySide,
  cand: OverlaySide,
  options: { yDomain?: [number, number]; pointBudget?: number; breakAfterMs?: number } = {},
): Record<string, unknown> {
  const budget = options.pointBudget ?? DEFAULT_POINT_BUDGET;
  const n = base.series.length + cand.series.length;
  const perSeries = Math.max(16, Math.floor(budget / Math.max(1, n)));
  const values: Record<string, unknown>[] = [];
  for (const side of [base, cand]) {
    const span = Math.max(1, side.end - side.start);
    for (const s of side.series) {
      segments(s, side.start, options.breakAfterMs ?? defaultBreak(s.times, span), perSeries).forEach(
        (seg, k) => {
          for (const p of seg)
            values.push({
              run: side.label,
              node: s.host,
              role: s.role,
              line: `${side.label}|${s.host}#${k}`,
              min: p.x,
              value: p.y,
            });
        },
      );
    }
  }
  const xMax = Math.max(minutes(base.end, base.start), minutes(cand.end, cand.start));
  const y: Record<string, unknown> = {
    field: 'value',
    type: 'quantitative',
    title: yTitle,
    scale: options.yDomain ? { domain: options.yDomain } : { zero: true },
  };
  return {
    $schema: SCHEMA,
    title,
    width: 720,
    height: 240,
    config: CONFIG,
    data: inline(values),
    mark: { type: 'line', strokeWidth: 1.4 },
    encoding: {
      x: {
        field: 'min',
        type: 'quantitative',
        title: 'Elapsed (min)',
        scale: { domain: [0, xMax], nice: false },
      },
      y,
      color: {
        field: 'role',
        type: 'nominal',
        title: 'Role',
        scale: { domain: ROLES, range: ROLES.map((r) => ROLE_COLORS[r]) },
      },
      strokeDash: {
        field: 'run',
        type: 'nominal',
        title: 'Run',
        scale: {
          domain: [base.label, cand.label],
          range: [
            [5, 3],
            [1, 0],
          ],
        },
      },
      detail: { field: 'line', type: 'nominal' },
    },
  };
}

/**
 * One point of {@link scalingSpec}: a run at its x (e.g. total bots) and y, labelled with its id.
 */
export interface ScalingPoint {
  /** E.g. total bots of the run. */
  x: number;
  y: number;
  /** Run id, shown next to the point. */
  label: string;
}

/** A least-squares fit y = intercept + slope·x, drawn over the points' x range. */
export interface LinearFit {
  slope: number;
  intercept: number;
  /** Coefficient of determination, shown in the legend when given. */
  r2?: number | null;
}

/**
 * Scaling scatter: one point per run with its label, and the fitted line when there is one (drawn
 * over the fitted points' x range). `excluded` runs are drawn hollow grey, labelled "(excluded)".
 *
 * @example
 * ```ts
 * import { scalingSpec } from 'bench-report';
 * const spec = scalingSpec('Server CPU by bots', 'Total bots', 'Server CPU mean (%)',
 *   [{ x: 10, y: 6, label: 'scaling-10' }, { x: 100, y: 28, label: 'scaling-100' }],
 *   { slope: 0.244, intercept: 3.6, r2: 0.99 });
 * console.log(JSON.stringify(spec).length);
 * ```
 */
export function scalingSpec(
  title: string,
  xTitle: string,
  yTitle: string,
  points: readonly ScalingPoint[],
  fit: LinearFit | null,
  excluded: readonly ScalingPoint[] = [],
): Record<string, unknown> {
  const values = points.map((p) => ({ x: round(p.x), y: round(p.y), run: p.label }));
  const x = { field: 'x', type: 'quantitative', title: xTitle };
  const y = { field: 'y', type: 'quantitative', title: yTitle };
  const layer: Record<string, unknown>[] = [
    { mark: { type: 'point', filled: true, size: 60, color: '#0969da' }, encoding: { x, y } },
    {
      mark: { type: 'text', align: 'left', dx: 6, dy: -6, fontSize: 10, color: '#57606a' },
      encoding: { x, y, text: { field: 'run' } },
    },
  ];
  // Runs measured but left out of the fit (e.g. a saturated load generator): hollow grey and
  // labelled, so nobody reads them as points of the fit.
  if (excluded.length)
    layer.push({
      data: inline(excluded.map((p) => ({ x: round(p.x), y: round(p.y), run: `${p.label} (excluded)` }))),
      layer: [
        {
          mark: { type: 'point', filled: false, size: 60, strokeWidth: 1.5, color: '#8c959f' },
          encoding: { x, y },
        },
        {
          mark: { type: 'text', align: 'left', dx: 6, dy: 8, fontSize: 10, color: '#8c959f' },
          encoding: { x, y, text: { field: 'run' } },
        },
      ],
    });
  if (fit && points.length > 0) {
    const xs = points.map((p) => p.x);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const label = `fit: y = ${fit.intercept.toFixed(3)} + ${fit.slope.toFixed(4)}·x${fit.r2 === undefined || fit.r2 === null ? '' : ` (R² ${fit.r2.toFixed(3)})`}`;
    layer.unshift({
      data: inline(
        [lo, hi].map((v) => ({ x: round(v), y: round(fit.intercept + fit.slope * v), fit: label })),
      ),
      mark: { type: 'line', color: '#d1242f', strokeDash: [6, 3] },
      encoding: {
        x,
        y,
        color: { field: 'fit', type: 'nominal', title: null, scale: { range: ['#d1242f'] } },
      },
    });
  }
  return { $schema: SCHEMA, title, width: 480, height: 300, config: CONFIG, data: inline(values), layer };
}

/** One row of the server's step-time file as {@link stepTimeSpec} plots it. */
export interface StepSample {
  /** Server uptime in seconds (the server's own clock, not wall time). */
  clockSeconds: number;
  stepMs: number;
  players: number | null;
}

/**
 * Server step time against server uptime: one line of step time (ms), the tick budget as a dashed
 * rule, and players online as a grey step line on a right-hand axis when the file records them.
 * A server clock that goes backwards (a restart) starts a new line, so two sessions are never
 * joined. Long files are downsampled keeping each bucket's lowest and highest step.
 *
 * @example
 * ```ts
 * import { stepTimeSpec } from 'bench-report';
 * const samples = Array.from({ length: 600 }, (_, i) => ({ clockSeconds: i * 5, stepMs: i === 300 ? 180 : 50, players: Math.min(20, i) }));
 * const spec = stepTimeSpec('Server step time', samples, 100);
 * console.log(JSON.stringify(spec).length);
 * ```
 */
export function stepTimeSpec(
  title: string,
  samples: readonly StepSample[],
  budgetMs: number,
  options: { pointBudget?: number } = {},
): Record<string, unknown> {
  const budget = options.pointBudget ?? DEFAULT_POINT_BUDGET;
  const sessions: StepSample[][] = [];
  for (const t of samples) {
    const cur = sessions.at(-1);
    if (!cur || t.clockSeconds < cur.at(-1)!.clockSeconds) sessions.push([t]);
    else cur.push(t);
  }
  const hasPlayers = samples.some((t) => t.players !== null);
  // Players share the budget with step time when both are drawn.
  const perKind = hasPlayers ? Math.floor(budget / 2) : budget;
  const total = samples.length || 1;
  const steps: Record<string, unknown>[] = [];
  const players: Record<string, unknown>[] = [];
  sessions.forEach((sess, k) => {
    const share = Math.max(4, Math.floor((perKind * sess.length) / total));
    const xy = sess.map((t) => ({ x: round(t.clockSeconds), y: round(t.stepMs) }));
    for (const p of downsampleMinMax(xy, share)) steps.push({ session: k, uptime: p.x, step: p.y });
    const withPlayers = sess.filter((t) => t.players !== null);
    const pxy = withPlayers.map((t) => ({ x: round(t.clockSeconds), y: t.players! }));
    for (const p of downsampleMinMax(pxy, share)) players.push({ session: k, uptime: p.x, players: p.y });
  });
  const x = {
    field: 'uptime',
    type: 'quantitative',
    title: 'Server uptime (s, server clock, not wall time)',
  };
  const stepLayer = {
    layer: [
      {
        data: inline(steps),
        mark: { type: 'line', strokeWidth: 1.4, color: ROLE_COLORS.server },
        encoding: {
          x,
          y: { field: 'step', type: 'quantitative', title: 'Step time (ms)', scale: { zero: true } },
          detail: { field: 'session', type: 'nominal' },
        },
      },
      {
        data: inline([{ budget: budgetMs, label: `budget ${budgetMs} ms` }]),
        mark: { type: 'rule', color: '#6e7781', strokeDash: [6, 3] },
        encoding: { y: { field: 'budget', type: 'quantitative' } },
      },
      {
        data: inline([{ budget: budgetMs, label: `budget ${budgetMs} ms` }]),
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'bottom',
          dy: -2,
          x: 4,
          fontSize: 10,
          color: '#57606a',
        },
        encoding: { y: { field: 'budget', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
  const layer: Record<string, unknown>[] = [stepLayer];
  if (hasPlayers)
    layer.push({
      data: inline(players),
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 1.2, color: '#8c959f', opacity: 0.8 },
      encoding: {
        x,
        y: {
          field: 'players',
          type: 'quantitative',
          title: 'Players online (grey)',
          axis: { orient: 'right', grid: false },
          scale: { zero: true },
        },
        detail: { field: 'session', type: 'nominal' },
      },
    });
  return {
    $schema: SCHEMA,
    title,
    width: 720,
    height: 240,
    config: CONFIG,
    layer,
    ...(hasPlayers ? { resolve: { scale: { y: 'independent' } } } : {}),
  };
}

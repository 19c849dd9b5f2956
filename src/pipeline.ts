// The whole pipeline for one run, wired stage by stage: load → read → derive → analyze →
// (compare) → assemble → render. Library users call these; the CLI is a thin shell around them.
import path from 'node:path';
import { applyEvidence } from './analyze/evidence.js';
import { summarizeRun, DEFAULT_THRESHOLDS } from './analyze/summarize.js';
import { readLogs } from './logs/read-logs.js';
import type { Evidence } from './model/events.js';
import { type Comparison, compareRuns, type RunData } from './compare/baseline.js';
import type { ChartEvent } from './charts/specs.js';
import { createSeriesBuilder, DERIVED_SELECTION } from './metrics/derive.js';
import { type ParallelOption, parallelFileReader } from './metrics/parallel-read.js';
import { isInputError } from './model/errors.js';
import { messages } from './model/messages.js';
import type {
  Flag,
  RunSpec,
  RunSummary,
  Series,
  SourceReport,
  SourceSpec,
  Thresholds,
} from './model/types.js';
import type { Report } from './report/model.js';
import type { RenderedChart } from './render/charts.js';
import { loadRun } from './run/load.js';
import { type ReadProgress, type RemoteOptions, readSources } from './sources/read.js';

/** A run read: its spec, canonical series, one report per input, and read flags. */
export interface ReadRunResult {
  spec: RunSpec;
  series: Series[];
  inputs: SourceReport[];
  flags: Flag[];
  /** What the run's logs say (empty when the manifest lists none). */
  evidence: Evidence;
  /** Threads the input files were read on, this one and workers (0: read one by one on this thread). */
  threads: number;
  /**
   * Why worker threads that were tried could not start (e.g. Node's permission model without
   * `--allow-worker`): their files were read on the threads that did start (this one at least),
   * with the same result. Else null.
   */
  threadsDeclined: string | null;
}

/** Options of readRun(). */
export interface ReadRunOptions {
  /** Called as inputs are planned and read (the CLI draws a progress bar from it). */
  onProgress?: (p: ReadProgress) => void;
  /** How database sources are reached (credentials come from `remote.env`, never from process). */
  remote?: RemoteOptions;
  /**
   * Read several input files at once on several threads (this one and workers): `auto` (default) when there are two
   * files or more and at least PARALLEL_MIN_BYTES; `off`; or a number of threads. The result is
   * identical either way.
   */
  parallel?: ParallelOption;
  /** Samples per series kept exactly before it is summarised while streaming (default EXACT_SAMPLE_LIMIT). */
  exactSampleLimit?: number;
}

/**
 * Reads every source of a run into canonical per-host series.
 *
 * @example
 * ```ts
 * import { loadRun, readRun } from 'bench-report';
 * const spec = await loadRun('single-node-20', 'fixtures/runs');
 * const { series, inputs } = await readRun(spec);
 * console.log(series.map((s) => `${s.host} ${s.metric}: ${s.values.length} samples`), inputs[0]?.rejected);
 * ```
 */
export async function readRun(spec: RunSpec, options: ReadRunOptions = {}): Promise<ReadRunResult> {
  const builder = createSeriesBuilder(
    spec.nodes.map((n) => n.host),
    { ...spec, exactLimit: options.exactSampleLimit },
  );
  const used: { threads: number; declined?: string } = { threads: 0 };
  const { inputs, flags } = await readSources(spec, (host, p) => builder.add(host, p), {
    ...options.remote,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    onAggregate: (host, metric, agg) => builder.addAggregate(host, metric, agg),
    ...DERIVED_SELECTION,
    readFiles: parallelFileReader(builder, options.parallel ?? 'auto', used),
  });
  const series = builder.finish();
  if (builder.stats.outOfRange > 0) {
    flags.push({
      code: 'inputs-rejected',
      message: `${builder.stats.outOfRange} CPU or memory value(s) outside 0–100% ignored`,
    });
  }
  if (builder.stats.counterResets > 0) {
    flags.push({
      code: 'inputs-rejected',
      message: `${builder.stats.counterResets} CPU counter interval(s) skipped: a time_* counter went backwards or did not advance (reboot or reset), so no busy % was computed for them`,
    });
  }
  if (builder.stats.duplicates > 0) {
    flags.push({
      code: 'inputs-rejected',
      message: `${builder.stats.duplicates} sample(s) repeated a timestamp already seen for the same host and metric; the last value was kept`,
    });
  }
  const evidence = await readLogs(spec);
  return {
    spec,
    series,
    inputs,
    flags,
    evidence,
    threads: used.threads,
    threadsDeclined: used.declined ?? null,
  };
}

/** Options of summarize(): where runs live, thresholds, default sources, progress. */
export interface SummarizeOptions extends ReadRunOptions {
  /** Folder holding run directories, for run ids (default `runs`). */
  runsDir?: string;
  /** Directory relative paths are resolved against (default the process's). */
  cwd?: string;
  thresholds?: Thresholds;
  /** Sources for a run whose manifest lists none (e.g. InfluxDB servers from a config file). */
  defaultSources?: SourceSpec[];
}

function withDefaultSources(spec: RunSpec, options: SummarizeOptions): RunSpec {
  return spec.sources.length === 0 && options.defaultSources?.length
    ? { ...spec, sources: options.defaultSources }
    : spec;
}

/**
 * Loads, reads and summarises one run given its id, directory or manifest path.
 *
 * @example
 * ```ts
 * import { summarize } from 'bench-report';
 * const summary = await summarize('single-node-20', { runsDir: 'fixtures/runs' });
 * console.log(JSON.stringify(summary.run));
 * ```
 */
export async function summarize(runRef: string, options: SummarizeOptions = {}): Promise<RunSummary> {
  const spec = withDefaultSources(await loadRun(runRef, options.runsDir, options.cwd), options);
  const read = await readRun(spec, options);
  return applyEvidence(
    summarizeRun(spec, read.series, read.inputs, read.flags, options.thresholds ?? DEFAULT_THRESHOLDS),
    spec,
    read.evidence,
  );
}

/**
 * Loads, reads and summarises one run, keeping its series (what comparisons need for noise).
 *
 * @example
 * ```ts
 * import { loadRunData } from 'bench-report';
 * const run = await loadRunData('single-node-20', { runsDir: 'fixtures/runs' });
 * console.log(run.summary.run.id, run.series.length, run.spec.nodes.map((n) => n.host));
 * ```
 */
export async function loadRunData(
  runRef: string,
  options: SummarizeOptions = {},
): Promise<RunData & { spec: RunSpec; series: Series[] }> {
  const spec = withDefaultSources(await loadRun(runRef, options.runsDir, options.cwd), options);
  const read = await readRun(spec, options);
  const summary = applyEvidence(
    summarizeRun(spec, read.series, read.inputs, read.flags, options.thresholds ?? DEFAULT_THRESHOLDS),
    spec,
    read.evidence,
  );
  return { spec, summary, series: read.series };
}

/** The report stages, loaded on first use: they take longer to load than a small run takes to read. */
async function loadRenderers(drawCharts = true) {
  const [assemble, charts, html, markdown, json] = await Promise.all([
    import('./report/assemble.js'),
    import('./render/charts.js'),
    import('./render/html.js'),
    import('./render/markdown.js'),
    import('./render/json.js'),
    // vega: loaded only when charts are drawn (renderCharts imports it itself when needed)
    drawCharts ? import('./charts/compile.js') : null,
  ]);
  return {
    assembleReport: assemble.assembleReport,
    renderCharts: charts.renderCharts,
    renderHtml: html.renderHtml,
    renderMarkdown: markdown.renderMarkdown,
    renderSummaryJson: json.renderSummaryJson,
  };
}

/** The outputs build() renders: `md` (report.md), `html`, `json` (summary.json), `pr` (PR-sized Markdown). */
export type BuildOutput = 'md' | 'html' | 'json' | 'pr';

/** Every output, in the order the CLI writes them. */
export const BUILD_OUTPUTS: readonly BuildOutput[] = ['md', 'html', 'json', 'pr'];

/** Options of build(): those of summarize() and a baseline run. */
export interface BuildOptions<O extends BuildOutput = BuildOutput> extends SummarizeOptions {
  /** Baseline run id or path; overrides the manifest's `baseline`. */
  baseline?: string;
  /** A user's report-template folder (overrides `report-templates/` file by file). */
  templateDir?: string;
  /** Log events to mark on the time charts (bots joining, errors, shutdown). */
  events?: ChartEvent[];
  /**
   * The outputs to render (default: all). The others are not rendered and their fields are not
   * in the result; charts are drawn (vega, the slowest stage) only for `html`.
   */
  outputs?: readonly O[];
}

/** What build() always produces: model, summaries and the report. */
export interface BuildCore {
  spec: RunSpec;
  summary: RunSummary;
  /** The run's canonical series (for `toTable` and custom charts). */
  series: Series[];
  baseline: RunSummary | null;
  comparison: Comparison | null;
  report: Report;
  /** How the input files were read: see ReadRunResult's `threads` and `threadsDeclined`. */
  read: { threads: number; threadsDeclined: string | null };
  /**
   * Every chart: spec (for `.vl.json` next to the report) and SVG (inlined in the HTML; drawn
   * only when `html` is among the outputs, else null).
   */
  charts: RenderedChart[];
}

/** The rendered outputs, by the field that holds each. */
export interface BuildOutputs {
  /** report.md (`md`). */
  markdown: string;
  /** report.html (`html`), charts inlined as SVG. */
  html: string;
  /** summary.json (`json`). */
  json: string;
  /** Markdown sized for a pull-request comment (`pr`, `--format pr`). */
  pr: string;
}

interface OutputField {
  md: 'markdown';
  html: 'html';
  json: 'json';
  pr: 'pr';
}

/**
 * Everything build() produced for one run, in memory: model, summaries and the rendered outputs
 * asked for (all four by default).
 */
export type BuildResult<O extends BuildOutput = BuildOutput> = BuildCore & Pick<BuildOutputs, OutputField[O]>;

/**
 * The log events worth marking on the time charts: the first and last bot joining, server
 * errors, lag peaks of a second or more and the shutdown. Every join would drown the chart; the
 * evidence section lists them all.
 *
 * @example
 * ```ts
 * import { chartEvents, loadRun, readRun } from 'bench-report';
 * const { evidence } = await readRun(await loadRun('logs-18-of-20', 'fixtures/runs'));
 * console.log(chartEvents(evidence));
 * ```
 */
export function chartEvents(evidence: Evidence): ChartEvent[] {
  const timed = evidence.events.filter((e) => e.time !== null);
  const joins = timed.filter((e) => e.kind === 'join');
  const out: ChartEvent[] = [];
  if (joins.length > 0) out.push({ time: joins[0]!.time!, kind: 'first join' });
  if (joins.length > 1) out.push({ time: joins[joins.length - 1]!.time!, kind: `join ${joins.length}` });
  for (const e of timed) {
    if (e.kind === 'server-error')
      out.push({ time: e.time!, kind: 'error', ...(e.host ? { host: e.host } : {}) });
    else if (e.kind === 'shutdown') out.push({ time: e.time!, kind: 'shutdown' });
    else if (e.kind === 'lag' && (e.value ?? 0) >= 1) out.push({ time: e.time!, kind: 'lag' });
  }
  return out.sort((a, b) => a.time - b.time);
}

/**
 * Builds every output of one run in memory. Throws InputError on unreadable input.
 *
 * @example
 * ```ts
 * import { build } from 'bench-report';
 * const result = await build('distributed-20-partial', { runsDir: 'fixtures/runs', baseline: 'single-node-20' });
 * console.log(result.report.verdict.headline);
 * console.log(result.markdown.length, result.html.length, JSON.parse(result.json).run.status);
 * // Only summary.json: nothing else is rendered and no chart is drawn.
 * const { json } = await build('single-node-20', { runsDir: 'fixtures/runs', outputs: ['json'] });
 * console.log(JSON.parse(json).nodes.length);
 * ```
 */
export async function build<O extends BuildOutput = BuildOutput>(
  runRef: string,
  options: BuildOptions<O> = {},
): Promise<BuildResult<O>> {
  const wanted = new Set<BuildOutput>(options.outputs ?? BUILD_OUTPUTS);
  // The renderers (vega and friends: 0.05 s and more of this thread) load once the first input
  // file is read: by then a big run is being read on worker threads too, which read on meanwhile
  // (loaded at the start, they held up starting them).
  let renderers: ReturnType<typeof loadRenderers> | undefined;
  const loadNow = () => {
    if (!renderers) {
      renderers = loadRenderers(wanted.has('html'));
      renderers.catch(() => {}); // awaited below; an early failure must not go unhandled meanwhile
    }
    return renderers;
  };
  const spec = withDefaultSources(await loadRun(runRef, options.runsDir, options.cwd), options);
  const read = await readRun(spec, {
    ...options,
    onProgress: (p) => {
      options.onProgress?.(p);
      if (p.kind === 'file-done') void loadNow();
    },
  });
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const summary = applyEvidence(
    summarizeRun(spec, read.series, read.inputs, read.flags, thresholds),
    spec,
    read.evidence,
  );
  const baselineRef = options.baseline ?? spec.baseline;
  let baseline: RunSummary | null = null;
  let baselineSeries: Series[] = [];
  const extraFlags: Flag[] = [];
  if (baselineRef) {
    try {
      ({ summary: baseline, series: baselineSeries } = await loadRunData(baselineRef, {
        runsDir: options.runsDir ?? path.dirname(spec.dir),
        cwd: options.cwd,
        thresholds,
        ...(options.remote ? { remote: options.remote } : {}),
        ...(options.defaultSources ? { defaultSources: options.defaultSources } : {}),
      }));
    } catch (e) {
      if (!isInputError(e)) throw e;
      extraFlags.push(messages.baselineMissing(baselineRef, e.message));
    }
  }
  const comparison = baseline
    ? compareRuns({ summary: baseline, series: baselineSeries }, { summary, series: read.series })
    : null;
  const { assembleReport, renderCharts, renderHtml, renderMarkdown, renderSummaryJson } = await loadNow();
  const report = assembleReport(summary, {
    series: read.series,
    comparison,
    extraFlags,
    baseline: baseline ? { summary: baseline, series: baselineSeries } : null,
    events: options.events ?? chartEvents(read.evidence),
    ticks: read.evidence.ticks,
  });
  const charts = await renderCharts(report, { svg: wanted.has('html') });
  const specFiles = Object.fromEntries(charts.map((c) => [c.id, c.file]));
  const svgs = Object.fromEntries(charts.flatMap((c) => (c.svg ? [[c.id, c.svg]] : [])));
  const templateDir = options.templateDir;
  const outputs: Partial<BuildOutputs> = {};
  if (wanted.has('md')) outputs.markdown = renderMarkdown(report, { specFiles, templateDir });
  if (wanted.has('html')) outputs.html = renderHtml(report, { svgs, specFiles, templateDir });
  if (wanted.has('json')) outputs.json = renderSummaryJson(summary, { comparison, extraFlags });
  if (wanted.has('pr')) outputs.pr = renderMarkdown(report, { variant: 'pr', templateDir });
  const core: BuildCore = {
    spec,
    summary,
    series: read.series,
    baseline,
    comparison,
    report,
    read: { threads: read.threads, threadsDeclined: read.threadsDeclined },
    charts,
  };
  return { ...core, ...outputs } as BuildResult<O>;
}

// The whole pipeline for one run, wired stage by stage: load → read → derive → analyze →
// (compare) → assemble → render. Library users call these; the CLI is a thin shell around them.
import path from 'node:path';
import { summarizeRun, DEFAULT_THRESHOLDS } from './analyze/summarize.js';
import type { ChartEvent } from './charts/specs.js';
import { type Comparison, compareRuns } from './compare/baseline.js';
import { createSeriesBuilder } from './metrics/derive.js';
import { isInputError } from './model/errors.js';
import { messages } from './model/messages.js';
import type { Flag, RunSpec, RunSummary, Series, SourceReport, Thresholds } from './model/types.js';
import { assembleReport } from './report/assemble.js';
import type { Report } from './report/model.js';
import { type RenderedChart, renderCharts } from './render/charts.js';
import { renderHtml } from './render/html.js';
import { renderMarkdown } from './render/markdown.js';
import { renderSummaryJson } from './render/json.js';
import { loadRun } from './run/load.js';
import { readSources } from './sources/read.js';

export interface ReadRunResult {
  spec: RunSpec;
  series: Series[];
  inputs: SourceReport[];
  flags: Flag[];
}

/** Reads every source of a run into canonical per-host series. */
export async function readRun(spec: RunSpec): Promise<ReadRunResult> {
  const builder = createSeriesBuilder(spec.nodes.map((n) => n.host));
  const { inputs, flags } = await readSources(spec, (host, p) => builder.add(host, p));
  const series = builder.finish();
  if (builder.stats.outOfRange > 0) {
    flags.push({
      code: 'inputs-rejected',
      message: `${builder.stats.outOfRange} CPU or memory value(s) outside 0–100% ignored`,
    });
  }
  if (builder.stats.duplicates > 0) {
    flags.push({
      code: 'inputs-rejected',
      message: `${builder.stats.duplicates} sample(s) repeated a timestamp already seen for the same host and metric; the last value was kept`,
    });
  }
  return { spec, series, inputs, flags };
}

export interface SummarizeOptions {
  /** Folder holding run directories, for run ids (default `runs`). */
  runsDir?: string;
  /** Directory relative paths are resolved against (default the process's). */
  cwd?: string;
  thresholds?: Thresholds;
}

/** Loads, reads and summarises one run given its id, directory or manifest path. */
export async function summarize(runRef: string, options: SummarizeOptions = {}): Promise<RunSummary> {
  const spec = await loadRun(runRef, options.runsDir, options.cwd);
  const read = await readRun(spec);
  return summarizeRun(spec, read.series, read.inputs, read.flags, options.thresholds ?? DEFAULT_THRESHOLDS);
}

export interface BuildOptions extends SummarizeOptions {
  /** Baseline run id or path; overrides the manifest's `baseline`. */
  baseline?: string;
  /** A user's report-template folder (overrides `report-templates/` file by file). */
  templateDir?: string;
  /** Log events to mark on the time charts (bots joining, errors, shutdown). */
  events?: ChartEvent[];
}

export interface BuildResult {
  spec: RunSpec;
  summary: RunSummary;
  baseline: RunSummary | null;
  comparison: Comparison | null;
  report: Report;
  markdown: string;
  html: string;
  json: string;
  /** Markdown sized for a pull-request comment (`--format pr`). */
  pr: string;
  /** Every chart: spec (for `.vl.json` next to the report) and SVG (inlined in the HTML). */
  charts: RenderedChart[];
}

/** Builds every output of one run in memory. Throws InputError on unreadable input. */
export async function build(runRef: string, options: BuildOptions = {}): Promise<BuildResult> {
  const spec = await loadRun(runRef, options.runsDir, options.cwd);
  const read = await readRun(spec);
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  const summary = summarizeRun(spec, read.series, read.inputs, read.flags, thresholds);
  const baselineRef = options.baseline ?? spec.baseline;
  let baseline: RunSummary | null = null;
  let baselineSeries: Series[] = [];
  const extraFlags: Flag[] = [];
  if (baselineRef) {
    try {
      const baseSpec = await loadRun(baselineRef, options.runsDir ?? path.dirname(spec.dir), options.cwd);
      const baseRead = await readRun(baseSpec);
      baselineSeries = baseRead.series;
      baseline = summarizeRun(baseSpec, baseRead.series, baseRead.inputs, baseRead.flags, thresholds);
    } catch (e) {
      if (!isInputError(e)) throw e;
      extraFlags.push(messages.baselineMissing(baselineRef, e.message));
    }
  }
  const comparison = baseline ? compareRuns(baseline, summary) : null;
  const report = assembleReport(summary, {
    series: read.series,
    comparison,
    extraFlags,
    baseline: baseline ? { summary: baseline, series: baselineSeries } : null,
    ...(options.events ? { events: options.events } : {}),
  });
  const charts = await renderCharts(report);
  const specFiles = Object.fromEntries(charts.map((c) => [c.id, c.file]));
  const svgs = Object.fromEntries(charts.flatMap((c) => (c.svg ? [[c.id, c.svg]] : [])));
  const templateDir = options.templateDir;
  return {
    spec,
    summary,
    baseline,
    comparison,
    report,
    markdown: renderMarkdown(report, { specFiles, templateDir }),
    html: renderHtml(report, { svgs, specFiles, templateDir }),
    json: renderSummaryJson(summary, { comparison, extraFlags }),
    pr: renderMarkdown(report, { variant: 'pr', templateDir }),
    charts,
  };
}

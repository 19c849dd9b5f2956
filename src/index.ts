// The library API for scripts and notebooks: every pipeline stage as a typed function.
// It never imports the CLI.
export type * from './model/types.js';
export { InputError, isInputError } from './model/errors.js';
export { messages } from './model/messages.js';
export { loadRun, parseManifest, resolveManifest } from './run/load.js';
export { parseDuration } from './run/duration.js';
export { readSources, type ReadResult, type RemoteOptions, type ReadProgress } from './sources/read.js';
export { checkRun, type CheckOptions, type CheckReport } from './check.js';
export { parseLine, formatLine, type Precision } from './sources/line-protocol.js';
export { detectFormat, formatByName, formatNames, registerFormat } from './sources/formats.js';
export type { FormatReader, ReadSink } from './sources/reader.js';
export { createSeriesBuilder } from './metrics/derive.js';
export { DISPLAY_BUCKETS, EXACT_SAMPLE_LIMIT, PERCENTILE_MAX_ERROR } from './metrics/series-summary.js';
export type { ParallelOption } from './metrics/parallel-read.js';
export { PROVENANCE, METRICS, provenanceText } from './metrics/canonical.js';
export { cpuStats, memoryStats, nearestRank } from './analyze/stats.js';
export { coverage, findGaps } from './analyze/coverage.js';
export {
  summarizeRun,
  summarizeNode,
  DEFAULT_THRESHOLDS,
  SCHEMA_VERSION,
  totalBots,
} from './analyze/summarize.js';
export { compareRuns, type Comparison, type ComparisonRow } from './compare/baseline.js';
export { compareGroups } from './compare/repeated.js';
export { scalingAnalysis, scalingAnalysis as scaling, type Scaling } from './compare/scaling.js';
export { loadGeneratorTrust, DEFAULT_SATURATION } from './compare/saturation.js';
export type { RunData } from './compare/metrics.js';
export { mannWhitneyU } from './compare/stats/mann-whitney.js';
export { medianCI } from './compare/stats/median-ci.js';
export { bootstrapDifference, blockLength } from './compare/stats/block-bootstrap.js';
export { fitLine } from './compare/stats/least-squares.js';
export { compareRefs, scalingRefs, findGroup } from './pipeline-compare.js';
export { assembleReport, verdictOf, type AssembleOptions } from './report/assemble.js';
export type { Report, Section, Block, Cell, Column, Verdict } from './report/model.js';
export { renderMarkdown, PR_COMMENT_LIMIT, type MarkdownOptions } from './render/markdown.js';
export { renderHtml, type HtmlOptions } from './render/html.js';
export { renderSummaryJson } from './render/json.js';
export { renderCharts, chartSpecs, type RenderedChart } from './render/charts.js';
export * from './charts/index.js';
export { overlayCharts, scalingChart, type ScalingChartInput } from './report/sections/charts.js';
export { stepTimeChart } from './report/sections/step-time-chart.js';
export {
  readRun,
  summarize,
  loadRunData,
  build,
  type BuildOptions,
  type BuildResult,
  type ReadRunResult,
  type ReadRunOptions,
  type SummarizeOptions,
} from './pipeline.js';
export { toTable, type RunTables, type TabularRun } from './api/table.js';
export { VERSION } from './version.js';
export type * from './model/events.js';
export { readLogs, detectLogKind } from './logs/read-logs.js';
export { busyFromCounters, COUNTER_PROVENANCE } from './metrics/cpu-counters.js';
export { applyEvidence, summarizeEvidence } from './analyze/evidence.js';
export { tickHealth, DEFAULT_TICK_BUDGET_MS } from './analyze/tick-health.js';
export { BUILTIN_LAYOUTS } from './sources/telegraf-csv-layouts.js';
export { isYardstickRunJson, yardstickToRunSpec } from './run/yardstick.js';
export { draftManifest, draftYaml } from './draft.js';

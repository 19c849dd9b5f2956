// The library API for scripts and notebooks: every pipeline stage as a typed function.
// It never imports the CLI.
export type * from './model/types.js';
export { InputError, isInputError } from './model/errors.js';
export { messages } from './model/messages.js';
export { loadRun, parseManifest, resolveManifest } from './run/load.js';
export { parseDuration } from './run/duration.js';
export { readSources, type ReadResult } from './sources/read.js';
export { parseLine, formatLine, type Precision } from './sources/line-protocol.js';
export { detectFormat, formatByName, formatNames, registerFormat } from './sources/formats.js';
export type { FormatReader, ReadSink } from './sources/reader.js';
export { createSeriesBuilder } from './metrics/derive.js';
export { PROVENANCE, METRICS, provenanceText } from './metrics/canonical.js';
export { cpuStats, memoryStats } from './analyze/stats.js';
export { coverage, findGaps } from './analyze/coverage.js';
export {
  summarizeRun,
  summarizeNode,
  DEFAULT_THRESHOLDS,
  SCHEMA_VERSION,
  totalBots,
} from './analyze/summarize.js';
export { compareRuns, type Comparison, type ComparisonRow } from './compare/baseline.js';
export { assembleReport, verdictOf, type AssembleOptions } from './report/assemble.js';
export type { Report, Section, Block, Cell, Column, Verdict } from './report/model.js';
export { renderMarkdown, PR_COMMENT_LIMIT, type MarkdownOptions } from './render/markdown.js';
export { renderHtml, type HtmlOptions } from './render/html.js';
export { renderSummaryJson } from './render/json.js';
export { renderCharts, type RenderedChart } from './render/charts.js';
export * from './charts/index.js';
export { scalingChart, type ScalingChartInput } from './report/sections/charts.js';
export {
  readRun,
  summarize,
  build,
  type BuildOptions,
  type BuildResult,
  type ReadRunResult,
} from './pipeline.js';
export { VERSION } from './version.js';

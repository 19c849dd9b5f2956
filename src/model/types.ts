// The data every pipeline stage hands to the next. Plain data, no classes, so that summaries
// and reports serialise as they are and scripts can build or inspect them by hand.

/** Role a node played in the benchmark. */
export type Role = 'server' | 'bots' | 'other';

/** One machine of the run, as the manifest declares it. */
export interface NodeSpec {
  host: string;
  role: Role;
  /** Bots declared on this node (0 for the server and other nodes unless stated). */
  bots: number;
}

/** A file input: a path (relative to the run directory, may be a glob) and an optional format. */
export interface FileSourceSpec {
  kind: 'file';
  path: string;
  format?: string;
  /** Timestamp precision of line-protocol files without a precision hint (default ns). */
  precision?: 'ns' | 'us' | 'ms' | 's';
  /** Host to attribute points without a `host` tag to. */
  host?: string;
  /** Tag naming the host (default `host`; Yardstick exports use `yardstick_node`). */
  hostTag?: string;
  /** Headerless CSV column map: measurement → tag and field names in column order (overrides the built-in table). */
  columns?: Record<string, { tags: string[]; fields: string[] }>;
}

/** An InfluxDB source queried with InfluxQL over the v1 HTTP API. */
export interface InfluxQLSourceSpec {
  kind: 'influxql';
  url: string;
  database: string;
  retentionPolicy?: string;
}

/** An InfluxDB 2.x source queried with Flux. */
export interface FluxSourceSpec {
  kind: 'flux';
  url: string;
  org: string;
  bucket: string;
}

/** One input of a run as the manifest declares it. */
export type SourceSpec = FileSourceSpec | InfluxQLSourceSpec | FluxSourceSpec;

/** A validated run manifest. Times are epoch milliseconds; the window is half-open [start, end). */
export interface RunSpec {
  id: string;
  title?: string;
  /** Absolute directory the manifest lives in; file sources resolve against it. */
  dir: string;
  /** Manifest file the spec was loaded from, as the user named it (relative to the working directory). */
  manifestPath: string;
  start: number;
  end: number;
  intervalSeconds: number;
  baseline?: string;
  nodes: NodeSpec[];
  sources: SourceSpec[];
  /** IANA zone for log timestamps without a zone (default UTC). */
  timezone: string;
  /** Runs sharing a group are repetitions of one configuration. */
  group?: string;
  /** Software versions of the run, e.g. `{luanti: "5.11.0"}`, for comparability warnings. */
  versions?: Record<string, string>;
  /** Log files read as evidence (server, bots, Telegraf, tick TSV). */
  logs?: LogSourceSpec[];
  /** Step-time budget in ms for server tick health (default 100). */
  tickBudgetMs?: number;
  /** Facts the harness recorded about the run (e.g. Yardstick's run.json). */
  recorded?: {
    source: string;
    serverCrashed?: boolean;
    playersFailedToJoin?: boolean;
    /** Yardstick's workload-saturation check as recorded: `{checked, ok, findings[]}`. */
    saturation?: {
      checked: boolean;
      ok: boolean;
      findings: { node: string; resource: string; observedPct: number; thresholdPct: number }[];
    };
  };
}

/** Kinds of log the evidence readers understand. */
export type LogKind = 'luanti' | 'bots' | 'telegraf' | 'ticks';

/** A log input: path (relative to the run directory, may be a glob), kind (detected when absent), host. */
export interface LogSourceSpec {
  path: string;
  kind?: LogKind;
  /** Node the log belongs to (bots and Telegraf logs); guessed from a host name in the file name otherwise. */
  host?: string;
}

/** A field value as line protocol can carry it. */
export type FieldValue = number | boolean | string;

/**
 * One record as a source read it: a measurement with tags and fields at one time.
 * Line protocol, CSV and JSON all carry this shape; sources yield it and never compute statistics.
 */
export interface Point {
  measurement: string;
  tags: Record<string, string>;
  fields: Record<string, FieldValue>;
  /** Epoch milliseconds (fractional for sub-millisecond precision). */
  time: number;
}

/** One numeric value of one field: the flattened form of a Point for ad-hoc analysis. */
export interface Observation {
  host: string;
  measurement: string;
  field: string;
  tags: Record<string, string>;
  time: number;
  value: number;
}

/** A record a source could not accept, with where it was and why. */
export interface Rejection {
  /** `file:line` or another locator a user can open. */
  location: string;
  reason: string;
}

/** Why points that parsed fine were still not used. Counted, never silently dropped. */
export interface IgnoredCounts {
  outsideWindow: number;
  unknownHost: number;
  noHost: number;
}

/** What one input yielded: how many records, how many rejected and the first few rejections. */
export interface SourceReport {
  source: string;
  format: string;
  records: number;
  rejected: number;
  examples: Rejection[];
  ignored: IgnoredCounts;
  /** Host tags seen in this input that the manifest does not name (first few, sorted). */
  unknownHosts: string[];
  /** Well-formed records deliberately not read, counted by reason (present only when some were). */
  skipped?: { reason: string; count: number }[];
}

/** Where a figure comes from: measurement, tag filter and field, e.g. `cpu,cpu=cpu-total usage_idle`. */
export interface Provenance {
  measurement: string;
  filter: string;
  field: string;
  /** How the value is derived from the field, e.g. `100 - usage_idle`. */
  derivation: string;
}

/** Canonical metrics bench-report derives. */
export type MetricName = 'cpu.busy_pct' | 'mem.used_pct';

/** A time series of one canonical metric on one host, sorted by time with duplicate times merged. */
export interface Series {
  host: string;
  metric: MetricName;
  provenance: Provenance;
  times: number[];
  values: number[];
  /**
   * Statistics a database computed over the raw samples (aggregation pushed down). When set,
   * `times`/`values` hold the per-window series (one point per non-empty window, for charts)
   * and every figure comes from here instead of from `values`.
   */
  aggregate?: SeriesAggregate;
  /**
   * Streaming summary of a series that went over the exact-sample limit (metrics/series-summary.ts).
   * When set, `times`/`values` hold the display series only (first, lowest, highest and last sample
   * of each slice of the window) and every figure comes from here instead of from `values`.
   */
  summary?: SeriesSummary;
}

/**
 * Fixed-size figures of one series folded sample by sample (metrics/series-summary.ts). Count,
 * mean, min, max, first and last are exact; stddev and slope are exact up to floating-point
 * rounding; percentiles are within `percentileMaxError` of the exact nearest-rank sample; presence
 * (hence coverage and gaps) has the resolution of one interval.
 */
export interface SeriesSummary {
  count: number;
  mean: number;
  min: number;
  max: number;
  /** Sample standard deviation (n − 1); null with fewer than two samples. */
  stddev: number | null;
  /** Least-squares slope of value on time in points per minute; null with fewer than two distinct times. */
  slopePerMinute: number | null;
  p50: number;
  p95: number;
  p99: number;
  /** Largest |reported − exact nearest-rank sample| of the percentiles, in percentage points. */
  percentileMaxError: number;
  /**
   * Sample counts in 1/256-point bins over [0, 100], the percentiles' source (mergeable across
   * series): entry i counts the 256 bins of [i, i + 1), null where no sample fell.
   */
  histogram: (Uint32Array | null)[];
  /** Times of the earliest and latest sample (epoch ms). */
  first: number;
  last: number;
  /** Presence bitmap: bit k is set when a sample fell in [windowStart + k·interval, + interval). */
  windowStart: number;
  intervalSeconds: number;
  slots: number;
  presence: Uint8Array;
  /** The exact-sample limit the series went over. */
  exactLimit: number;
  /** Samples that arrived older than the series' latest one (a duplicate among them goes unnoticed). */
  lateSamples: number;
  /** Repeated timestamps merged after the limit (also in the builder's duplicate count). */
  duplicates: number;
  /** Per non-empty display slice: first sample time, mean and count (batch means for the bootstrap). */
  batchTimes: number[];
  batchMeans: number[];
  batchCounts: number[];
}

/** How a node's figures were computed when one of its series went over the exact-sample limit. */
export interface StreamedSeries {
  metric: MetricName;
  samples: number;
  /** Series longer than this are summarised while streaming instead of kept sample by sample. */
  exactLimit: number;
  /** p50/p95/p99 come from a histogram of this many equal bins over 0–100 %. */
  histogramBins: number;
  /** Largest distance of p50/p95/p99 from the exact nearest-rank sample, in percentage points. */
  percentileMaxError: number;
  /** Coverage and gaps are exact to within this many seconds (one interval). */
  gapResolutionSeconds: number;
  /** Samples that arrived out of time order after the limit (duplicates among them cannot be detected). */
  lateSamples: number;
}

/** One window of a pushed-down series: how many raw samples fell in it and their mean. */
export interface AggregateWindow {
  /** Window start, epoch ms. */
  start: number;
  count: number;
  mean: number;
}

/**
 * Per-host statistics of one metric computed by a database over the raw samples in the run
 * window. Percentiles use the same nearest-rank definition as `analyze/stats.ts`.
 */
export interface SeriesAggregate {
  count: number;
  mean: number;
  min: number;
  max: number;
  /** Sample standard deviation (n − 1); null with fewer than two samples. */
  stddev: number | null;
  p50: number;
  p95: number;
  p99: number;
  /** Times of the first and last raw sample (epoch ms). */
  first: number;
  last: number;
  /** Window length in seconds (the manifest interval). */
  windowSeconds: number;
  /** Non-empty windows in time order; empty windows are absent, never filled. */
  windows: AggregateWindow[];
}

/** The kind of a warning; summary.json carries it as `flags[].code`. */
export type FlagCode =
  | 'metrics-missing'
  | 'metrics-partial'
  | 'metric-missing'
  | 'gap'
  | 'inputs-rejected'
  | 'unknown-hosts'
  | 'outside-window'
  | 'no-sources-matched'
  | 'no-bots-declared'
  | 'baseline-missing'
  | 'baseline-differs'
  | 'source-failed'
  | 'downsampled'
  | 'server-crashed'
  | 'bots-mismatch'
  | 'telegraf-errors'
  | 'too-few-runs'
  | 'load-generator-unverified'
  | 'load-generator-unchecked';

/** A warning carried next to the numbers it concerns. */
export interface Flag {
  code: FlagCode;
  message: string;
  host?: string;
}

/** How much of the window a node (or metric) covered: expected and received samples, ratio, largest gap. */
export interface Coverage {
  expectedSamples: number;
  samples: number;
  ratio: number;
  largestGapSeconds: number;
}

/** A stretch of the window with no sample for a metric. Epoch ms, half-open. */
export interface Gap {
  metric: MetricName;
  start: number;
  end: number;
  seconds: number;
}

/** CPU busy % of one node over the window (`100 − usage_idle` of cpu-total, sample by sample). */
export interface CpuStats {
  samples: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  peak: number;
  min: number;
  provenance: Provenance;
}

/** Memory used % of one node over the window, with its trend and the stability verdict. */
export interface MemoryStats {
  samples: number;
  mean: number;
  min: number;
  max: number;
  /** Sample standard deviation (n − 1); null with fewer than two samples. */
  stddev: number | null;
  /** Least-squares slope in percentage points per minute; null with fewer than two samples. */
  slopePerMinute: number | null;
  /** Verdict from the documented thresholds; null when there are too few samples to judge. */
  stable: boolean | null;
  provenance: Provenance;
}

/** `ok` (covered), `partial` (below the coverage threshold) or `missing` (no sample: not measured). */
export type NodeStatus = 'ok' | 'partial' | 'missing';
/** `complete` (every node ok), `incomplete` (some node partial or missing) or `no-data`. */
export type RunStatus = 'complete' | 'incomplete' | 'no-data';

/** Everything measured (or not) on one node: the `nodes[]` entries of summary.json. */
export interface NodeSummary {
  host: string;
  role: Role;
  bots: number;
  status: NodeStatus;
  coverage: Coverage;
  /** Coverage of each canonical metric (the node's `coverage` is the worst of these). */
  metricCoverage: Record<MetricName, Coverage>;
  gaps: Gap[];
  cpu: CpuStats | null;
  cpuPerBot: number | null;
  /** How cpuPerBot was computed, e.g. `cpu.mean / 20 bots (run total)`. */
  cpuPerBotBasis: string | null;
  memory: MemoryStats | null;
  flags: Flag[];
  /** Bots that came up per this node's bot logs; null when no bot log is tied to it (absent without logs). */
  observedBots?: number | null;
  /** Series of this node summarised while streaming (absent when every figure is from all samples kept). */
  streamed?: StreamedSeries[];
}

/** Thresholds the analysis applies; every one is documented in the README. */
export interface Thresholds {
  /** Coverage ratio below which a node is `partial` (default 0.9). */
  coverage: number;
  /** Largest |slope × window| in percentage points for memory to be `stable` (default 1.0). */
  memoryDriftPoints: number;
  /** Largest sample standard deviation in percentage points for memory to be `stable` (default 2.0). */
  memoryStddevPoints: number;
  /** A gap is listed when a metric has no sample for longer than this many intervals (default 2). */
  gapIntervals: number;
}

/** The `run` object of summary.json: identity, window, bots and overall status. */
export interface RunInfo {
  id: string;
  title: string;
  start: string;
  end: string;
  durationSeconds: number;
  intervalSeconds: number;
  totalBots: number;
  status: RunStatus;
  /** True when a server log (or the harness) shows the server failed; absent without logs. */
  serverCrashed?: boolean;
  /** Distinct players the server log shows joining; null without a server log; absent without logs. */
  observedPlayers?: number | null;
  group?: string;
  versions?: Record<string, string>;
}

/** Everything one run yields, as written to summary.json. */
export interface RunSummary {
  schemaVersion: number;
  run: RunInfo;
  nodes: NodeSummary[];
  flags: Flag[];
  inputs: SourceReport[];
  thresholds: Thresholds;
  /** What the logs say (present when the run has logs or a harness record). */
  evidence?: import('./events.js').EvidenceSummary;
  /** Server step-time health (present when the run has logs; null without step data or lag lines). */
  tickHealth?: import('./events.js').TickHealth | null;
}

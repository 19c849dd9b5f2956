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
}

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
  | 'too-few-runs'
  | 'load-generator-unverified'
  | 'load-generator-unchecked';

/** A warning carried next to the numbers it concerns. */
export interface Flag {
  code: FlagCode;
  message: string;
  host?: string;
}

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

export type NodeStatus = 'ok' | 'partial' | 'missing';
export type RunStatus = 'complete' | 'incomplete' | 'no-data';

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

export interface RunInfo {
  id: string;
  title: string;
  start: string;
  end: string;
  durationSeconds: number;
  intervalSeconds: number;
  totalBots: number;
  status: RunStatus;
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
}

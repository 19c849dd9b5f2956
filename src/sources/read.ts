// read: every source of a run, in manifest order, into accepted points and one SourceReport per
// input. Points outside the window or from hosts the manifest does not name are counted, not used.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { InputError } from '../model/errors.js';
import type {
  FileSourceSpec,
  Flag,
  MetricName,
  Point,
  RunSpec,
  SeriesAggregate,
  SourceReport,
} from '../model/types.js';
import { messages } from '../model/messages.js';
import { detectFormat } from './formats.js';
import type { FieldSelection } from './reader.js';

/** How many rejected records each input keeps as examples. */
export const MAX_EXAMPLES = 5;
const MAX_UNKNOWN_HOSTS = 10;

/** Receives each accepted point with the manifest host it belongs to. */
export type PointHandler = (host: string, point: Point) => void;

/** How remote (database) sources are reached; every field optional. */
export interface RemoteOptions {
  /** Environment to take credentials from (INFLUX_TOKEN, INFLUX_USERNAME/INFLUX_PASSWORD). */
  env?: Record<string, string | undefined>;
  /** Folder with `influxql/` and `flux/` query files replacing the bundled `queries/`. */
  queriesDir?: string;
  /** Per-request timeout in ms (default 30000). */
  timeoutMs?: number;
  /** Attempts per request for failures retrying can help with (default 3). */
  attempts?: number;
  /** First retry delay in ms, doubled each retry (default 500). */
  backoffMs?: number;
}

/** What a remote reader may hand back besides raw points. */
export interface RemoteContext {
  options: RemoteOptions;
  /** Statistics the database computed for one host and metric (aggregation pushed down). */
  onAggregate: (host: string, metric: MetricName, aggregate: SeriesAggregate) => void;
  /** A warning for the report, e.g. a node whose data could not be loaded. */
  onFlag: (flag: Flag) => void;
}

/** Reads non-file sources (InfluxDB); registered by the modules that implement them. */
export type RemoteReader = (
  spec: RunSpec,
  source: Exclude<RunSpec['sources'][number], FileSourceSpec>,
  onPoint: PointHandler,
  context: RemoteContext,
) => Promise<SourceReport>;
const remoteReaders = new Map<string, RemoteReader>();
export function registerRemoteReader(kind: 'influxql' | 'flux', reader: RemoteReader): void {
  remoteReaders.set(kind, reader);
}

/** Progress of a read, for progress bars: a glob planned (files and bytes to read) or one file done. */
export type ReadProgress =
  | { kind: 'planned'; files: number; bytes: number }
  | { kind: 'file-done'; file: string; bytes: number };

/** What readSources() returns besides the points: one report per input and the flags raised. */
export interface ReadResult {
  inputs: SourceReport[];
  flags: Flag[];
}

export function emptyReport(source: string, format: string): SourceReport {
  return {
    source,
    format,
    records: 0,
    rejected: 0,
    examples: [],
    ignored: { outsideWindow: 0, unknownHost: 0, noHost: 0 },
    unknownHosts: [],
  };
}

/** Builds a filter that applies the run's window and host list, counting what it drops into `report`. */
export function windowFilter(
  spec: RunSpec,
  report: SourceReport,
  onPoint: PointHandler,
  defaultHost?: string,
  hostTag = 'host',
) {
  const hosts = new Set(spec.nodes.map((n) => n.host));
  const unknown = new Set<string>();
  return {
    accept(point: Point): void {
      report.records++;
      const host = point.tags[hostTag] ?? defaultHost;
      if (host === undefined) {
        report.ignored.noHost++;
        return;
      }
      if (!hosts.has(host)) {
        report.ignored.unknownHost++;
        if (unknown.size < 1000) unknown.add(host);
        return;
      }
      if (!(point.time >= spec.start && point.time < spec.end)) {
        report.ignored.outsideWindow++;
        return;
      }
      onPoint(host, point);
    },
    finish(): void {
      report.unknownHosts = [...unknown].sort().slice(0, MAX_UNKNOWN_HOSTS);
    },
  };
}

/** One input file of a run: the source that named it, its path, and the name reports give it. */
export interface FileJob {
  source: FileSourceSpec;
  /** Absolute path. */
  file: string;
  /** The path as reports show it (relative to where the manifest was named from). */
  display: string;
  /** Size in bytes (0 when it cannot be stat'ed; reading then raises the error). */
  bytes: number;
}

/** The files a file source names, in sorted order; a glob matching nothing adds a flag. */
export async function planFileJobs(spec: RunSpec, source: FileSourceSpec, flags: Flag[]): Promise<FileJob[]> {
  const pattern = source.path;
  const isGlob = /[*?[\]{}]/.test(pattern);
  let files: string[];
  if (isGlob) {
    files = (await glob(pattern, { cwd: spec.dir, onlyFiles: true, expandDirectories: false }))
      .sort()
      .map((f) => path.join(spec.dir, f));
    if (files.length === 0) {
      flags.push(messages.noSourcesMatched(pattern));
      return [];
    }
  } else {
    files = [path.resolve(spec.dir, pattern)];
  }
  const sizes = await Promise.all(
    files.map((f) =>
      stat(f).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  return files.map((file, i) => {
    const rel = path.relative(spec.dir, file) || file;
    return { source, file, display: path.join(path.dirname(spec.manifestPath), rel), bytes: sizes[i]! };
  });
}

/**
 * Reads one input file: every record counted, windowed and validated; accepted points go to
 * `onPoint`. Returns the file's SourceReport. Throws InputError on unreadable input.
 */
export async function readFileJob(
  spec: RunSpec,
  job: FileJob,
  onPoint: PointHandler,
  selection: FieldSelection = {},
): Promise<SourceReport> {
  const { source, file, display } = job;
  const reader = await detectFormat(file, source.format);
  const report = emptyReport(display, reader.name);
  const filter = windowFilter(spec, report, onPoint, source.host, source.hostTag);
  const skipped = new Map<string, number>();
  await reader.read(
    file,
    {
      point: (p) => filter.accept(p),
      reject: (lineNo, reason) => {
        report.rejected++;
        if (report.examples.length < MAX_EXAMPLES)
          report.examples.push({ location: `${display}:${lineNo}`, reason });
      },
      skip: (_lineNo, reason) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1),
    },
    {
      ...(source.precision ? { precision: source.precision } : {}),
      ...(source.columns ? { columns: source.columns } : {}),
      ...(selection.fields ? { fields: selection.fields } : {}),
      ...(selection.fields && selection.fieldsWhere ? { fieldsWhere: selection.fieldsWhere } : {}),
    },
  );
  filter.finish();
  if (skipped.size > 0)
    report.skipped = [...skipped]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([reason, count]) => ({ reason, count }));
  return report;
}

/**
 * Reads a run's input files some other way than one by one here (e.g. on worker threads).
 * It must give exactly what reading `jobs` in order with readFileJob() gives: the reports in job
 * order, the points' effects in job order. It returns null, having read nothing, to decline.
 */
export type FileJobsReader = (
  spec: RunSpec,
  jobs: FileJob[],
  onFileDone: (job: FileJob) => void,
) => Promise<SourceReport[] | null>;

async function readFileJobs(
  spec: RunSpec,
  jobs: FileJob[],
  onPoint: PointHandler,
  onProgress?: (p: ReadProgress) => void,
  selection: FieldSelection = {},
  readFiles?: FileJobsReader,
): Promise<SourceReport[]> {
  onProgress?.({ kind: 'planned', files: jobs.length, bytes: jobs.reduce((a, j) => a + j.bytes, 0) });
  const done = (job: FileJob) => onProgress?.({ kind: 'file-done', file: job.display, bytes: job.bytes });
  const elsewhere = readFiles && jobs.length > 0 ? await readFiles(spec, jobs, done) : null;
  if (elsewhere) return elsewhere;
  const reports: SourceReport[] = [];
  for (const job of jobs) {
    reports.push(await readFileJob(spec, job, onPoint, selection));
    done(job);
  }
  return reports;
}

/**
 * Reads every source of the run; accepted points go to `onPoint`, database-computed aggregates
 * to `onAggregate`. Throws InputError on unreadable input.
 *
 * @example
 * ```ts
 * import { loadRun, readSources } from 'bench-report';
 * const spec = await loadRun('single-node-20', 'fixtures/runs');
 * let points = 0;
 * const { inputs } = await readSources(spec, () => points++);
 * console.log(points, inputs.map((i) => `${i.source}: ${i.records} records, ${i.rejected} rejected`));
 * ```
 */
export async function readSources(
  spec: RunSpec,
  onPoint: PointHandler,
  options: RemoteOptions & {
    onAggregate?: RemoteContext['onAggregate'];
    onProgress?: (p: ReadProgress) => void;
    /** Fields the caller uses, by measurement: file readers may leave the others out (see ReadOptions). */
    fields?: FieldSelection['fields'];
    /** With `fields`: the tag values a series needs for its fields to be used (see ReadOptions). */
    fieldsWhere?: FieldSelection['fieldsWhere'];
    /** Reads the file sources' files another way (worker threads); see FileJobsReader. */
    readFiles?: FileJobsReader;
  } = {},
): Promise<ReadResult> {
  const inputs: SourceReport[] = [];
  const flags: Flag[] = [];
  // Consecutive file sources are read as one batch of files (so files of several globs can be
  // read at once); remote sources in between keep their place in the manifest's order.
  let batch: FileJob[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    const jobs = batch;
    batch = [];
    inputs.push(
      ...(await readFileJobs(
        spec,
        jobs,
        onPoint,
        options.onProgress,
        { fields: options.fields, fieldsWhere: options.fieldsWhere },
        options.readFiles,
      )),
    );
  };
  for (const source of spec.sources) {
    if (source.kind === 'file') {
      batch.push(...(await planFileJobs(spec, source, flags)));
    } else {
      await flush();
      // The InfluxDB readers (and their client library) load only for runs that have such sources.
      if (!remoteReaders.has(source.kind)) await import('./influx/register.js');
      const reader = remoteReaders.get(source.kind);
      if (!reader)
        throw new InputError(`${source.kind} sources are not supported by this build`, spec.manifestPath);
      inputs.push(
        await reader(spec, source, onPoint, {
          options,
          onAggregate: options.onAggregate ?? (() => {}),
          onFlag: (f) => flags.push(f),
        }),
      );
    }
  }
  await flush();
  for (const r of inputs) {
    if (r.rejected > 0) flags.push(messages.inputsRejected(r.source, r.rejected));
    if (r.ignored.unknownHost > 0)
      flags.push(messages.unknownHosts(r.source, r.ignored.unknownHost, r.unknownHosts));
    if (r.ignored.outsideWindow > 0) flags.push(messages.outsideWindow(r.source, r.ignored.outsideWindow));
  }
  return { inputs, flags };
}

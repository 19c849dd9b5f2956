// InfluxQL source: for each manifest host and canonical metric, one request whose statements
// (queries/influxql/<metric>.influxql) return the window's statistics, the first and last sample
// times and per-interval counts and means. No raw point crosses the wire.
import { METRICS } from '../../metrics/canonical.js';
import { InputError } from '../../model/errors.js';
import type { InfluxQLSourceSpec, MetricName, RunSpec, SeriesAggregate } from '../../model/types.js';
import { emptyReport, type RemoteReader } from '../read.js';
import { assertNoUserinfo, displayUrl, InfluxFault, resolveRemote } from './http.js';
import type { V1Result } from './influxql-client.js';
import { durationLiteral, fill, loadQuery, qualifiedDatabase } from './queries.js';
import { loadPerNode } from './per-node.js';
import { queryWhole } from './row-limit.js';

/** Query file per canonical metric, under `<queriesDir>/influxql/`. */
export const INFLUXQL_QUERY: Record<MetricName, string> = {
  'cpu.busy_pct': 'cpu_busy',
  'mem.used_pct': 'mem_used',
};

function rowsOf(r: V1Result | undefined): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const s of r?.series ?? [])
    for (const v of s.values) out.push(Object.fromEntries(s.columns.map((c, i) => [c, v[i]])));
  return out;
}

function num(row: Record<string, unknown>, col: string, file: string, nullable = false): number {
  const v = row[col];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (nullable && v === null) return Number.NaN;
  throw new InfluxFault('bad-response', `column "${col}" is missing or not a number; check ${file}`);
}

/** The aggregate of one host and metric from the four statements' results; null when no sample. */
export function aggregateFromResults(
  results: V1Result[],
  intervalSeconds: number,
  file: string,
): SeriesAggregate | null {
  if (results.length < 4)
    throw new InfluxFault(
      'bad-response',
      `expected 4 statement results, got ${results.length}; check ${file}`,
    );
  const [summaryRows, firstRows, lastRows, windowRows] = results.map(rowsOf);
  const s = summaryRows?.[0];
  if (!s || num(s, 'samples', file) === 0) return null;
  const stddev = num(s, 'stddev', file, true);
  const first = firstRows?.[0];
  const last = lastRows?.[0];
  if (!first || !last)
    throw new InfluxFault('bad-response', `first/last statements returned nothing; check ${file}`);
  return {
    count: num(s, 'samples', file),
    mean: num(s, 'mean', file),
    min: num(s, 'min', file),
    max: num(s, 'max', file),
    stddev: Number.isNaN(stddev) ? null : stddev,
    p50: num(s, 'p50', file),
    p95: num(s, 'p95', file),
    p99: num(s, 'p99', file),
    first: num(first, 'time', file),
    last: num(last, 'time', file),
    windowSeconds: intervalSeconds,
    windows: (windowRows ?? [])
      .map((w) => ({
        start: num(w, 'time', file),
        count: num(w, 'samples', file),
        mean: num(w, 'mean', file),
      }))
      .filter((w) => w.count > 0)
      .sort((a, b) => a.start - b.start),
  };
}

/** Points a query error at the file it came from, so a user's own query folder is easy to fix. */
function namingFile(e: unknown, file: string): unknown {
  if (e instanceof InfluxFault && e.kind === 'statement')
    return new InfluxFault('statement', e.message.replace(/check the query file$/, `check ${file}`));
  if (e instanceof InfluxFault && e.kind === 'bad-response' && /^statement \d+ /.test(e.message))
    return new InfluxFault('bad-response', `${e.message} (${file})`);
  return e;
}

/** Where the window grid starts relative to the epoch, so windows align with the run start. */
export function windowOffsetMs(spec: RunSpec): number {
  const iv = spec.intervalSeconds * 1000;
  return ((spec.start % iv) + iv) % iv;
}

export const readInfluxQL: RemoteReader = async (spec, source, _onPoint, ctx) => {
  if (source.kind !== 'influxql') throw new InputError(`not an InfluxQL source`, spec.manifestPath);
  const src: InfluxQLSourceSpec = source;
  const remote = resolveRemote(ctx.options);
  assertNoUserinfo(src.url, spec.manifestPath);
  const server = displayUrl(src.url);
  const what = `InfluxDB at ${server} (database ${JSON.stringify(src.database)})`;
  const report = emptyReport(
    `${server} database=${src.database}${src.retentionPolicy ? ` rp=${src.retentionPolicy}` : ''}`,
    'influxql',
  );
  const queries = await Promise.all(
    METRICS.map((m) => loadQuery('influxql', INFLUXQL_QUERY[m], ctx.options.queriesDir)),
  );
  const placeholders = {
    database: qualifiedDatabase(src.database, src.retentionPolicy),
    interval: durationLiteral(spec.intervalSeconds * 1000),
    offset: durationLiteral(windowOffsetMs(spec)),
  };
  const texts = queries.map((q) => fill(q, placeholders));
  const window = { start: new Date(spec.start).toISOString(), end: new Date(spec.end).toISOString() };
  return loadPerNode(spec, ctx, report, server, what, async (host, i) => {
    const results = await queryWhole(
      src,
      texts[i]!,
      { ...window, host },
      remote,
      spec.intervalSeconds * 1000,
    ).catch((e) => {
      throw namingFile(e, queries[i]!.file);
    });
    return aggregateFromResults(results, spec.intervalSeconds, queries[i]!.file);
  });
};

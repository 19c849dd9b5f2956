// Flux source (InfluxDB 2.x) through @influxdata/influxdb-client: the same pushed-down shape as
// the InfluxQL reader (window statistics, first/last sample, per-interval counts and means),
// values rendered as Flux literals by the client's escaping helpers.
import {
  AbortError,
  type FluxTableMetaData,
  fluxDateTime,
  fluxDuration,
  fluxString,
  HttpError,
  InfluxDB,
  RequestTimedOutError,
} from '@influxdata/influxdb-client';
import { METRICS } from '../../metrics/canonical.js';
import { InputError } from '../../model/errors.js';
import type { FluxSourceSpec, MetricName, SeriesAggregate } from '../../model/types.js';
import { emptyReport, type RemoteReader } from '../read.js';
import {
  assertNoUserinfo,
  classifyNetworkError,
  displayUrl,
  InfluxFault,
  type ResolvedRemote,
  resolveRemote,
  serverError,
} from './http.js';
import { windowOffsetMs } from './influxql-reader.js';
import { loadPerNode } from './per-node.js';
import { durationLiteral, fill, loadQuery } from './queries.js';

export const FLUX_QUERY: Record<MetricName, string> = {
  'cpu.busy_pct': 'cpu_busy',
  'mem.used_pct': 'mem_used',
};

type Row = Record<string, unknown>;

/** Flux times are RFC3339 with up to nine fraction digits; Date.parse wants at most three. */
export function fluxTimeMs(v: unknown): number {
  if (typeof v !== 'string') return Number.NaN;
  return Date.parse(v.replace(/(\.\d{3})\d+/, '$1'));
}

/** The token the client sends: INFLUX_TOKEN, else `user:password` (what 1.8's Flux API accepts). */
function fluxToken(env: Record<string, string | undefined>): string | undefined {
  if (env.INFLUX_TOKEN) return env.INFLUX_TOKEN;
  if (env.INFLUX_USERNAME) return `${env.INFLUX_USERNAME}:${env.INFLUX_PASSWORD ?? ''}`;
  return undefined;
}

function classifyClientError(e: unknown, src: FluxSourceSpec, remote: ResolvedRemote): InfluxFault {
  if (e instanceof InfluxFault) return e;
  if (e instanceof RequestTimedOutError)
    return classifyNetworkError({ name: 'TimeoutError' }, src.url, remote.timeoutMs);
  // The client raises AbortError when the response stream ends early (not on our timeout).
  if (e instanceof AbortError)
    return classifyNetworkError(
      Object.assign(new Error('terminated'), { code: 'ECONNRESET' }),
      src.url,
      remote.timeoutMs,
    );
  if (e instanceof HttpError) {
    const detail = serverError(e.body ?? '');
    if (e.statusCode === 401 || e.statusCode === 403)
      return new InfluxFault(
        'auth',
        `authorization failed (HTTP ${e.statusCode}); ${remote.env.INFLUX_TOKEN ? 'check that INFLUX_TOKEN is valid and may read this bucket' : 'set INFLUX_TOKEN (or INFLUX_USERNAME and INFLUX_PASSWORD)'}`,
      );
    if (e.statusCode === 404 && /bucket|organization|org/i.test(detail))
      return new InfluxFault(
        'database',
        `${detail}; check "bucket" (${JSON.stringify(src.bucket)}) and "org" (${JSON.stringify(src.org)}) in the manifest`,
      );
    if (e.statusCode === 404)
      return new InfluxFault('not-found', `HTTP 404; check that the URL is an InfluxDB 2.x API root`);
    if (e.statusCode >= 500 || e.statusCode === 429)
      return new InfluxFault(
        'server',
        `server error (HTTP ${e.statusCode}): ${detail}; check the server log`,
      );
    return new InfluxFault(
      'statement',
      `query rejected (HTTP ${e.statusCode}): ${detail}; check the query file`,
    );
  }
  return classifyNetworkError(e, src.url, remote.timeoutMs);
}

/** Runs one Flux query; every row as an object, tagged with its result name. Error tables become faults. */
async function collectRows(src: FluxSourceSpec, query: string, remote: ResolvedRemote): Promise<Row[]> {
  const token = fluxToken(remote.env);
  const api = new InfluxDB({
    url: src.url,
    ...(token ? { token } : {}),
    timeout: remote.timeoutMs,
  }).getQueryApi(src.org);
  let last: InfluxFault | undefined;
  for (let attempt = 1; attempt <= remote.attempts; attempt++) {
    try {
      return await new Promise<Row[]>((resolve, reject) => {
        const rows: Row[] = [];
        api.queryRows(query, {
          next(values: string[], meta: FluxTableMetaData) {
            const o = meta.toObject(values);
            if (
              meta.columns.some((c) => c.label === 'error') &&
              meta.columns.some((c) => c.label === 'reference')
            )
              reject(
                new InfluxFault(
                  'statement',
                  `the query failed mid-answer: ${String(o.error)}; check the query file`,
                ),
              );
            else rows.push(o);
          },
          error: reject,
          complete: () => resolve(rows),
        });
      });
    } catch (e) {
      last = classifyClientError(e, src, remote);
      if (!last.retryable || attempt === remote.attempts) throw last;
      await new Promise((r) => setTimeout(r, remote.backoffMs * 2 ** (attempt - 1)));
    }
  }
  throw last;
}

/** The aggregate of one host and metric from the rows of its Flux query; null when no sample. */
export function aggregateFromFluxRows(
  rows: Row[],
  intervalSeconds: number,
  file: string,
): SeriesAggregate | null {
  const byResult = new Map<string, Row[]>();
  for (const r of rows) {
    const name = String(r.result ?? '');
    byResult.set(name, [...(byResult.get(name) ?? []), r]);
  }
  const stats = new Map<string, number>();
  for (const r of [...(byResult.get('stats_count') ?? []), ...(byResult.get('stats') ?? [])])
    if (typeof r._value === 'number') stats.set(String(r.stat), r._value);
    else if (r._value === null || r._value === undefined) stats.set(String(r.stat), Number.NaN);
  const count = stats.get('samples') ?? 0;
  if (!byResult.has('stats_count') && byResult.size > 0)
    throw new InfluxFault('truncated', `the answer lacks the stats_count result; check ${file}`);
  if (count === 0 || Number.isNaN(count)) return null;
  for (const name of ['stats', 'first', 'last', 'window_counts', 'window_means'])
    if (!byResult.has(name))
      throw new InfluxFault(
        'truncated',
        `the answer ended before result "${name}"; check the server’s health and ${file}`,
      );
  const need = (k: string) => {
    const v = stats.get(k);
    if (v === undefined || Number.isNaN(v))
      throw new InfluxFault('bad-response', `statistic "${k}" is missing or not a number; check ${file}`);
    return v;
  };
  const means = new Map<number, number>();
  for (const r of byResult.get('window_means') ?? []) means.set(fluxTimeMs(r._time), Number(r._value));
  const windows = (byResult.get('window_counts') ?? [])
    .map((r) => {
      const start = fluxTimeMs(r._time);
      return { start, count: Number(r._value), mean: means.get(start) ?? Number.NaN };
    })
    .filter((w) => w.count > 0)
    .sort((a, b) => a.start - b.start);
  if (windows.some((w) => Number.isNaN(w.start) || Number.isNaN(w.mean)))
    throw new InfluxFault('bad-response', `window counts and means do not line up; check ${file}`);
  const stddev = stats.get('stddev');
  return {
    count,
    mean: need('mean'),
    min: need('min'),
    max: need('max'),
    stddev: stddev === undefined || Number.isNaN(stddev) ? null : stddev,
    p50: need('p50'),
    p95: need('p95'),
    p99: need('p99'),
    first: fluxTimeMs(byResult.get('first')?.[0]?._time),
    last: fluxTimeMs(byResult.get('last')?.[0]?._time),
    windowSeconds: intervalSeconds,
    windows,
  };
}

export const readFlux: RemoteReader = async (spec, source, _onPoint, ctx) => {
  if (source.kind !== 'flux') throw new InputError('not a Flux source', spec.manifestPath);
  const src: FluxSourceSpec = source;
  const remote = resolveRemote(ctx.options);
  assertNoUserinfo(src.url, spec.manifestPath);
  const server = displayUrl(src.url);
  const what = `InfluxDB at ${server} (org ${JSON.stringify(src.org)}, bucket ${JSON.stringify(src.bucket)})`;
  const report = emptyReport(`${server} org=${src.org} bucket=${src.bucket}`, 'flux');
  const queries = await Promise.all(
    METRICS.map((m) => loadQuery('flux', FLUX_QUERY[m], ctx.options.queriesDir)),
  );
  const base = {
    bucket: String(fluxString(src.bucket)),
    start: String(fluxDateTime(new Date(spec.start).toISOString())),
    stop: String(fluxDateTime(new Date(spec.end).toISOString())),
    every: String(fluxDuration(durationLiteral(spec.intervalSeconds * 1000))),
    offset: String(fluxDuration(durationLiteral(windowOffsetMs(spec)))),
  };
  return loadPerNode(spec, ctx, report, server, what, async (host, i) => {
    const q = queries[i]!;
    const rows = await collectRows(src, fill(q, { ...base, host: String(fluxString(host)) }), remote);
    return aggregateFromFluxRows(rows, spec.intervalSeconds, q.file);
  });
};

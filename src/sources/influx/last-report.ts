// For `bench-report check`: when each host last wrote each measurement, and how many points it
// wrote recently, asked of an InfluxQL source (queries/influxql/last_report.influxql).
import { InputError } from '../../model/errors.js';
import type { InfluxQLSourceSpec, RunSpec } from '../../model/types.js';
import type { RemoteOptions } from '../read.js';
import { assertNoUserinfo, displayUrl, InfluxFault, resolveRemote, toInputError } from './http.js';
import { queryV1 } from './influxql-client.js';
import { fill, loadQuery, qualifiedDatabase, quoteIdent } from './queries.js';

/** What the database knows about one host and measurement. */
export interface LastReport {
  host: string;
  measurement: string;
  /** Time of the newest point within the lookback, epoch ms; null when none. */
  last: number | null;
  /** Points (the largest per-field count) since `since`. */
  recentPoints: number;
}

export interface LastReportQuery {
  measurements: string[];
  /** Start of the "recent" stretch, epoch ms. */
  since: number;
  /** How far back to look for a newest point at all, epoch ms. */
  lookback: number;
  /** The check time, epoch ms; later points are ignored. */
  now: number;
}

/** Queries one InfluxQL source for every manifest host and each measurement. */
export async function lastReports(
  spec: RunSpec,
  src: InfluxQLSourceSpec,
  q: LastReportQuery,
  options: RemoteOptions = {},
): Promise<LastReport[]> {
  const remote = resolveRemote(options);
  assertNoUserinfo(src.url, spec.manifestPath);
  const what = `InfluxDB at ${displayUrl(src.url)} (database ${JSON.stringify(src.database)})`;
  const query = await loadQuery('influxql', 'last_report', options.queriesDir);
  const out: LastReport[] = [];
  try {
    for (const node of spec.nodes) {
      for (const m of q.measurements) {
        const text = fill(query, {
          database: qualifiedDatabase(src.database, src.retentionPolicy),
          measurement: quoteIdent(m),
        });
        const results = await queryV1(
          src,
          text,
          {
            host: node.host,
            now: new Date(q.now).toISOString(),
            since: new Date(q.since).toISOString(),
            lookback: new Date(q.lookback).toISOString(),
          },
          remote,
        );
        const newest = results[0]?.series?.[0];
        const timeCol = newest?.columns.indexOf('time') ?? -1;
        const last = newest && timeCol >= 0 ? Number(newest.values[0]?.[timeCol]) : null;
        let recentPoints = 0;
        for (const s of results[1]?.series ?? [])
          for (const row of s.values)
            for (const [i, c] of s.columns.entries())
              if (c.startsWith('count') && typeof row[i] === 'number')
                recentPoints = Math.max(recentPoints, row[i] as number);
        out.push({
          host: node.host,
          measurement: m,
          last: last !== null && Number.isFinite(last) ? last : null,
          recentPoints,
        });
      }
    }
  } catch (e) {
    if (e instanceof InfluxFault) throw toInputError(e, what, spec.manifestPath);
    throw e;
  }
  return out;
}

/** Host tag values written to `measurement` that the manifest does not name (sorted, at most 20). */
export async function unknownWriters(
  spec: RunSpec,
  src: InfluxQLSourceSpec,
  measurement: string,
  options: RemoteOptions = {},
): Promise<string[]> {
  const remote = resolveRemote(options);
  const query = await loadQuery('influxql', 'hosts', options.queriesDir);
  const text = fill(query, {
    database: qualifiedDatabase(src.database, src.retentionPolicy),
    measurement: quoteIdent(measurement),
  });
  try {
    const results = await queryV1(src, text, {}, remote);
    const known = new Set(spec.nodes.map((n) => n.host));
    const seen = new Set<string>();
    for (const s of results[0]?.series ?? []) {
      const col = s.columns.indexOf('value');
      for (const row of s.values)
        if (typeof row[col] === 'string' && !known.has(row[col])) seen.add(row[col]);
    }
    return [...seen].sort().slice(0, 20);
  } catch (e) {
    if (e instanceof InfluxFault)
      throw toInputError(
        e,
        `InfluxDB at ${displayUrl(src.url)} (database ${JSON.stringify(src.database)})`,
        spec.manifestPath,
      );
    throw e;
  }
}

/** The InfluxQL sources of a run; check needs at least one. */
export function influxqlSources(spec: RunSpec): InfluxQLSourceSpec[] {
  const found = spec.sources.filter((s): s is InfluxQLSourceSpec => s.kind === 'influxql');
  if (found.length === 0)
    throw new InputError(
      'check needs an InfluxQL source ({influxql: URL, database}) in the manifest; file and Flux sources cannot be checked live',
      spec.manifestPath,
    );
  return found;
}

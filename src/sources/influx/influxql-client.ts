// The v1 /query API (served by InfluxDB 1.x, 2.x via DBRP and 3.x): one request, chunked JSON
// answers stitched back into whole series, bind parameters for every value.
import { InfluxFault, type ResolvedRemote, requestText, serverError } from './http.js';

/** One series of one statement's result, as the v1 API returns it (times as epoch ms). */
export interface V1Series {
  name: string;
  tags?: Record<string, string>;
  columns: string[];
  values: unknown[][];
  partial?: boolean;
}

export interface V1Result {
  statement_id: number;
  series?: V1Series[];
  error?: string;
  messages?: { level: string; text: string }[];
  partial?: boolean;
  /**
   * A series ended still marked partial in an answer that was otherwise whole: the server cut
   * it at its row limit (InfluxDB 1.x `max-row-limit`, which applies to non-chunked answers).
   */
  rowLimited?: boolean;
}

export interface V1Target {
  url: string;
  database: string;
  retentionPolicy?: string;
}

/**
 * Parses a chunked (newline-separated JSON documents) or plain answer and merges the chunks of
 * each series. A document that does not parse, or a statement still marked partial when the body
 * ends (more chunks were announced), means the stream was cut off. A series still marked partial
 * in a statement that is not is the row-limit signature: the result is marked `rowLimited`.
 */
export function parseV1Body(body: string): V1Result[] {
  const byStatement = new Map<number, V1Result>();
  const lines = body.split('\n').filter((l) => l.trim() !== '');
  if (lines.length === 0) throw new InfluxFault('truncated', 'the server sent an empty answer');
  for (const line of lines) {
    let doc: { results?: V1Result[]; error?: string };
    try {
      doc = JSON.parse(line);
    } catch {
      throw new InfluxFault(
        'truncated',
        'the answer stopped mid-stream (a chunk is not complete JSON); check the server’s health and log',
      );
    }
    if (typeof doc.error === 'string') throw new InfluxFault('statement', `query failed: ${doc.error}`);
    for (const r of doc.results ?? []) {
      const prev = byStatement.get(r.statement_id);
      if (!prev) {
        byStatement.set(r.statement_id, { ...r, series: [...(r.series ?? [])] });
      } else {
        // InfluxDB 1.x repeats a failed statement's id with "not executed" for the statements
        // after it; the first error is the one that explains.
        if (r.error && !prev.error) prev.error = r.error;
        for (const s of r.series ?? []) {
          const key = JSON.stringify([s.name, s.tags ?? {}]);
          const same = prev.series?.find((p) => JSON.stringify([p.name, p.tags ?? {}]) === key);
          if (same) {
            same.values.push(...s.values);
            same.partial = s.partial;
          } else prev.series?.push(s);
        }
        prev.partial = r.partial;
      }
    }
  }
  // Judged on each statement's final state: a chunk marked partial is only a fault when no
  // later chunk of the same statement followed it.
  const results = [...byStatement.values()].sort((a, b) => a.statement_id - b.statement_id);
  if (results.some((r) => r.partial))
    throw new InfluxFault(
      'truncated',
      'the answer ended while a statement was still marked partial (more chunks announced); check the server’s health and log',
    );
  for (const r of results) if (r.series?.some((s) => s.partial)) r.rowLimited = true;
  return results;
}

/**
 * Runs `q` (one or more `;`-separated statements) with bound `params`; returns one result per
 * statement. An answer cut at the server's row limit is a fault unless `allowRowLimited` (the caller
 * then completes it; see row-limit.ts).
 */
export async function queryV1(
  target: V1Target,
  q: string,
  params: Record<string, string | number>,
  remote: ResolvedRemote,
  opts: { allowRowLimited?: boolean } = {},
): Promise<V1Result[]> {
  const url = new URL('query', target.url.endsWith('/') ? target.url : `${target.url}/`);
  const form = new URLSearchParams({
    db: target.database,
    q,
    params: JSON.stringify(params),
    epoch: 'ms',
    chunked: 'true',
  });
  if (target.retentionPolicy) form.set('rp', target.retentionPolicy);
  let results: V1Result[] = [];
  await requestText(
    url,
    {
      method: 'POST',
      body: form.toString(),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    },
    target.url,
    remote,
    (status, body) => {
      if (status !== 200)
        throw new InfluxFault('statement', `query rejected (HTTP ${status}): ${serverError(body)}`);
      results = parseV1Body(body);
    },
  );
  if (!opts.allowRowLimited && results.some((r) => r.rowLimited))
    throw new InfluxFault(
      'bad-response',
      'the server cut the answer at its row limit ("partial": true; [http] max-row-limit applies to non-chunked answers); raise max-row-limit or let the server answer chunked',
    );
  const failed = results.filter((r) => r.error);
  const explaining = failed.filter((r) => r.error !== 'not executed');
  for (const r of explaining.length > 0 ? explaining : failed) {
    if (!r.error) continue;
    if (/database not found/i.test(r.error))
      throw new InfluxFault(
        'database',
        `database ${JSON.stringify(target.database)} does not exist; check "database" in the manifest against SHOW DATABASES`,
      );
    if (/retention policy not found/i.test(r.error))
      throw new InfluxFault(
        'database',
        `retention policy ${JSON.stringify(target.retentionPolicy ?? '')} does not exist; check "retentionPolicy" in the manifest`,
      );
    throw new InfluxFault(
      'statement',
      `statement ${r.statement_id + 1} failed: ${r.error}; check the query file`,
    );
  }
  return results;
}

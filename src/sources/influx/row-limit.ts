// Answers cut at a server's row limit (InfluxDB 1.x `max-row-limit` truncates non-chunked answers,
// which a server or gateway that ignores `chunked=true` sends): the statements are re-run one at a
// time and the per-window statement is paged by time until every window has arrived, so a node is
// never reported from part of its windows.
import { InfluxFault, type ResolvedRemote } from './http.js';
import { queryV1, type V1Result, type V1Target } from './influxql-client.js';

/** This module completes cut answers itself, so the client hands them over. */
const ROWS = { allowRowLimited: true };

/** Splits InfluxQL text at top-level `;` (not inside '…', "…" or a `--` comment); drops empty statements. */
export function splitStatements(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      cur += c;
      if (c === '\\' && i + 1 < text.length) cur += text[++i];
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') {
      quote = c;
      cur += c;
    } else if (c === '-' && text[i + 1] === '-') {
      while (i < text.length && text[i] !== '\n') i++;
      cur += '\n';
    } else if (c === ';') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

export interface WindowParams {
  start: string;
  end: string;
  [name: string]: string | number;
}

/**
 * Runs a metric's statements and returns one whole result per statement. When the server cut the
 * answer at its row limit, re-runs each statement alone and pages the last one (the per-window
 * series, ordered by time, one series) from the window after the last row received, until an answer
 * is not cut. Every page is a whole number of windows, so the stitched series equals the uncut one.
 */
export async function queryWhole(
  target: V1Target,
  text: string,
  params: WindowParams,
  remote: ResolvedRemote,
  intervalMs: number,
): Promise<V1Result[]> {
  const first = await queryV1(target, text, params, remote, ROWS);
  if (!first.some((r) => r.rowLimited)) return first;
  const statements = splitStatements(text);
  const out: V1Result[] = [];
  for (const [i, statement] of statements.entries()) {
    const paged = i === statements.length - 1;
    const result = paged
      ? await pagedByTime(target, statement, params, remote, intervalMs, i)
      : (await queryV1(target, statement, params, remote, ROWS))[0];
    if (!result) throw new InfluxFault('bad-response', `statement ${i + 1} returned no result`);
    if (result.rowLimited)
      throw new InfluxFault(
        'bad-response',
        `statement ${i + 1} alone returns more rows than the server's row limit (max-row-limit); raise the limit or make the statement return one row`,
      );
    out.push({ ...result, statement_id: i });
  }
  return out;
}

async function pagedByTime(
  target: V1Target,
  statement: string,
  params: WindowParams,
  remote: ResolvedRemote,
  intervalMs: number,
  index: number,
): Promise<V1Result> {
  const endMs = Date.parse(params.end);
  let startMs = Date.parse(params.start);
  // Each cut page holds at least one window, so the window count bounds the pages.
  const maxPages = Math.ceil((endMs - startMs) / intervalMs) + 1;
  let merged: V1Result | undefined;
  for (let page = 0; page < maxPages; page++) {
    const [r] = await queryV1(
      target,
      statement,
      { ...params, start: new Date(startMs).toISOString() },
      remote,
      ROWS,
    );
    if (!r) throw new InfluxFault('bad-response', `statement ${index + 1} returned no result`);
    if (r.error) throw new InfluxFault('statement', `statement ${index + 1} failed: ${r.error}`);
    const series = r.series ?? [];
    if (!merged) merged = { ...r, rowLimited: false, series: series.map((s) => ({ ...s, partial: false })) };
    else if (series[0]) {
      if (!merged.series?.[0]) merged.series = [{ ...series[0], values: [] }];
      merged.series[0]!.values.push(...series[0].values);
    }
    if (!r.rowLimited) return merged;
    const times = series.flatMap((s) => s.values.map((v) => v[0]));
    const last = times[times.length - 1];
    const ascending = times.every(
      (t, k) => typeof t === 'number' && t >= startMs && (k === 0 || t > (times[k - 1] as number)),
    );
    if (series.length !== 1 || typeof last !== 'number' || !ascending)
      throw new InfluxFault(
        'bad-response',
        `statement ${index + 1} was cut at the server's row limit (max-row-limit) and cannot be paged by time (it must return one series ordered by time); raise the limit`,
      );
    startMs = last + intervalMs;
    if (startMs >= endMs) return merged;
  }
  throw new InfluxFault(
    'bad-response',
    `statement ${index + 1} was still cut at the server's row limit after ${maxPages} pages; raise max-row-limit`,
  );
}

// Reads every log of a run (manifest `logs:`) into the Evidence model, streaming line by line
// (Latin-1, CRLF, BOM and gzip handled by forEachLine). Kind comes from `kind:` or the content;
// the node from `host:` or a manifest host named in the file name (e.g. walkbot_node2.log).
import path from 'node:path';
import { glob } from 'tinyglobby';
import { InputError } from '../model/errors.js';
import type { Evidence, LogEvent, LogReport, TickSample } from '../model/events.js';
import type { LogKind, LogSourceSpec, RunSpec } from '../model/types.js';
import { forEachLine, MAX_LINE_BYTES, peekText } from '../sources/open.js';
import { createBotLineParser, isBotLine } from './bots.js';
import { isLuantiLine, parseLuantiLine } from './luanti.js';
import { isTelegrafLine, parseTelegrafLine } from './telegraf.js';
import { isTickHeader, parseTickRow, tickColumns } from './ticks.js';

const MAX_EXAMPLES = 5;

/**
 * Guesses a log's kind from its first lines; null when nothing is recognised.
 *
 * @example
 * ```ts
 * import { detectLogKind } from 'bench-report';
 * console.log(detectLogKind('2025-06-22T12:00:00Z I! Starting Telegraf 1.30.0'), detectLogKind('hello'));
 * ```
 */
export function detectLogKind(head: string): LogKind | null {
  const lines = head.split(/\r?\n/).slice(0, 200);
  if (lines[0] !== undefined && isTickHeader(lines[0])) return 'ticks';
  if (lines.some(isTelegrafLine)) return 'telegraf';
  if (lines.some(isLuantiLine)) return 'luanti';
  if (lines.some(isBotLine)) return 'bots';
  return null;
}

/** The manifest host whose name appears in the file name (longest match wins), if any. */
export function hostFromFileName(file: string, hosts: string[]): string | undefined {
  const base = path.basename(file);
  const hits = hosts.filter((h) =>
    new RegExp(`(^|[^A-Za-z0-9])${h.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9]|$)`).test(base),
  );
  return hits.sort((a, b) => b.length - a.length)[0];
}

/**
 * debug.txt is appended to by every server start, so one file can hold several runs. Keeps the
 * events of the server session the run belongs to: from the last server start before the
 * window's end up to the next start (everything when no start precedes the end).
 */
export function currentSession(events: LogEvent[], windowEnd: number): { kept: LogEvent[]; dropped: number } {
  let from = -1;
  events.forEach((e, i) => {
    if (e.kind === 'server-start' && e.time !== null && e.time < windowEnd) from = i;
  });
  if (from < 0) return { kept: events, dropped: 0 }; // no start before the end: cannot tell sessions apart
  // A start at or after the window's end begins a later run: stop there.
  const later = events.findIndex(
    (e, i) => i > from && e.kind === 'server-start' && e.time !== null && e.time >= windowEnd,
  );
  const to = later < 0 ? events.length : later;
  return { kept: events.slice(from, to), dropped: events.length - (to - from) };
}

async function readOne(spec: RunSpec, file: string, display: string, log: LogSourceSpec, out: Evidence) {
  const kind = log.kind ?? detectLogKind(await peekText(file, 16384));
  if (!kind)
    throw new InputError(
      'cannot tell what kind of log this is; add "kind: luanti | bots | telegraf | ticks" to its logs entry',
      display,
    );
  const host =
    log.host ??
    (kind === 'bots' || kind === 'telegraf'
      ? hostFromFileName(
          file,
          spec.nodes.map((n) => n.host),
        )
      : undefined);
  const report: LogReport = {
    source: display,
    kind,
    ...(host ? { host } : {}),
    lines: 0,
    events: 0,
    rejected: 0,
    examples: [],
  };
  const push = (e: LogEvent | null) => {
    if (!e) return;
    if (e.time !== null && Number.isNaN(e.time)) return;
    out.events.push(e);
    report.events++;
  };
  const reject = (location: string, reason: string) => {
    report.rejected++;
    if (report.examples.length < MAX_EXAMPLES) report.examples.push({ location, reason });
  };
  // A line over the limit is corruption: rejected with its number, the rest of the log still read.
  // (forEachLine still passes it on blanked, so it is counted in `lines` there.)
  const overlong = (n: number, bytes: number) => {
    reject(`${display}:${n}`, `line is ${bytes} bytes long, over the ${MAX_LINE_BYTES}-byte limit`);
  };
  if (kind === 'luanti') {
    // Validate the zone once, up front, so a typo names the manifest rather than a log line.
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: spec.timezone });
    } catch {
      throw new InputError(
        `key "timezone": unknown IANA zone ${JSON.stringify(spec.timezone)}`,
        spec.manifestPath,
      );
    }
    const mine: LogEvent[] = [];
    await forEachLine(
      file,
      (line, n) => {
        report.lines++;
        const e = parseLuantiLine(line, spec.timezone, `${display}:${n}`);
        if (e && !Number.isNaN(e.time)) mine.push(e);
      },
      overlong,
    );
    const { kept, dropped } = currentSession(mine, spec.end);
    for (const e of kept) push(e);
    if (dropped > 0) report.earlierSessions = dropped;
  } else if (kind === 'bots') {
    const parse = createBotLineParser(host);
    await forEachLine(
      file,
      (line, n) => {
        report.lines++;
        push(parse(line, `${display}:${n}`));
      },
      overlong,
    );
  } else if (kind === 'telegraf') {
    await forEachLine(
      file,
      (line, n) => {
        report.lines++;
        push(parseTelegrafLine(line, host, `${display}:${n}`));
      },
      overlong,
    );
  } else {
    let cols: ReturnType<typeof tickColumns> = null;
    const ticks: TickSample[] = [];
    await forEachLine(
      file,
      (line, n) => {
        report.lines++;
        if (n === 1) {
          cols = tickColumns(line);
          if (!cols)
            reject(
              `${display}:1`,
              'header names no step_ms/tick_duration_ms and uptime_s/timestamp_s columns',
            );
          return;
        }
        if (!cols || line.trim() === '') return;
        const r = parseTickRow(line, cols);
        if (typeof r === 'string') reject(`${display}:${n}`, r);
        else ticks.push(r);
      },
      overlong,
    );
    out.ticks.push(...ticks);
    report.events = ticks.length;
  }
  out.logs.push(report);
}

/**
 * Reads the run's logs; an empty Evidence when the manifest lists none.
 *
 * @example
 * ```ts
 * import { loadRun, readLogs } from 'bench-report';
 * const evidence = await readLogs(await loadRun('logs-18-of-20', 'fixtures/runs'));
 * console.log(evidence.logs.map((l) => `${l.kind}: ${l.events} events`), evidence.ticks.length);
 * ```
 */
export async function readLogs(spec: RunSpec): Promise<Evidence> {
  const out: Evidence = { events: [], ticks: [], logs: [] };
  for (const log of spec.logs ?? []) {
    const isGlob = /[*?[\]{}]/.test(log.path);
    const files = isGlob
      ? (await glob(log.path, { cwd: spec.dir, onlyFiles: true, expandDirectories: false }))
          .sort()
          .map((f) => path.join(spec.dir, f))
      : [path.resolve(spec.dir, log.path)];
    if (files.length === 0) {
      out.unmatched = [...(out.unmatched ?? []), log.path];
      continue;
    }
    for (const file of files) {
      const display = path.join(path.dirname(spec.manifestPath), path.relative(spec.dir, file) || file);
      await readOne(spec, file, display, log, out);
    }
  }
  // Stable order: timed events by time then location; untimed (bot) events after, by location.
  out.events.sort((a, b) => {
    if (a.time !== null && b.time !== null && a.time !== b.time) return a.time - b.time;
    if ((a.time === null) !== (b.time === null)) return a.time === null ? 1 : -1;
    return 0;
  });
  return out;
}

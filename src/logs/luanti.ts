// Luanti/Minetest server log (debug.txt or stderr): `YYYY-MM-DD HH:MM:SS: LEVEL[Thread]: text`.
// Reads joins, leaves and time-outs (with the player list Luanti prints), the Yardstick mod's
// `[YARDSTICK] Player joined/left: NAME (total: N)`, ServerError/ModError and fatal lines,
// shutdown and `Maximum lag peaked` lines. Separators, continuation and client lines are skipped.
import type { LogEvent } from '../model/events.js';
import { localToEpoch } from './local-time.js';

/** Timestamp, optional level, thread, message; an optional `name | ` prefix (docker compose) first. */
const LINE_RE =
  /^(?:[\w.-]+\s+\|\s)?(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}): (ERROR|WARNING|ACTION|INFO|VERBOSE|TRACE)?\[([^\]]*)\]: (.*)$/;

/** True when a line looks like a Luanti log line (for kind detection). */
export function isLuantiLine(line: string): boolean {
  return LINE_RE.test(line);
}

const listCount = (list: string): number => new Set(list.trim().split(/\s+/).filter(Boolean)).size;

type Rule = [
  RegExp,
  (r: RegExpExecArray, level: string | undefined) => [LogEvent['kind'], Partial<LogEvent>?],
];

/** What each message means, first match wins. */
const RULES: Rule[] = [
  [
    /^(\S+) \[[^\]]*\] joins game\. List of players:(.*)$/,
    (r) => ['join', { player: r[1]!, online: listCount(r[2]!) }],
  ],
  [
    /^(\S+) (leaves game|times out)\. List of players:(.*)$/,
    (r) => [r[2] === 'times out' ? 'timeout' : 'leave', { player: r[1]!, online: listCount(r[3]!) }],
  ],
  [
    /\[YARDSTICK\] Player joined: (\S+) \(total: (\d+)\)/i,
    (r) => ['join', { player: r[1]!, online: Number(r[2]) }],
  ],
  [
    /\[YARDSTICK\] Player left: (\S+) \(total: (\d+)\)/i,
    (r) => ['leave', { player: r[1]!, online: Number(r[2]) }],
  ],
  [/^Server: Shutting down/, () => ['shutdown']],
  [/Maximum lag peaked (?:at|to) ([\d.]+)/, (r) => ['lag', { value: Number(r[1]) }]],
  [/^Server for gameid=".*" listening on /, () => ['server-start']],
];

const FATAL_RE = /^(ServerError|ModError): |A fatal error occurred|An engine assumption .* failed/;

/**
 * Parses one line into an event, or null when the line says nothing the report uses.
 * `zone` is the IANA zone of the log's local times.
 */
export function parseLuantiLine(line: string, zone: string, location: string): LogEvent | null {
  const m = LINE_RE.exec(line);
  if (!m) return null;
  const [, stamp, level, , text] = m as unknown as [string, string, string | undefined, string, string];
  const time = localToEpoch(stamp, zone);
  const ev = (kind: LogEvent['kind'], extra: Partial<LogEvent> = {}): LogEvent => ({
    kind,
    time,
    location,
    text,
    ...extra,
  });
  if (level === 'ERROR' && FATAL_RE.test(text)) return ev('server-error');
  for (const [re, make] of RULES) {
    const r = re.exec(text);
    if (r) return ev(...make(r, level));
  }
  return null;
}

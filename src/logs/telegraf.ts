// Telegraf's own log: `<RFC 3339 UTC time> <L>! [<plugin>] <message>`. Errors (E!) and warnings
// (W!) become events, so a report can say why a node's metrics are missing.
import type { LogEvent } from '../model/events.js';

const LINE_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})) ([EWIDT])! (.*)$/;

/** True when a line looks like a Telegraf log line (for kind detection). */
export function isTelegrafLine(line: string): boolean {
  return LINE_RE.test(line);
}

export function parseTelegrafLine(line: string, host: string | undefined, location: string): LogEvent | null {
  const m = LINE_RE.exec(line);
  if (!m) return null;
  const level = m[2]!;
  if (level !== 'E' && level !== 'W') return null;
  return {
    kind: level === 'E' ? 'telegraf-error' : 'telegraf-warning',
    time: Date.parse(m[1]!),
    ...(host ? { host } : {}),
    location,
    text: m[3]!.trim(),
  };
}

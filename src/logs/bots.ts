// Rust bot logs (texmodbot walkbot / multi_walkbot / blockbot): stderr lines without timestamps.
// A bot is "up" when it printed `Bot is ready and authenticated!`; failures, kicks and quits
// are events too. multi_walkbot prefixes lines with `[name] `; walkbot names itself once in its
// `Connecting to … as user 'name'` line, so later unprefixed lines belong to that name.
import type { LogEvent } from '../model/events.js';

const PREFIX_RE = /^\[([^\]\s]+)\] (.*)$/;

/** True when a line looks like a texmodbot line (for kind detection). */
export function isBotLine(line: string): boolean {
  return /Bot is ready and authenticated!|^Connecting to \S+ as user '|Failed to connect: |Quitting after time limit/.test(
    line,
  );
}

/** Stateful per file: remembers the user named by the last `Connecting to` line. */
export function createBotLineParser(host: string | undefined) {
  let currentUser: string | undefined;
  return (line: string, location: string): LogEvent | null => {
    let text = line.trim();
    let player: string | undefined;
    const p = PREFIX_RE.exec(text);
    if (p) {
      player = p[1]!;
      text = p[2]!;
    }
    const c = /^Connecting to \S+ as user '([^']+)'/.exec(text);
    if (c) {
      currentUser = c[1]!;
      return null;
    }
    player ??= currentUser;
    const ev = (kind: LogEvent['kind']): LogEvent => ({
      kind,
      time: null,
      ...(host ? { host } : {}),
      ...(player ? { player } : {}),
      location,
      text: line.trim(),
    });
    if (/^Bot is ready and authenticated!/.test(text)) return ev('bot-ready');
    if (/^Failed to connect\b/.test(text)) return ev('bot-failed');
    if (/^Kicked: /.test(text)) return ev('bot-kicked');
    if (/^Quitting after time limit/.test(text)) return ev('bot-quit');
    return null;
  };
}

// Log timestamps without a zone (Luanti writes local time): converted to epoch ms in the run's
// IANA zone, DST included, with Intl only (no zone database of our own).

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetMs(zone: string, epoch: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(epoch)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(+p.year!, +p.month! - 1, +p.day!, +p.hour!, +p.minute!, +p.second!);
  return asUtc - Math.floor(epoch / 1000) * 1000;
}

/** `YYYY-MM-DD HH:MM:SS` in `zone` → epoch ms; NaN when malformed. Throws RangeError on an unknown zone. */
export function localToEpoch(text: string, zone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!m) return Number.NaN;
  const wall = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  if (zone === 'UTC') return wall;
  let t = wall - offsetMs(zone, wall);
  t = wall - offsetMs(zone, t); // second pass settles DST edges
  return t;
}

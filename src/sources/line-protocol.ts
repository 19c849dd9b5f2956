// InfluxDB line protocol: a hand-written scanner for the full grammar (escapes, i/u integers,
// booleans, strings, comments, CRLF, optional timestamps at s/ms/us/ns precision).
import type { FieldValue, Point } from '../model/types.js';

/** Timestamp unit of line-protocol files. */
export type Precision = 'ns' | 'us' | 'ms' | 's';

/** Divisor from a timestamp in `precision` units to milliseconds. */
const TO_MS: Record<Precision, number> = { ns: 1e6, us: 1e3, ms: 1, s: 1e-3 };

export type ParseResult = { ok: true; point: Point } | { ok: false; reason: string } | { ok: 'skip' };

const BACKSLASH = 92;
const SPACE = 32;
const COMMA = 44;
const EQUALS = 61;
const QUOTE = 34;

/** Reads a key or name up to an unescaped stop character; `\x` for x in `escapable` becomes x. */
function readToken(
  line: string,
  from: number,
  stops: string,
  escapable: string,
): { text: string; end: number } {
  let out = '';
  let i = from;
  let chunkStart = from;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length && (escapable.includes(line[i + 1]!) || line[i + 1] === '\\')) {
      out += line.slice(chunkStart, i) + line[i + 1];
      i += 2;
      chunkStart = i;
      continue;
    }
    if (stops.includes(c)) break;
    i++;
  }
  out += line.slice(chunkStart, i);
  return { text: out, end: i };
}

const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INT_RE = /^[+-]?\d+i$/;
const UINT_RE = /^\d+u$/;
const TS_RE = /^-?\d+$/;
const TRUE = new Set(['t', 'T', 'true', 'True', 'TRUE']);
const FALSE = new Set(['f', 'F', 'false', 'False', 'FALSE']);

/**
 * An integer timestamp as epoch milliseconds. Whole milliseconds and the sub-millisecond digits
 * are converted apart: `Number()` of a 19-digit ns timestamp would round it to 128-256 ns and can
 * turn a whole millisecond into 885036015992.99994.
 */
export function timestampToMs(ts: string, precision: Precision): number {
  const k = precision === 'ns' ? 6 : precision === 'us' ? 3 : 0;
  if (k === 0) return Number(ts) / TO_MS[precision];
  const neg = ts.startsWith('-');
  const digits = neg ? ts.slice(1) : ts;
  const ms = (digits.length > k ? Number(digits.slice(0, -k)) : 0) + Number(digits.slice(-k)) / 10 ** k;
  return neg ? -ms : ms;
}

function parseScalar(raw: string): FieldValue | null {
  if (FLOAT_RE.test(raw)) {
    const v = Number(raw);
    return Number.isFinite(v) ? v : null;
  }
  if (INT_RE.test(raw) || UINT_RE.test(raw)) return Number(raw.slice(0, -1));
  if (TRUE.has(raw)) return true;
  if (FALSE.has(raw)) return false;
  return null;
}

/**
 * Parses one line. Blank lines and comments give `{ok: 'skip'}`; a malformed line gives a reason.
 * A point without a timestamp gets `NaN` time (the caller decides; files need timestamps).
 *
 * @example
 * ```ts
 * import { parseLine } from 'bench-report';
 * console.log(parseLine('cpu,cpu=cpu-total,host=srv usage_idle=93.5 1750000000000000000'));
 * console.log(parseLine('cpu usage_idle='));
 * ```
 */
export function parseLine(line: string, precision: Precision = 'ns'): ParseResult {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === SPACE || line[i] === '\t')) i++;
  if (i === line.length || line[i] === '#') return { ok: 'skip' };

  const m = readToken(line, i, ', ', ', ');
  if (m.text.length === 0) return { ok: false, reason: 'missing measurement name' };
  i = m.end;
  // Null-prototype maps: a key named "__proto__" is data like any other, not the prototype.
  const tags: Record<string, string> = Object.create(null);
  while (line.charCodeAt(i) === COMMA) {
    const k = readToken(line, i + 1, ',= ', ',= ');
    if (line.charCodeAt(k.end) !== EQUALS) return { ok: false, reason: `tag "${k.text}" has no "=value"` };
    if (k.text.length === 0) return { ok: false, reason: 'empty tag key' };
    const v = readToken(line, k.end + 1, ',= ', ',= ');
    if (line.charCodeAt(v.end) === EQUALS)
      return { ok: false, reason: `unescaped "=" in tag value of "${k.text}"` };
    if (v.text.length === 0) return { ok: false, reason: `tag "${k.text}" has an empty value` };
    tags[k.text] = v.text;
    i = v.end;
  }
  if (line.charCodeAt(i) !== SPACE)
    return { ok: false, reason: 'missing fields (expected a space after measurement and tags)' };
  i++;

  const fields: Record<string, FieldValue> = Object.create(null);
  let nFields = 0;
  for (;;) {
    const k = readToken(line, i, ',= ', ',= ');
    if (line.charCodeAt(k.end) !== EQUALS) {
      return {
        ok: false,
        reason: k.text.length === 0 ? 'missing field set' : `field "${k.text}" has no "=value"`,
      };
    }
    if (k.text.length === 0) return { ok: false, reason: 'empty field key' };
    i = k.end + 1;
    let value: FieldValue;
    if (line.charCodeAt(i) === QUOTE) {
      let s = '';
      let j = i + 1;
      let closed = false;
      let chunkStart = j;
      while (j < line.length) {
        const c = line.charCodeAt(j);
        if (c === BACKSLASH && (line[j + 1] === '"' || line[j + 1] === '\\')) {
          s += line.slice(chunkStart, j) + line[j + 1];
          j += 2;
          chunkStart = j;
          continue;
        }
        if (c === QUOTE) {
          closed = true;
          break;
        }
        j++;
      }
      if (!closed) return { ok: false, reason: `unterminated string value of field "${k.text}"` };
      s += line.slice(chunkStart, j);
      value = s;
      i = j + 1;
    } else {
      let j = i;
      while (j < line.length && line.charCodeAt(j) !== COMMA && line.charCodeAt(j) !== SPACE) j++;
      const raw = line.slice(i, j);
      const v = parseScalar(raw);
      if (v === null) {
        return {
          ok: false,
          reason:
            raw.length === 0
              ? `field "${k.text}" has no value`
              : `field "${k.text}" value "${raw.slice(0, 40)}" is not a number, boolean or string`,
        };
      }
      value = v;
      i = j;
    }
    fields[k.text] = value;
    nFields++;
    if (line.charCodeAt(i) === COMMA) {
      i++;
      continue;
    }
    break;
  }
  if (nFields === 0) return { ok: false, reason: 'missing field set' };

  let time = Number.NaN;
  while (line.charCodeAt(i) === SPACE) i++;
  if (i < line.length) {
    let j = i;
    while (j < line.length && line.charCodeAt(j) !== SPACE && line[j] !== '\t') j++;
    const ts = line.slice(i, j);
    if (!TS_RE.test(ts)) return { ok: false, reason: `timestamp "${ts.slice(0, 40)}" is not an integer` };
    time = timestampToMs(ts, precision);
    let rest = j;
    while (rest < line.length && (line.charCodeAt(rest) === SPACE || line[rest] === '\t')) rest++;
    if (rest < line.length)
      return { ok: false, reason: `unexpected text after timestamp: "${line.slice(rest, rest + 40)}"` };
  }
  return { ok: true, point: { measurement: m.text, tags, fields, time } };
}

function escapeKey(s: string, extra: string): string {
  let out = '';
  for (const c of s) out += c === '\\' || c === ',' || c === ' ' || extra.includes(c) ? `\\${c}` : c;
  return out;
}

/**
 * Serialises a point as one line of line protocol (ns timestamps). Inverse of parseLine.
 *
 * @example
 * ```ts
 * import { formatLine, parseLine } from 'bench-report';
 * const r = parseLine('mem,host=srv used_percent=41.5 1750000000000000000');
 * if (r.ok === true) console.log(formatLine(r.point));
 * ```
 */
export function formatLine(p: Point): string {
  let out = escapeKey(p.measurement, '');
  for (const k of Object.keys(p.tags).sort()) out += `,${escapeKey(k, '=')}=${escapeKey(p.tags[k]!, '=')}`;
  const fields = Object.entries(p.fields).map(([k, v]) => {
    const key = escapeKey(k, '=');
    if (typeof v === 'string') return `${key}="${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    if (typeof v === 'boolean') return `${key}=${v}`;
    return `${key}=${v}`;
  });
  out += ` ${fields.join(',')}`;
  if (Number.isFinite(p.time)) {
    // In integer arithmetic: time × 1e6 as a double is not exact beyond 2^53 (any date after 1970-04).
    const whole = Math.floor(p.time);
    out += ` ${(BigInt(whole) * 1_000_000n + BigInt(Math.round((p.time - whole) * 1e6))).toString()}`;
  }
  return out;
}

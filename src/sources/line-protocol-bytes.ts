// scanLine (line-protocol-fast.ts) over bytes: for lines of a chunk that is pure ASCII, scanned
// in the read buffer itself, so nothing is decoded and only what a point keeps is turned into
// strings. Exactly scanLine's answers on the same line (a differential property test pins it):
// where scanLine would defer to parseLine, so does this.
import type { FieldValue, Point } from '../model/types.js';
import { KeyMap } from './key-map.js';
import { MAX_CACHED_KEYS, NO_FIELDS, parseSeriesKey, type SeriesKey } from './line-protocol-fast.js';
import { type Precision, timestampToMs } from './line-protocol.js';

const SPACE = 32;
const TAB = 9;
const COMMA = 44;
const EQUALS = 61;
const QUOTE = 34;
const HASH = 35;
const BACKSLASH = 92;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const D0 = 48;
const D9 = 57;
const LOWER_I = 105;
const LOWER_U = 117;

/** A cached series key: its bytes (to confirm a hash match) and what it parsed to. */
interface Entry {
  bytes: Buffer;
  key: SeriesKey | null;
}
const ALL_FIELDS: object = {};
// By field selection, then by FNV-1a hash of the key's bytes.
const caches = new WeakMap<object, { size: number; byHash: Map<number, Entry[]> }>();

function seriesKey(
  buf: Buffer,
  from: number,
  to: number,
  wanted: ReadonlyMap<string, ReadonlySet<string>> | undefined,
): SeriesKey | null {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  const owner = wanted ?? ALL_FIELDS;
  let cache = caches.get(owner);
  if (cache === undefined) {
    cache = { size: 0, byHash: new Map() };
    caches.set(owner, cache);
  }
  const list = cache.byHash.get(h);
  const n = to - from;
  if (list !== undefined)
    outer: for (const e of list) {
      const b = e.bytes;
      if (b.length !== n) continue;
      for (let k = 0; k < n; k++) if (b[k] !== buf[from + k]) continue outer;
      return e.key;
    }
  const text = buf.toString('latin1', from, to);
  const key = parseSeriesKey(text, 0, n, wanted);
  if (cache.size >= MAX_CACHED_KEYS) {
    cache.byHash.clear();
    cache.size = 0;
  }
  const entry = { bytes: Buffer.from(buf.subarray(from, to)), key };
  const again = cache.byHash.get(h);
  if (again) again.push(entry);
  else cache.byHash.set(h, [entry]);
  cache.size++;
  return key;
}

// Where the next backslash of the current buffer is, remembered so a buffer of many lines is
// searched once rather than once per line.
let bsBuf: Buffer | null = null;
let bsAt = -1;
function nextBackslash(buf: Buffer, from: number): number {
  if (buf !== bsBuf || bsAt < from) {
    bsBuf = buf;
    const at = buf.indexOf(BACKSLASH, from);
    bsAt = at === -1 ? Number.POSITIVE_INFINITY : at;
  }
  return bsAt;
}

/** The one of `names` that `buf[from, to)` spells (ASCII), or undefined: no string is made. */
function nameAt(buf: Buffer, from: number, to: number, names: string[]): string | undefined {
  const n = to - from;
  outer: for (let j = 0; j < names.length; j++) {
    const name = names[j]!;
    if (name.length !== n) continue;
    for (let k = 0; k < n; k++) if (name.charCodeAt(k) !== buf[from + k]) continue outer;
    return name;
  }
  return undefined;
}

/** Powers of ten that doubles hold exactly (10^22 is the last). */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16];

/**
 * Number() of the scanned decimal `buf[from, to)` (sign, digits, at most one dot), without
 * making a string. Up to 15 digits the digits are an exact integer m and 10^k is exact, so the one
 * rounding of m / 10^k is the correctly rounded value, which is what Number() returns (Clinger's
 * fast path); longer numbers go through Number().
 */
export function decimalAt(buf: Buffer, from: number, to: number): number {
  let k = from;
  const sign = buf[k];
  if (sign === MINUS || sign === PLUS) k++;
  if (to - k > 16) return Number(buf.toString('latin1', from, to));
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; k < to; k++) {
    const c = buf[k]!;
    if (c === DOT) frac = 0;
    else {
      m = m * 10 + (c - D0);
      digits++;
      if (frac >= 0) frac++;
    }
  }
  if (digits > 15) return Number(buf.toString('latin1', from, to));
  const v = frac > 0 ? m / POW10[frac]! : m;
  return sign === MINUS ? -v : v;
}

/**
 * scanLine() of the ASCII line `buf[from, to)` (no line ending): the point, or null when
 * parseLine must decide.
 */
export function scanLineBytes(
  buf: Buffer,
  from: number,
  to: number,
  precision: Precision,
  wanted?: ReadonlyMap<string, ReadonlySet<string>>,
): Point | null {
  if (from === to) return null;
  let c = buf[from]!;
  if (c === SPACE || c === TAB || c === HASH) return null;
  if (nextBackslash(buf, from) < to) return null;

  let i = buf.indexOf(SPACE, from);
  if (i === -1 || i >= to) return null;
  const key = seriesKey(buf, from, i, wanted);
  if (key === null) return null;
  i++;

  const keep = key.keep;
  const fields: Record<string, FieldValue> = keep === null ? NO_FIELDS : new KeyMap();
  for (;;) {
    const k0 = i;
    c = 0;
    while (i < to) {
      c = buf[i]!;
      if (c === EQUALS || c === COMMA || c === SPACE) break;
      i++;
    }
    if (i === k0 || i === to || c !== EQUALS) return null;
    const k1 = i++;
    if (i === to) return null;
    const v0 = i;
    c = buf[i]!;
    if (c === QUOTE) {
      const close = buf.indexOf(QUOTE, v0 + 1);
      if (close === -1 || close >= to) return null;
      i = close + 1;
      c = i < to ? buf[i]! : SPACE;
      if (c !== COMMA && c !== SPACE) return null;
      if (keep !== null) {
        const name = keep === undefined ? buf.toString('latin1', k0, k1) : nameAt(buf, k0, k1, keep);
        if (name !== undefined) fields[name] = buf.toString('latin1', v0 + 1, close);
      }
    } else {
      const signed = c === MINUS || c === PLUS;
      if (signed) c = ++i < to ? buf[i]! : SPACE;
      let digits = 0;
      while (c >= D0 && c <= D9) {
        digits++;
        c = ++i < to ? buf[i]! : SPACE;
      }
      let int = false;
      if (c === DOT) {
        c = ++i < to ? buf[i]! : SPACE;
        while (c >= D0 && c <= D9) {
          digits++;
          c = ++i < to ? buf[i]! : SPACE;
        }
      } else if (digits > 0 && (c === LOWER_I || (c === LOWER_U && !signed))) {
        int = true;
        c = ++i < to ? buf[i]! : SPACE;
      }
      if (digits === 0 || (c !== COMMA && c !== SPACE) || i - v0 > 300) return null;
      if (keep !== null) {
        const name = keep === undefined ? buf.toString('latin1', k0, k1) : nameAt(buf, k0, k1, keep);
        if (name !== undefined) fields[name] = decimalAt(buf, v0, int ? i - 1 : i);
      }
    }
    if (i < to && c === COMMA) {
      i++;
      continue;
    }
    break;
  }

  while (i < to && buf[i] === SPACE) i++;
  if (i === to) return null;
  const t0 = i;
  if (buf[i] === MINUS) i++;
  const d0 = i;
  while (i < to && buf[i]! >= D0 && buf[i]! <= D9) i++;
  if (i === d0) return null;
  const t1 = i;
  while (i < to && (buf[i] === SPACE || buf[i] === TAB)) i++;
  if (i !== to) return null;
  let time: number;
  const split = t1 - 6;
  if (precision !== 'ns' || split - d0 > 15) time = timestampToMs(buf.toString('latin1', t0, t1), precision);
  else {
    // As timestampToMs: whole milliseconds and sub-millisecond digits apart (see line-protocol-fast.ts).
    let ms = 0;
    let k = d0;
    for (; k < split; k++) ms = ms * 10 + (buf[k]! - D0);
    let sub = 0;
    for (; k < t1; k++) sub = sub * 10 + (buf[k]! - D0);
    time = ms + sub / 10 ** 6;
    if (d0 > t0) time = -time;
  }
  return { measurement: key.measurement, tags: key.tags, fields, time };
}

// scanLine (line-protocol-fast.ts) over bytes: for lines of a chunk that is pure ASCII, scanned
// in the read buffer itself, so nothing is decoded and only what a point keeps is turned into
// strings. Exactly scanLine's answers on the same line (a differential property test pins it):
// where scanLine would defer to parseLine, so does this.
import type { FieldValue, Point } from '../model/types.js';
import { KeyMap } from './key-map.js';
import {
  MAX_CACHED_KEYS,
  NO_FIELDS,
  parseSeriesKey,
  type SeriesKey,
  selectionKey,
  type Wanted,
  type WantedWhere,
} from './line-protocol-fast.js';
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
const LF = 10;
const CR = 13;

/** A cached series key: its bytes (to confirm a hash match) and what it parsed to. */
interface Entry {
  bytes: Buffer;
  key: SeriesKey | null;
  /** The key of the line that followed this one last time (files repeat their series order). */
  next: Entry | null;
}
// By field selection (selectionKey), then by FNV-1a hash of the key's bytes.
const caches = new WeakMap<object, { size: number; byHash: Map<number, Entry[]> }>();
// The previous line's entry and its field selection: its `next` is this line's likely key.
let lastEntry: Entry | null = null;
let lastWanted: Wanted | null = null;
let lastWhere: WantedWhere | null = null;

/** True when the line at `from` (ending at `to`) starts with e's key followed by a space. */
function startsWithKey(e: Entry, buf: Buffer, from: number, to: number): boolean {
  const b = e.bytes;
  const n = b.length;
  if (from + n >= to || buf[from + n] !== SPACE) return false;
  for (let k = 0; k < n; k++) if (b[k] !== buf[from + k]) return false;
  return true;
}

/**
 * The cached entry of the series key that starts the line `buf[from, to)` (the bytes before the
 * first space), parsing and caching it when new; null when the line has no space. The key that
 * followed the previous line's key last time is tried first: one pass over the bytes, no hash.
 */
function seriesKey(buf: Buffer, from: number, to: number, wanted: Wanted, where: WantedWhere): Entry | null {
  const prev = lastWanted === wanted && lastWhere === where ? lastEntry : null;
  if (prev !== null) {
    const guess = prev.next;
    if (guess !== null && startsWithKey(guess, buf, from, to)) {
      lastEntry = guess;
      return guess;
    }
  }
  const space = buf.indexOf(SPACE, from);
  if (space === -1 || space >= to) return null;
  let h = 0x811c9dc5;
  for (let i = from; i < space; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  const owner = selectionKey(wanted, where);
  let cache = caches.get(owner);
  if (cache === undefined) {
    cache = { size: 0, byHash: new Map() };
    caches.set(owner, cache);
  }
  const list = cache.byHash.get(h);
  const n = space - from;
  let found: Entry | null = null;
  if (list !== undefined)
    outer: for (const e of list) {
      const b = e.bytes;
      if (b.length !== n) continue;
      for (let k = 0; k < n; k++) if (b[k] !== buf[from + k]) continue outer;
      found = e;
      break;
    }
  if (found === null) {
    const key = parseSeriesKey(buf.toString('latin1', from, space), 0, n, wanted, where);
    if (cache.size >= MAX_CACHED_KEYS) {
      cache.byHash.clear();
      cache.size = 0;
    }
    found = { bytes: Buffer.from(buf.subarray(from, space)), key, next: null };
    const again = cache.byHash.get(h);
    if (again) again.push(found);
    else cache.byHash.set(h, [found]);
    cache.size++;
  }
  if (prev !== null) prev.next = found;
  lastEntry = found;
  lastWanted = wanted;
  lastWhere = where;
  return found;
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

// Wanted field names grouped by length (index: length; null: none that long), so a field
// name is compared with the few of its own length.
const byLength = new WeakMap<string[], (string[] | null)[]>();
function lengthTable(names: string[]): (string[] | null)[] {
  let table = byLength.get(names);
  if (table === undefined) {
    const t: (string[] | null)[] = [];
    for (const name of names) {
      const same = t[name.length] ?? [];
      same.push(name);
      t[name.length] = same;
    }
    for (let n = 0; n < t.length; n++) t[n] ??= null;
    byLength.set(names, t);
    table = t;
  }
  return table;
}

/** The wanted name that `buf[from, to)` spells (ASCII), or undefined: no string is made. */
function nameAt(buf: Buffer, from: number, to: number, table: (string[] | null)[]): string | undefined {
  const n = to - from;
  if (n >= table.length) return undefined;
  const names = table[n]!;
  if (names === null) return undefined;
  // From the end: wanted names often share a prefix (usage_idle, usage_user).
  outer: for (let j = 0; j < names.length; j++) {
    const name = names[j]!;
    for (let k = n - 1; k >= 0; k--) if (name.charCodeAt(k) !== buf[from + k]) continue outer;
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

// Stops a field-name scan: '=', ',', ' ' and the line ending that follows every scanned line (a CR
// before `to` is scanned past).
const NAME_STOP = new Uint8Array(256);
for (const c of [EQUALS, COMMA, SPACE, LF, CR]) NAME_STOP[c] = 1;

// Lines that are not followed by a line ending are scanned from a copy that is.
let scratch = Buffer.alloc(1024);

/**
 * scanLine() of the ASCII line `buf[from, to)` (no line ending): the point, or null when
 * parseLine must decide.
 */
export function scanLineBytes(
  buf: Buffer,
  from: number,
  to: number,
  precision: Precision,
  wanted?: Wanted,
  where?: WantedWhere,
): Point | null {
  const end = buf[to];
  if (end === LF || end === CR) return scanEndedLine(buf, from, to, precision, wanted, where);
  // Read chunks always have the line ending there; other callers' lines get a copy that has one.
  const n = to - from;
  if (scratch.length <= n) scratch = Buffer.alloc(2 * n + 1);
  buf.copy(scratch, 0, from, to);
  scratch[n] = LF;
  try {
    return scanEndedLine(scratch, 0, n, precision, wanted, where);
  } finally {
    bsBuf = null; // the scratch buffer's next backslash is not the next line's
  }
}

/**
 * scanLineBytes() of a line followed by LF or CR (`buf[to]`): that byte stops every scan loop
 * within the line, so the loops test one byte, not the position too.
 */
function scanEndedLine(
  buf: Buffer,
  from: number,
  to: number,
  precision: Precision,
  wanted: Wanted,
  where: WantedWhere,
): Point | null {
  if (from === to) return null;
  let c = buf[from]!;
  if (c === SPACE || c === TAB || c === HASH) return null;
  if (nextBackslash(buf, from) < to) return null;

  const entry = seriesKey(buf, from, to, wanted, where);
  if (entry === null || entry.key === null) return null;
  const key = entry.key;
  let i = from + entry.bytes.length + 1;

  const keep = key.keep;
  const table = keep ? lengthTable(keep) : null;
  const fields: Record<string, FieldValue> = keep === null ? NO_FIELDS : new KeyMap();
  for (;;) {
    const k0 = i;
    c = buf[i]!;
    for (;;) {
      while (NAME_STOP[c] === 0) c = buf[++i]!;
      if (c !== CR || i === to) break;
      c = buf[++i]!; // a CR inside the line is part of the name, as scanLine reads it
    }
    if (i === k0 || c !== EQUALS) return null; // the line ending at `to` is no '='
    const k1 = i;
    const v0 = ++i;
    c = buf[i]!;
    if (c === QUOTE) {
      const close = buf.indexOf(QUOTE, v0 + 1);
      if (close === -1 || close >= to) return null;
      i = close + 1;
      c = buf[i]!;
      if (c !== COMMA && c !== SPACE && i !== to) return null;
      if (keep !== null) {
        const name = keep === undefined ? buf.toString('latin1', k0, k1) : nameAt(buf, k0, k1, table!);
        if (name !== undefined) fields[name] = buf.toString('latin1', v0 + 1, close);
      }
    } else {
      const signed = c === MINUS || c === PLUS;
      if (signed) c = buf[++i]!;
      const m0 = i;
      while (c <= D9 && c >= D0) c = buf[++i]!;
      let digits = i - m0;
      let int = false;
      if (c === DOT) {
        const f0 = ++i;
        c = buf[i]!;
        while (c <= D9 && c >= D0) c = buf[++i]!;
        digits += i - f0;
      } else if (digits > 0 && (c === LOWER_I || (c === LOWER_U && !signed))) {
        int = true;
        c = buf[++i]!;
      }
      if (digits === 0 || i - v0 > 300) return null;
      if (c !== COMMA && c !== SPACE && i !== to) return null;
      if (keep !== null) {
        const name = keep === undefined ? buf.toString('latin1', k0, k1) : nameAt(buf, k0, k1, table!);
        if (name !== undefined) fields[name] = decimalAt(buf, v0, int ? i - 1 : i);
      }
    }
    if (c === COMMA && i < to) {
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

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
  /** The key's bytes and the space after it, as words (see Words). */
  words: Words;
  key: SeriesKey | null;
  /** The key of the line that followed this one last time (files repeat their series order). */
  next: Entry | null;
  /** The field names of the first line of the series that scanned whole (lines of a series repeat them). */
  layout: Layout | null;
}

/**
 * Bytes to compare four at a time: little-endian 32-bit words, the last one zero-padded, and
 * how many bytes there are. A line's bytes equal them when every word read at the line's offset
 * does, the last masked to its bytes.
 */
interface Words {
  length: number;
  words: Int32Array;
}

/** `name=` of every field of a line, in order, and the name each keeps (undefined: dropped). */
interface Layout {
  fields: Words[];
  names: (string | undefined)[];
}

/** Masks of the bytes a word's first 0-3 bytes cover (0: all four). */
const TAIL_MASK = [-1, 0xff, 0xffff, 0xffffff];

function toWords(bytes: Uint8Array): Words {
  const words = new Int32Array((bytes.length + 3) >> 2);
  for (let k = 0; k < bytes.length; k++) words[k >> 2]! |= bytes[k]! << ((k & 3) << 3);
  return { length: bytes.length, words };
}

/**
 * True when `buf` (read through `view`) holds w's bytes at `at`. The caller makes sure that
 * whole words can be read there: at + 4 * w.words.length <= buf.length.
 */
function wordsAt(view: DataView<ArrayBufferLike>, at: number, w: Words): boolean {
  const words = w.words;
  const whole = w.length >> 2;
  let k = 0;
  for (; k < whole; k++, at += 4) if (view.getInt32(at, true) !== words[k]) return false;
  return k === words.length || (view.getInt32(at, true) & TAIL_MASK[w.length & 3]!) === words[k];
}

// A DataView of the buffer being scanned, made once per buffer.
let viewBuf: Buffer | null = null;
let view: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
function viewOf(buf: Buffer): DataView<ArrayBufferLike> {
  if (buf !== viewBuf) {
    viewBuf = buf;
    view = new DataView(buf.buffer, buf.byteOffset, buf.length);
  }
  return view;
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
  if (from + n >= to) return false;
  if (from + (e.words.words.length << 2) <= buf.length) return wordsAt(viewOf(buf), from, e.words);
  if (buf[from + n] !== SPACE) return false;
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
    found = {
      bytes: Buffer.from(buf.subarray(from, space)),
      words: toWords(buf.subarray(from, space + 1)),
      key,
      next: null,
      layout: null,
    };
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
// searched once rather than once per line. Scanning from where it did last time or further back
// means the buffer may have been refilled: searched again.
let bsBuf: Buffer | null = null;
let bsAt = -1;
let bsFrom = 0;
function nextBackslash(buf: Buffer, from: number): number {
  const again = from <= bsFrom;
  bsFrom = from;
  if (buf !== bsBuf || bsAt < from || again) {
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
  const view = viewOf(buf);
  const end = buf.length;
  // The series' field names, compared a word at a time; after the first field that differs
  // the line is scanned byte by byte. Without them, this line's name spans are noted (k0, k1
  // pairs) and become the series' names if the line scans whole.
  const layout = entry.layout;
  let known = layout === null ? 0 : layout.fields.length;
  const spans: number[] | null = layout === null ? [] : null;
  for (let f = 0; ; f++) {
    const k0 = i;
    let k1: number;
    let name: string | undefined;
    const w = f < known ? layout!.fields[f]! : null;
    if (w !== null && i + w.length <= to && i + (w.words.length << 2) <= end && wordsAt(view, i, w)) {
      // The same `name=` as the series' earlier line (within this line: its '=' is before `to`).
      i += w.length;
      k1 = i - 1;
      if (keep !== null) name = layout!.names[f];
    } else {
      known = 0;
      c = buf[i]!;
      for (;;) {
        while (NAME_STOP[c] === 0) c = buf[++i]!;
        if (c !== CR || i === to) break;
        c = buf[++i]!; // a CR inside the line is part of the name, as scanLine reads it
      }
      if (i === k0 || c !== EQUALS) return null; // the line ending at `to` is no '='
      k1 = i++;
      if (keep !== null)
        name = keep === undefined ? buf.toString('latin1', k0, k1) : nameAt(buf, k0, k1, table!);
      spans?.push(k0, k1);
    }
    const v0 = i;
    c = buf[i]!;
    if (c === QUOTE) {
      const close = buf.indexOf(QUOTE, v0 + 1);
      if (close === -1 || close >= to) return null;
      i = close + 1;
      c = buf[i]!;
      if (c !== COMMA && c !== SPACE && i !== to) return null;
      if (name !== undefined) fields[name] = buf.toString('latin1', v0 + 1, close);
    } else {
      const signed = c === MINUS || c === PLUS;
      if (signed) c = buf[++i]!;
      const m0 = i;
      i = digitsFrom(view, buf, i, end);
      c = buf[i]!;
      let digits = i - m0;
      let int = false;
      if (c === DOT) {
        const f0 = ++i;
        i = digitsFrom(view, buf, i, end);
        c = buf[i]!;
        digits += i - f0;
      } else if (digits > 0 && (c === LOWER_I || (c === LOWER_U && !signed))) {
        int = true;
        c = buf[++i]!;
      }
      if (digits === 0 || i - v0 > 300) return null;
      if (c !== COMMA && c !== SPACE && i !== to) return null;
      if (name !== undefined) fields[name] = decimalAt(buf, v0, int ? i - 1 : i);
    }
    if (c === COMMA && i < to) {
      i++;
      continue;
    }
    break;
  }

  while (i < to && buf[i] === SPACE) i++;
  if (i === to) return null;
  const time = timestampAt(buf, i, to, precision);
  if (time === undefined) return null;
  if (spans !== null) entry.layout = layoutOf(buf, spans, keep, table);
  return { measurement: key.measurement, tags: key.tags, fields, time };
}

/** The series' field names from a line's name spans (k0, k1 pairs), with the name each keeps. */
function layoutOf(
  buf: Buffer,
  spans: number[],
  keep: string[] | undefined | null,
  table: (string[] | null)[] | null,
): Layout {
  const layout: Layout = { fields: [], names: [] };
  for (let k = 0; k < spans.length; k += 2) {
    const k0 = spans[k]!;
    const k1 = spans[k + 1]!;
    layout.fields.push(toWords(buf.subarray(k0, k1 + 1)));
    layout.names.push(
      keep === null
        ? undefined
        : keep === undefined
          ? buf.toString('latin1', k0, k1)
          : nameAt(buf, k0, k1, table!),
    );
  }
  return layout;
}

/**
 * The end of the run of ASCII digits at `i` (the line ending stops it): four bytes at a time
 * while whole words can be read, then byte by byte.
 */
function digitsFrom(view: DataView<ArrayBufferLike>, buf: Buffer, i: number, end: number): number {
  // A word is four digits when every byte's high nibble is 3 and stays 3 with 6 added (0x3a-0x3f
  // carry into 4; a byte whose nibble is not 3 fails the first test, so its carry never matters).
  while (i + 4 <= end) {
    const x = view.getInt32(i, true);
    if (((x & 0xf0f0f0f0) ^ 0x30303030) | (((x + 0x06060606) & 0xf0f0f0f0) ^ 0x30303030)) break;
    i += 4;
  }
  let c = buf[i]!;
  while (c <= D9 && c >= D0) c = buf[++i]!;
  return i;
}

// The timestamp last read: lines of one tick share it. Its bytes (up to the line's end), the
// precision it was read with, and its time.
let lastStamp: Words = { length: -1, words: new Int32Array(8) };
let lastPrecision: Precision | null = null;
let lastTime = 0;

/**
 * The time of the timestamp `buf[t0, to)` (digits, then only spaces or tabs), or undefined
 * when it is none. The same bytes as the previous line's are not read again.
 */
function timestampAt(buf: Buffer, t0: number, to: number, precision: Precision): number | undefined {
  const n = to - t0;
  if (
    n === lastStamp.length &&
    precision === lastPrecision &&
    t0 + (lastStamp.words.length << 2) <= buf.length &&
    wordsAt(viewOf(buf), t0, lastStamp)
  )
    return lastTime;
  let i = t0;
  if (buf[i] === MINUS) i++;
  const d0 = i;
  while (i < to && buf[i]! >= D0 && buf[i]! <= D9) i++;
  if (i === d0) return undefined;
  const t1 = i;
  while (i < to && (buf[i] === SPACE || buf[i] === TAB)) i++;
  if (i !== to) return undefined;
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
  if (n <= 32) {
    lastStamp = toWords(buf.subarray(t0, to));
    lastPrecision = precision;
    lastTime = time;
  }
  return time;
}

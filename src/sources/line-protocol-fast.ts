// A fast path in front of parseLine for the common shape of line protocol (no backslash escapes,
// plain numeric fields): it scans a line in place without regexes or per-token objects. It never
// decides a rejection: anything outside its domain, malformed or unusual, is handed back
// ("fallback") so parseLine gives the exact result and reason; where it answers, the answer is
// exactly parseLine's (a differential property test pins that).
import type { FieldValue, Point } from '../model/types.js';
import { KeyMap } from './key-map.js';
import { type Precision, timestampToMs } from './line-protocol.js';

const SPACE = 32;
const TAB = 9;
const COMMA = 44;
const EQUALS = 61;
const QUOTE = 34;
const HASH = 35;
const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const D0 = 48;
const D9 = 57;
const LOWER_I = 105;
const LOWER_U = 117;

/** Value kinds the scanner recognises; anything else (booleans, exponents, odd text) falls back. */
const FLOAT = 1;
const INT = 2;

/** Fields of a point the caller said it does not need: shared, never written. */
export const NO_FIELDS: Record<string, FieldValue> = Object.freeze(new KeyMap());

/** Index of the first of `a`, `b`, `c` in `s[i, to)`, or `to`. */
function stop(s: string, i: number, to: number, a: number, b: number, c: number): number {
  for (; i < to; i++) {
    const ch = s.charCodeAt(i);
    if (ch === a || ch === b || ch === c) return i;
  }
  return to;
}

function isDigit(c: number): boolean {
  return c >= D0 && c <= D9;
}

function isBlank(c: number): boolean {
  return c === SPACE || c === TAB;
}

// Wanted field names as arrays, so keys are compared in place instead of sliced and hashed.
const nameLists = new WeakMap<ReadonlySet<string>, string[]>();
export function namesOf(set: ReadonlySet<string>): string[] {
  let list = nameLists.get(set);
  if (list === undefined) {
    list = [...set];
    nameLists.set(set, list);
  }
  return list;
}

/** True when `s[from, to)` equals one of `names`. */
function isOneOf(s: string, from: number, to: number, names: string[]): boolean {
  for (const name of names) if (name.length === to - from && s.startsWith(name, from)) return true;
  return false;
}

// Where the next backslash of the current block is, remembered so a block of many lines is
// searched once rather than once per line.
let bsText = '';
let bsAt = -1;
function nextBackslash(text: string, from: number): number {
  if (text !== bsText || bsAt < from) {
    bsText = text;
    const at = text.indexOf('\\', from);
    bsAt = at === -1 ? Number.POSITIVE_INFINITY : at;
  }
  return bsAt;
}

/** A parsed series key (measurement and tags) and which of its fields to keep. */
export interface SeriesKey {
  measurement: string;
  /** Frozen: shared by every point of the series. */
  tags: Record<string, string>;
  /** Field names to keep; undefined: all of them; null: none (the measurement is not wanted). */
  keep: string[] | undefined | null;
}

/** Series keys are few (hosts × measurements × tag sets); the cache is dropped when it grows past this. */
export const MAX_CACHED_KEYS = 4096;
const ALL_FIELDS: object = {};
const EVERY_SERIES: object = {};
/** Field selection (`fields`, `fieldsWhere` of ReadOptions) as two arguments. */
export type Wanted = ReadonlyMap<string, ReadonlySet<string>> | undefined;
export type WantedWhere = ReadonlyMap<string, Readonly<Record<string, string>>> | undefined;

// One object per (fields, where) pair, for caches of what depends on both.
const selections = new WeakMap<object, WeakMap<object, object>>();
/** The one object that stands for the selection (`wanted`, `where`): caches are kept by it. */
export function selectionKey(wanted: Wanted, where: WantedWhere): object {
  const a = wanted ?? ALL_FIELDS;
  const b = (wanted && where) ?? EVERY_SERIES;
  let inner = selections.get(a);
  if (inner === undefined) {
    inner = new WeakMap();
    selections.set(a, inner);
  }
  let key = inner.get(b);
  if (key === undefined) {
    key = {};
    inner.set(b, key);
  }
  return key;
}

// Parsed series keys by the text before the first space, per field selection; null marks a key
// the scanner leaves to parseLine.
const keyCaches = new WeakMap<object, Map<string, SeriesKey | null>>();

/**
 * Parses the series key `text[from, to)` exactly as scanLine always did, or null to fall back.
 * Its fields are kept per `wanted` (by measurement), and not at all for a series whose tags lack
 * a value `where` asks for its measurement.
 */
export function parseSeriesKey(
  text: string,
  from: number,
  to: number,
  wanted: Wanted,
  where?: WantedWhere,
): SeriesKey | null {
  let i = stop(text, from, to, COMMA, SPACE, SPACE);
  if (i === from) return null;
  const measurement = text.slice(from, i);
  const tags: Record<string, string> = new KeyMap();
  while (i < to) {
    // text[i] is a comma: one more tag
    const k0 = i + 1;
    i = stop(text, k0, to, COMMA, SPACE, EQUALS);
    if (i === to || text.charCodeAt(i) !== EQUALS || i === k0) return null;
    const k1 = i;
    const v0 = i + 1;
    i = stop(text, v0, to, COMMA, SPACE, EQUALS);
    if (i === v0) return null;
    if (i < to && text.charCodeAt(i) === EQUALS) return null;
    tags[text.slice(k0, k1)] = text.slice(v0, i);
  }
  Object.freeze(tags);
  if (wanted === undefined) return { measurement, tags, keep: undefined };
  const keepFields = wanted.get(measurement);
  const only = where?.get(measurement);
  const used = only === undefined || Object.entries(only).every(([k, v]) => tags[k] === v);
  return { measurement, tags, keep: keepFields && used ? namesOf(keepFields) : null };
}

function seriesKey(
  text: string,
  from: number,
  to: number,
  wanted: Wanted,
  where: WantedWhere,
): SeriesKey | null {
  const owner = selectionKey(wanted, where);
  let cache = keyCaches.get(owner);
  if (cache === undefined) {
    cache = new Map();
    keyCaches.set(owner, cache);
  }
  const text0 = text.slice(from, to);
  let key = cache.get(text0);
  if (key === undefined) {
    key = parseSeriesKey(text, from, to, wanted, where);
    if (cache.size >= MAX_CACHED_KEYS) cache.clear();
    cache.set(text0, key);
  }
  return key;
}

/**
 * timestampToMs() of `text[t0, t1)` (digits from d0, a minus sign before), without slicing for
 * nanoseconds: the whole milliseconds (at most 15 digits, exact in a double, as Number() gives
 * them) and the six sub-millisecond digits are accumulated apart, exactly as timestampToMs
 * converts them.
 */
function timestamp(text: string, t0: number, d0: number, t1: number, precision: Precision): number {
  const split = t1 - 6;
  if (precision !== 'ns' || split - d0 > 15) return timestampToMs(text.slice(t0, t1), precision);
  let ms = 0;
  let i = d0;
  for (; i < split; i++) ms = ms * 10 + (text.charCodeAt(i) - D0);
  let sub = 0;
  for (; i < t1; i++) sub = sub * 10 + (text.charCodeAt(i) - D0);
  const t = ms + sub / 10 ** 6;
  return d0 > t0 ? -t : t;
}

/**
 * Scans `text[from, to)` (one line, no line ending). Returns the point, or null when parseLine
 * must decide (skip, rejection, escapes, booleans, exponents, a missing timestamp). With `wanted`
 * (fields by measurement, and `where`: only of series with these tag values), a point carries
 * only the wanted fields; the values of the others are
 * still checked, so a malformed one still falls back and is rejected. Points of one series share
 * one frozen `tags` object.
 */
export function scanLine(
  text: string,
  from: number,
  to: number,
  precision: Precision,
  wanted?: Wanted,
  where?: WantedWhere,
): Point | null {
  if (from === to) return null;
  let c = text.charCodeAt(from);
  if (c === SPACE || c === TAB || c === HASH) return null;
  if (nextBackslash(text, from) < to) return null;

  // The series key runs to the first space (no backslash on this line, so none is escaped).
  let i = text.indexOf(' ', from);
  if (i === -1 || i >= to) return null;
  const key = seriesKey(text, from, i, wanted, where);
  if (key === null) return null;
  const { measurement, tags } = key;
  i++;

  const keep = key.keep;
  const fields: Record<string, FieldValue> = keep === null ? NO_FIELDS : new KeyMap();
  // Fields in one pass: key, '=', then a quoted string or a plain number, then ',' or ' '.
  for (;;) {
    const k0 = i;
    c = 0;
    while (i < to) {
      c = text.charCodeAt(i);
      if (c === EQUALS || c === COMMA || c === SPACE) break;
      i++;
    }
    if (i === k0 || i === to || c !== EQUALS) return null;
    const k1 = i++;
    if (i === to) return null;
    const v0 = i;
    c = text.charCodeAt(i);
    if (c === QUOTE) {
      const close = text.indexOf('"', v0 + 1);
      if (close === -1 || close >= to) return null;
      i = close + 1;
      c = i < to ? text.charCodeAt(i) : SPACE;
      if (c !== COMMA && c !== SPACE) return null;
      if (keep !== null && (keep === undefined || isOneOf(text, k0, k1, keep)))
        fields[text.slice(k0, k1)] = text.slice(v0 + 1, close);
    } else {
      // A plain decimal (FLOAT) or an `i`/`u` integer (INT); anything else is parseLine's.
      const signed = c === MINUS || c === PLUS;
      if (signed) c = ++i < to ? text.charCodeAt(i) : SPACE;
      let digits = 0;
      while (c >= D0 && c <= D9) {
        digits++;
        c = ++i < to ? text.charCodeAt(i) : SPACE;
      }
      let kind = FLOAT;
      if (c === DOT) {
        c = ++i < to ? text.charCodeAt(i) : SPACE;
        while (c >= D0 && c <= D9) {
          digits++;
          c = ++i < to ? text.charCodeAt(i) : SPACE;
        }
      } else if (digits > 0 && (c === LOWER_I || (c === LOWER_U && !signed))) {
        kind = INT;
        c = ++i < to ? text.charCodeAt(i) : SPACE;
      }
      // Long digit strings can overflow to Infinity: parseLine judges those.
      if (digits === 0 || (c !== COMMA && c !== SPACE) || i - v0 > 300) return null;
      if (keep !== null && (keep === undefined || isOneOf(text, k0, k1, keep)))
        fields[text.slice(k0, k1)] = Number(text.slice(v0, kind === INT ? i - 1 : i));
    }
    if (i < to && c === COMMA) {
      i++;
      continue;
    }
    break;
  }

  while (i < to && text.charCodeAt(i) === SPACE) i++;
  if (i === to) return null; // no timestamp: parseLine and the reader word that rejection
  const t0 = i;
  if (text.charCodeAt(i) === MINUS) i++;
  const d0 = i;
  while (i < to && isDigit(text.charCodeAt(i))) i++;
  if (i === d0) return null;
  const t1 = i;
  while (i < to && isBlank(text.charCodeAt(i))) i++;
  if (i !== to) return null;
  const time = timestamp(text, t0, d0, t1, precision);
  return { measurement, tags, fields, time };
}

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
const NO_FIELDS: Record<string, FieldValue> = Object.freeze(new KeyMap());

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
function namesOf(set: ReadonlySet<string>): string[] {
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

/** Classifies `s[from, to)` as a plain decimal float or an `i`/`u` integer; 0 when unsure. */
function numberKind(s: string, from: number, to: number): number {
  if (from === to || to - from > 300) return 0; // long digit strings can overflow to Infinity: let parseLine judge
  let i = from;
  let c = s.charCodeAt(i);
  const signed = c === MINUS || c === PLUS;
  if (signed) c = s.charCodeAt(++i);
  let intDigits = 0;
  while (i < to && c >= D0 && c <= D9) {
    intDigits++;
    c = s.charCodeAt(++i);
  }
  if (i === to) return intDigits > 0 ? FLOAT : 0;
  if (c === DOT) {
    c = s.charCodeAt(++i);
    let fracDigits = 0;
    while (i < to && c >= D0 && c <= D9) {
      fracDigits++;
      c = s.charCodeAt(++i);
    }
    return i === to && intDigits + fracDigits > 0 ? FLOAT : 0;
  }
  if (intDigits > 0 && i === to - 1) {
    if (c === LOWER_I) return INT;
    if (c === LOWER_U && !signed) return INT;
  }
  return 0; // exponents (possibly non-finite), booleans, text: parseLine decides
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

/**
 * Scans `text[from, to)` (one line, no line ending). Returns the point, or null when parseLine
 * must decide (skip, rejection, escapes, booleans, exponents, a missing timestamp). With `wanted`
 * (fields by measurement), a point carries only the wanted fields; the values of the others are
 * still checked, so a malformed one still falls back and is rejected.
 */
export function scanLine(
  text: string,
  from: number,
  to: number,
  precision: Precision,
  wanted?: ReadonlyMap<string, ReadonlySet<string>>,
): Point | null {
  if (from === to) return null;
  let c = text.charCodeAt(from);
  if (c === SPACE || c === TAB || c === HASH) return null;
  if (nextBackslash(text, from) < to) return null;

  let i = stop(text, from, to, COMMA, SPACE, SPACE);
  if (i === from || i === to) return null;
  c = text.charCodeAt(i);
  const measurement = text.slice(from, i);
  const tags: Record<string, string> = new KeyMap();
  while (c === COMMA) {
    const k0 = i + 1;
    i = stop(text, k0, to, COMMA, SPACE, EQUALS);
    if (i === to || text.charCodeAt(i) !== EQUALS || i === k0) return null;
    const k1 = i;
    const v0 = i + 1;
    i = stop(text, v0, to, COMMA, SPACE, EQUALS);
    if (i === to || i === v0) return null;
    c = text.charCodeAt(i);
    if (c === EQUALS) return null;
    tags[text.slice(k0, k1)] = text.slice(v0, i);
  }
  if (c !== SPACE) return null;
  i++;

  const keepFields = wanted === undefined ? undefined : wanted.get(measurement);
  const fields: Record<string, FieldValue> = wanted === undefined || keepFields ? new KeyMap() : NO_FIELDS;
  const keepList = keepFields === undefined ? undefined : namesOf(keepFields);
  for (;;) {
    const k0 = i;
    i = stop(text, k0, to, COMMA, SPACE, EQUALS);
    if (i === to || text.charCodeAt(i) !== EQUALS || i === k0) return null;
    const k1 = i;
    const v0 = i + 1;
    if (text.charCodeAt(v0) === QUOTE) {
      const close = text.indexOf('"', v0 + 1);
      if (close === -1 || close >= to) return null;
      i = close + 1;
      c = text.charCodeAt(i);
      if (i < to && c !== COMMA && c !== SPACE) return null;
      if (fields !== NO_FIELDS && (keepList === undefined || isOneOf(text, k0, k1, keepList)))
        fields[text.slice(k0, k1)] = text.slice(v0 + 1, close);
    } else {
      i = stop(text, v0, to, COMMA, SPACE, SPACE);
      c = text.charCodeAt(i);
      const kind = numberKind(text, v0, i);
      if (kind === 0) return null;
      if (fields !== NO_FIELDS && (keepList === undefined || isOneOf(text, k0, k1, keepList)))
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
  const time = timestampToMs(text.slice(t0, t1), precision);
  return { measurement, tags, fields, time };
}

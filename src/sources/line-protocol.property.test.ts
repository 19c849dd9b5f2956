// Property tests for the line-protocol scanner: it never throws, and formatLine/parseLine round-trip.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Point } from '../model/types.js';
import { formatLine, parseLine } from './line-protocol.js';

const SEED = 20250619;
/** Characters the grammar treats specially, over-represented so escapes get exercised. */
const special = fc.constantFrom(',', ' ', '=', '"', '\\', '#', '\t', 'é', '😀', '<', 'i', 'u', '1', '.');
const text = (min: number) =>
  fc.string({
    unit: fc.oneof(special, fc.string({ minLength: 1, maxLength: 1 })),
    minLength: min,
    maxLength: 20,
  });
/** Line protocol cannot carry line breaks in any token (the spec forbids them). */
const token = text(1).filter((s) => !/[\n\r]/.test(s));

const point: fc.Arbitrary<Point> = fc.record({
  // A measurement may not begin with "#" (that line is a comment) or with blanks (skipped as indentation).
  measurement: token.filter((s) => !/^[#\t]/.test(s)),
  tags: fc.dictionary(token, token, { maxKeys: 4 }),
  fields: fc.dictionary(
    token,
    fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v)),
      fc.integer(),
      fc.boolean(),
      text(0).filter((s) => !/[\n\r]/.test(s)),
    ),
    { minKeys: 1, maxKeys: 4 },
  ),
  // Whole milliseconds from 1970 to 2100, the range benchmark timestamps live in.
  time: fc.integer({ min: 0, max: 4_102_444_800_000 }),
});

describe('line protocol properties', () => {
  it('parseLine never throws, and every rejection says why', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), text(0)), (line) => {
        const r = parseLine(line);
        expect([true, false, 'skip']).toContain(r.ok);
        if (r.ok === false) expect(r.reason.length).toBeGreaterThan(0);
        if (r.ok === true) expect(Object.keys(r.point.fields).length).toBeGreaterThan(0);
      }),
      { numRuns: 10_000, seed: SEED },
    );
  });

  it('parseLine(formatLine(p)) gives p back: names, tags, fields and time', () => {
    fc.assert(
      fc.property(point, (p) => {
        const line = formatLine(p);
        const r = parseLine(line);
        expect(r, line).toEqual({ ok: true, point: p });
      }),
      { numRuns: 5000, seed: SEED },
    );
  });

  it('whole-millisecond ns timestamps parse exactly (no double rounding past 2^53)', () => {
    expect(parseLine('m f=1 885036015993000000')).toMatchObject({ ok: true, point: { time: 885036015993 } });
    expect(formatLine({ measurement: 'm', tags: {}, fields: { f: 1 }, time: 885036015993 })).toBe(
      'm f=1 885036015993000000',
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_102_444_800_000 }),
        fc.integer({ min: 0, max: 999_999 }),
        (ms, sub) => {
          const r = parseLine(`m f=1 ${ms}${String(sub).padStart(6, '0')}`);
          expect(r.ok).toBe(true);
          if (r.ok === true) expect(Math.abs(r.point.time - (ms + sub / 1e6))).toBeLessThan(1e-3);
          const whole = parseLine(`m f=1 ${ms}000000`);
          if (whole.ok === true) expect(whole.point.time).toBe(ms);
        },
      ),
      { numRuns: 5000, seed: SEED },
    );
  });

  it('a tag or field named __proto__ is kept as data', () => {
    const r = parseLine('m,__proto__=x __proto__=1 1000000');
    expect(r.ok).toBe(true);
    if (r.ok === true) {
      expect(Object.keys(r.point.tags)).toEqual(['__proto__']);
      expect(Object.entries(r.point.fields)).toEqual([['__proto__', 1]]);
    }
  });

  it('a rejection reason quotes at most 40 characters of the input', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 100, maxLength: 400 }), (junk) => {
        for (const line of [`m f=${junk}`, `m f=1 ${junk}`]) {
          const r = parseLine(line.replace(/[\n\r]/g, ''));
          if (r.ok === false) expect(r.reason.length).toBeLessThan(200);
        }
      }),
      { numRuns: 2000, seed: SEED },
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLine } from './line-protocol.js';
import { scanLine } from './line-protocol-fast.js';
import { decimalAt, scanLineBytes } from './line-protocol-bytes.js';

// Pieces that exercise every branch of the grammar: separators, escapes, quotes, signs,
// exponents, integer suffixes, booleans, tabs, comments and long numbers.
const PIECES = [
  'cpu',
  'mem',
  'disk',
  ',',
  ' ',
  '  ',
  '=',
  '"',
  '\\',
  '\\ ',
  '\\,',
  '\t',
  '#',
  'host',
  'cpu-total',
  'usage_idle',
  'used_percent',
  '1',
  '2.5',
  '-',
  '+',
  '.',
  'e',
  'E',
  '5e3',
  '1e999',
  'i',
  'u',
  'true',
  'F',
  'x',
  'é',
  '1735689600000000000',
  '-12',
  '0.',
  '.5',
  '9'.repeat(320),
];
const soup = fc.array(fc.constantFrom(...PIECES), { maxLength: 24 }).map((a) => a.join(''));

const ident = fc.constantFrom(
  'cpu',
  'mem',
  'disk',
  'host',
  'a',
  'usage_idle',
  'used_percent',
  'x y',
  'k=v',
  'é',
  '__proto__',
  'constructor',
);
const value = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer().map((n) => `${n}i`),
  fc.nat().map((n) => `${n}u`),
  fc.constantFrom(
    '-5u',
    '+3u',
    '+7i',
    '1.5i',
    'true',
    'f',
    '"s p,a=ce"',
    '""',
    '"a\\"b"',
    '1e5',
    '-0',
    '+.5',
    '1.',
    'abc',
    '',
  ),
);
const structured = fc
  .record({
    m: ident,
    tags: fc.array(fc.tuple(ident, ident), { maxLength: 3 }),
    fields: fc.array(fc.tuple(ident, value), { minLength: 1, maxLength: 4 }),
    ts: fc.constantFrom(
      '',
      ' 1735689600000000000',
      ' 1735689600123456789',
      ' 885036015993000000',
      ' -1735689600000000001',
      ' 123',
      ' -5',
      ' 12a',
      '  7 ',
      ' 7\t',
      ' 1.5',
    ),
  })
  .map(
    ({ m, tags, fields, ts }) =>
      `${m}${tags.map(([k, v]) => `,${k}=${v}`).join('')} ${fields.map(([k, v]) => `${k}=${v}`).join(',')}${ts}`,
  );

const WANTED = new Map([
  ['cpu', new Set(['usage_idle'])],
  ['mem', new Set(['used_percent'])],
]);
// Fields of cpu only from series tagged host=a (both words are in the generators' pool).
const WHERE = new Map([['cpu', { host: 'a' }]]);

/**
 * The fast path must either defer (null) or agree exactly with parseLine's accepted point, with
 * and without a field filter (which takes a different route for measurements nobody reads).
 * True when the unfiltered scan answered itself.
 */
function agrees(line: string): boolean {
  // Embed the line in a larger block, as the reader does, to pin the span bounds.
  const block = `x\\y\n${line}\n"tail\\`;
  const from = 4;
  const to = from + line.length;
  let answered = false;
  for (const precision of ['ns', 'us', 'ms', 's'] as const) {
    const slow = parseLine(line, precision);
    const fast = scanLine(block, from, to, precision);
    if (fast !== null) {
      answered = true;
      expect(slow.ok, line).toBe(true);
      if (slow.ok === true) {
        expect(Number.isNaN(slow.point.time)).toBe(false);
        expect(fast).toStrictEqual(slow.point);
      }
    }
    const lite = scanLine(block, from, to, precision, WANTED);
    if (lite !== null) {
      expect(slow.ok, line).toBe(true);
      if (slow.ok === true) {
        expect(Number.isNaN(slow.point.time)).toBe(false);
        const keep = WANTED.get(slow.point.measurement);
        const expected = Object.assign(
          Object.create(null),
          Object.fromEntries(Object.entries(slow.point.fields).filter(([k]) => keep?.has(k))),
        );
        expect(lite).toStrictEqual({ ...slow.point, fields: expected });
      }
    }
    const where = scanLine(block, from, to, precision, WANTED, WHERE);
    expect(where === null, line).toBe(lite === null);
    if (where !== null && slow.ok === true) {
      const only = WHERE.get(slow.point.measurement);
      const used = !only || Object.entries(only).every(([k, v]) => slow.point.tags[k] === v);
      expect(where).toStrictEqual(used ? lite : { ...lite, fields: Object.create(null) });
    }
  }
  return answered;
}

describe('scanLine (fast path) against parseLine', () => {
  it('agrees on random token soup', () => {
    fc.assert(
      fc.property(soup, (line) => {
        agrees(line);
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees on random structured lines', () => {
    let answered = 0;
    fc.assert(
      fc.property(structured, (line) => {
        if (agrees(line)) answered++;
      }),
      { numRuns: 3000 },
    );
    // The comparison means something only if the fast path answers a fair share itself.
    expect(answered).toBeGreaterThan(100);
  });

  it('handles ordinary Telegraf lines itself rather than deferring', () => {
    const lines = [
      'cpu,cpu=cpu-total,host=a usage_idle=97.5,usage_user=1.25 1735689600000000000',
      'mem,host=a total=16653647872i,used_percent=41.5 1735689600000000000',
      'system,host=a uptime=5i,uptime_format="0 days, 0:00" 1735689600000000000',
    ];
    for (const line of lines) {
      expect(scanLine(line, 0, line.length, 'ns')).not.toBeNull();
      expect(agrees(line)).toBe(true);
    }
  });

  it('keeps nanosecond timestamps exact and "__proto__" keys as data, as parseLine does', () => {
    const line = 'cpu,__proto__=x,host=a __proto__=1,usage_idle=2 885036015993000000';
    const p = scanLine(line, 0, line.length, 'ns');
    expect(p).not.toBeNull();
    // Number() of the whole ns value, divided by 10^6, gives 885036015992.99994.
    expect(p!.time).toBe(885036015993);
    const sub = 'm f=1 1735689600123456789';
    expect(scanLine(sub, 0, sub.length, 'ns')!.time).toBe(1735689600123 + 456789 / 1e6);
    expect(Object.entries(p!.tags)).toEqual([
      ['__proto__', 'x'],
      ['host', 'a'],
    ]);
    // Nothing inherited, as with parseLine's null-prototype maps.
    for (const key of ['constructor', 'toString', 'hasOwnProperty', 'valueOf']) {
      expect(key in p!.tags).toBe(false);
      expect(key in p!.fields).toBe(false);
    }
    expect(Object.entries(p!.fields)).toEqual([
      ['__proto__', 1],
      ['usage_idle', 2],
    ]);
    expect(agrees(line)).toBe(true);
  });

  it('keeps only the wanted fields and none of other measurements', () => {
    const cpu = 'cpu,cpu=cpu0,host=a usage_idle=90,usage_user=10 1000000000';
    expect(scanLine(cpu, 0, cpu.length, 'ns', WANTED)).toEqual({
      measurement: 'cpu',
      tags: { cpu: 'cpu0', host: 'a' },
      fields: { usage_idle: 90 },
      time: 1000,
    });
    const disk = 'disk,host=a free=5i 1000000000';
    expect(scanLine(disk, 0, disk.length, 'ns', WANTED)?.fields).toEqual({});
  });

  it('defers malformed values of an unwanted measurement so they are still rejected', () => {
    for (const line of ['disk,host=a free=abc 1', 'disk,host=a free=1e999 1', 'disk,host=a free=1 1x']) {
      expect(scanLine(line, 0, line.length, 'ns', WANTED)).toBeNull();
      expect(parseLine(line).ok).toBe(false);
    }
  });

  it('parses each series key once: points of a series share one frozen tags object, per field selection', () => {
    const a = 'cpu,cpu=cpu-total,host=a usage_idle=90,usage_user=10 1000000000';
    const b = 'cpu,cpu=cpu-total,host=a usage_idle=80,usage_user=20 2000000000';
    const pa = scanLine(a, 0, a.length, 'ns', WANTED)!;
    const pb = scanLine(b, 0, b.length, 'ns', WANTED)!;
    expect(pb.tags).toBe(pa.tags);
    expect(Object.isFrozen(pa.tags)).toBe(true);
    expect(pb.fields).toEqual({ usage_idle: 80 });
    // The same key under another selection (here: every field) is its own entry.
    expect(scanLine(b, 0, b.length, 'ns')!.fields).toEqual({ usage_idle: 80, usage_user: 20 });
    // More distinct keys than the cache holds: every one still parses as parseLine parses it.
    for (let i = 0; i < 5000; i++) {
      const line = `m,host=h${i} f=${i} ${i}`;
      expect(agrees(line)).toBe(true);
    }
  });
});

describe('scanLineBytes (ASCII chunks) against scanLine', () => {
  const ascii = (line: string) => [...line].every((ch) => ch.charCodeAt(0) < 128);
  /** The line inside a buffer of other lines, as a read chunk holds it; both scanners must agree. */
  const same = (line: string, before: string, wanted?: typeof WANTED, where?: typeof WHERE) => {
    const buf = Buffer.from(`${before}\n${line}\nm,host=z f=1 1\n`, 'latin1');
    const from = before.length + 1;
    const bytes = scanLineBytes(buf, from, from + line.length, 'ns', wanted, where);
    const text = scanLine(line, 0, line.length, 'ns', wanted, where);
    expect(bytes).toStrictEqual(text);
    return text !== null;
  };
  for (const [name, gen] of [
    ['random token soup', soup],
    ['random structured lines', structured],
  ] as const)
    it(`agrees on ${name}, with and without a field selection`, () => {
      let answered = 0;
      fc.assert(
        fc.property(gen, fc.constantFrom('', 'a\\b', 'cpu,host=x a=1 5', '#c'), (line, before) => {
          if (!ascii(line) || line.includes('\n')) return;
          if (same(line, before)) answered++;
          same(line, before, WANTED);
          same(line, before, WANTED, WHERE);
        }),
        { numRuns: 3000 },
      );
      if (name === 'random structured lines') expect(answered).toBeGreaterThan(100);
    });

  it('agrees line by line over whole chunks whose series keys repeat, end early or extend each other (LF and CRLF)', () => {
    // Lines drawn from a small pool recur in varying order, so the next-key guess is right,
    // wrong, a prefix of the real key or longer than the line; a stray CR sits inside some.
    const pool = fc.array(
      fc.oneof(structured, fc.constantFrom('m', 'm,t=a', 'm,t=a f=1 1', 'm,t=a\rb f=1 1')),
      {
        minLength: 1,
        maxLength: 6,
      },
    );
    const chunk = pool.chain((lines) =>
      fc.tuple(
        fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 30 }),
        fc.constantFrom('\n', '\r\n'),
      ),
    );
    let answered = 0;
    fc.assert(
      fc.property(chunk, fc.constantFrom(0, 1, 2), ([lines, eol], select) => {
        const picked = lines.filter((l) => ascii(l) && !l.includes('\n'));
        const buf = Buffer.from(picked.map((l) => l + eol).join(''), 'latin1');
        let from = 0;
        for (const line of picked) {
          const wanted = select > 0 ? WANTED : undefined;
          const where = select > 1 ? WHERE : undefined;
          const bytes = scanLineBytes(buf, from, from + line.length, 'ns', wanted, where);
          expect(bytes).toStrictEqual(scanLine(line, 0, line.length, 'ns', wanted, where));
          if (bytes !== null) answered++;
          from += line.length + eol.length;
        }
      }),
      { numRuns: 1500 },
    );
    expect(answered).toBeGreaterThan(1000);
  });

  it('reads a field name with a CR inside it as scanLine does', () => {
    for (const line of ['m a\rb=1 1', 'm,t=x a\rb=1,c=2 1', 'm a=1,b\r=2 1']) {
      for (const eol of ['\n', '\r\n', '']) {
        const buf = Buffer.from(`${line}${eol}`, 'latin1');
        const text = scanLine(line, 0, line.length, 'ns');
        expect(text).not.toBeNull();
        expect(scanLineBytes(buf, 0, line.length, 'ns')).toStrictEqual(text);
      }
    }
  });

  it('turns every decimal the scanner accepts into exactly the double Number() gives', () => {
    const digits = (max: number) =>
      fc.array(fc.constantFrom(...'0123456789'), { maxLength: max }).map((a) => a.join(''));
    const decimal = fc
      .tuple(fc.constantFrom('', '-', '+'), digits(20), fc.boolean(), digits(20))
      .filter(([, int, dot, frac]) => int.length + (dot ? frac.length : 0) > 0)
      .map(([sign, int, dot, frac]) => `${sign}${int}${dot ? '.' : ''}${dot ? frac : ''}`);
    const check = (text: string) => {
      const buf = Buffer.from(`x=${text},`, 'latin1');
      expect(Object.is(decimalAt(buf, 2, 2 + text.length), Number(text)), text).toBe(true);
    };
    fc.assert(fc.property(decimal, check), { numRuns: 5000 });
    for (const text of [
      '-0',
      '+0',
      '-0.0',
      '.5',
      '5.',
      '999999999999999',
      '9007199254740993',
      '0.1',
      '0.30000000000000004',
      '123456789012345.6',
    ])
      check(text);
  });

  it('reads every ns digit, precision and sign as timestampToMs does', () => {
    for (const ts of [
      '1735689600123456789',
      '-1735689600000000001',
      '5',
      '-5',
      '1234567',
      '99999999999999999999999',
    ])
      for (const precision of ['ns', 'us', 'ms', 's'] as const) {
        const line = `m,host=a f=1 ${ts}`;
        const buf = Buffer.from(line);
        expect(scanLineBytes(buf, 0, buf.length, precision)).toStrictEqual(
          scanLine(line, 0, line.length, precision),
        );
      }
  });

  it('agrees over runs of one series whose field names, values and timestamps repeat, change or break at every word boundary', () => {
    // The byte scanner compares a series' field names, digit runs and a tick's timestamp four
    // bytes at a time: names of 1-9 bytes that extend one another, digit runs of every length
    // that end in the bytes next to '0'-'9' ('/', ':' to '?'), lines that drop, add or reorder
    // fields, and timestamps shared by lines or not, at the end of the buffer or not.
    const names = ['a', 'ab', 'abc', 'abcd', 'abcde', 'abcdefgh', 'abcdefghi', 'usage_idle', 'used_percent'];
    const digitsOf = (n: number) => '1234567890123456789012'.slice(0, n);
    const num = fc.oneof(
      fc.integer({ min: 1, max: 21 }).map(digitsOf),
      fc
        .tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 13 }))
        .map(([a, b]) => `${digitsOf(a) || '0'}.${digitsOf(b)}`),
      fc
        .tuple(fc.integer({ min: 1, max: 12 }), fc.constantFrom(...'/:;<=>?'))
        .map(([n, ch]) => `${digitsOf(n)}${ch}`),
      fc.integer({ min: 1, max: 12 }).map((n) => `${digitsOf(n)}i`),
      fc.constantFrom('-1.5', '"x"', 'true', ''),
    );
    const line = fc.record({
      key: fc.constantFrom('cpu,cpu=cpu-total,host=a', 'mem,host=a', 'm', 'disk,path=/'),
      fields: fc.array(fc.tuple(fc.constantFrom(...names), num), { minLength: 1, maxLength: 5 }),
      ts: fc.constantFrom('1735689600000000000', '1735689601000000000', '17356896', '-5', '12a', '7 '),
    });
    const run = fc.tuple(
      fc.array(line, { minLength: 1, maxLength: 20 }),
      fc.constantFrom('\n', '\r\n', ''),
      fc.constantFrom('ns', 'ms', 's') as fc.Arbitrary<'ns' | 'ms' | 's'>,
      fc.constantFrom(0, 1, 2),
    );
    let answered = 0;
    fc.assert(
      fc.property(run, ([records, eol, precision, select]) => {
        const lines = records.map(
          (r) => `${r.key} ${r.fields.map(([k, v]) => `${k}=${v}`).join(',')} ${r.ts}`,
        );
        // Each run twice over, so the second time the series' names and timestamps are known.
        const all = [...lines, ...lines];
        const buf = Buffer.from(all.join(eol || '\n') + eol, 'latin1');
        const wanted = select > 0 ? WANTED : undefined;
        const where = select > 1 ? WHERE : undefined;
        let from = 0;
        for (const l of all) {
          const bytes = scanLineBytes(buf, from, from + l.length, precision, wanted, where);
          expect(bytes, l).toStrictEqual(scanLine(l, 0, l.length, precision, wanted, where));
          if (bytes !== null) answered++;
          from += l.length + (eol || '\n').length;
        }
      }),
      { numRuns: 1500 },
    );
    expect(answered).toBeGreaterThan(2000);
  });

  it('reads a buffer refilled with other lines as it reads a fresh one (a backslash where there was none)', () => {
    const buf = Buffer.alloc(64, 0x20);
    const scan = (line: string) => {
      buf.write(`${line}\n`, 0, 'latin1');
      return scanLineBytes(buf, 0, line.length, 'ns');
    };
    expect(scan('m,host=a f=1 5')).toStrictEqual(scanLine('m,host=a f=1 5', 0, 14, 'ns'));
    const escaped = 'm,host=a\\,b=c f=1 5';
    expect(scan(escaped)).toStrictEqual(scanLine(escaped, 0, escaped.length, 'ns'));
  });

  it('tells series keys apart that collide in a small cache and survives the cache being dropped', () => {
    for (let i = 0; i < 6000; i++) {
      const line = `m,host=h${i % 4500} f=${i} ${i}`;
      expect(same(line, '')).toBe(true);
    }
  });
});

// Line protocol: the full grammar, pinned case by case, and the real Telegraf outputs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatLine, parseLine } from './line-protocol.js';
import { lineProtocolReader } from './line-protocol-reader.js';
import type { Point } from '../model/types.js';

const ok = (line: string, precision?: 'ns' | 'us' | 'ms' | 's') => {
  const r = parseLine(line, precision);
  if (r.ok !== true) throw new Error(`expected a point from ${line}: ${JSON.stringify(r)}`);
  return r.point;
};
const reason = (line: string) => {
  const r = parseLine(line);
  if (r.ok !== false) throw new Error(`expected a rejection of ${line}`);
  return r.reason;
};

describe('parseLine', () => {
  it('reads measurement, sorted or unsorted tags, unsorted fields and a ns timestamp', () => {
    const p = ok(
      'cpu,host=a,cpu=cpu-total usage_user=1.5,usage_idle=97.25,usage_system=1.25 1718000000123456789',
    );
    expect(p.measurement).toBe('cpu');
    expect(p.tags).toEqual({ host: 'a', cpu: 'cpu-total' });
    expect(Object.keys(p.fields)).toEqual(['usage_user', 'usage_idle', 'usage_system']);
    expect(p.fields.usage_idle).toBe(97.25);
    expect(p.time).toBeCloseTo(1718000000123.4568, 3);
  });
  it('reads integers (i), unsigned (u), floats in every spelling, booleans and strings', () => {
    const p = ok('m a=12i,b=12u,c=-1.5e3,d=.5,e=1.,f=t,g=FALSE,h=True,i="x y, z=\\"q\\" \\\\",j=-3i 1');
    expect(p.fields).toEqual({
      a: 12,
      b: 12,
      c: -1500,
      d: 0.5,
      e: 1,
      f: true,
      g: false,
      h: true,
      i: 'x y, z="q" \\',
      j: -3,
    });
  });
  it('unescapes commas, spaces and equals signs in measurement, tag keys/values and field keys', () => {
    const p = ok('my\\ meas\\,x,ta\\ g=v\\,a\\=l\\ ue f\\=k\\ e\\,y=1 1');
    expect(p.measurement).toBe('my meas,x');
    expect(p.tags).toEqual({ 'ta g': 'v,a=l ue' });
    expect(p.fields).toEqual({ 'f=k e,y': 1 });
  });
  it('keeps a lone backslash before an ordinary character and turns \\\\ into \\', () => {
    expect(ok('m,t=a\\b f=1 1').tags.t).toBe('a\\b');
    expect(ok('m,t=a\\\\b f=1 1').tags.t).toBe('a\\b');
  });
  it('skips blank lines, comments (also indented) and whitespace-only lines', () => {
    for (const l of ['', '   ', '# comment', '   # indented comment', '\t'])
      expect(parseLine(l).ok).toBe('skip');
  });
  it('applies the precision option to the timestamp', () => {
    expect(ok('m f=1 1700000000', 's').time).toBe(1700000000000);
    expect(ok('m f=1 1700000000000', 'ms').time).toBe(1700000000000);
    expect(ok('m f=1 1700000000000000', 'us').time).toBe(1700000000000);
    expect(ok('m f=1 -1000000', 'ns').time).toBe(-1);
  });
  it('a point without a timestamp parses with NaN time (the file reader rejects it)', () => {
    expect(Number.isNaN(ok('m f=1').time)).toBe(true);
  });
  it('allows trailing whitespace after the timestamp', () => {
    expect(ok('m f=1 5   ').time).toBeCloseTo(5e-6);
  });
  it.each([
    ['m', 'missing fields'],
    ['m ', 'missing field set'],
    ['m,t f=1 1', 'has no "=value"'],
    ['m,t= f=1 1', 'empty value'],
    ['m f= 1', 'has no value'],
    ['m f=abc 1', 'is not a number'],
    ['m f="open 1', 'unterminated string'],
    ['m f=1 12x', 'is not an integer'],
    ['m f=1 1 extra', 'unexpected text'],
    ['m f=1,=2 1', 'empty field key'],
    [',t=1 f=1 1', 'missing measurement'],
  ])('rejects %j with a reason (%s)', (line, why) => {
    expect(reason(line)).toContain(why);
  });
  it('formatLine then parseLine gives the same point back', () => {
    const p: Point = {
      measurement: 'm e,as',
      tags: { 'k=1': 'v ,=', host: 'h' },
      fields: { 'f 1': 1.25, s: 'a "q" \\ b', b: true, i: -7 },
      time: 1718000000123,
    };
    expect(ok(formatLine(p))).toEqual(p);
  });
});

const REAL = path.resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'shared',
  'real-data',
  'telegraf-cpu-testcase',
);
describe.skipIf(!existsSync(REAL))('real Telegraf output (shared/real-data/telegraf-cpu-testcase)', () => {
  if (!existsSync(REAL)) console.warn(`skipped: ${REAL} is absent`);
  async function readAll(file: string) {
    const points: Point[] = [];
    const rejected: string[] = [];
    await lineProtocolReader.read(
      file,
      { point: (p) => points.push(p), reject: (n, r) => rejected.push(`${n}: ${r}`) },
      {},
    );
    return { points, rejected };
  }
  it('expected.out: 16 per-CPU lines and cpu-total, all accepted', async () => {
    const { points, rejected } = await readAll(path.join(REAL, 'expected.out'));
    expect(rejected).toEqual([]);
    expect(points).toHaveLength(17);
    const total = points.find((p) => p.tags.cpu === 'cpu-total')!;
    expect(typeof total.fields.usage_idle).toBe('number');
    expect(total.tags.host).toBeUndefined();
  });
  it('execd-defaults-input.influx: multi-host, unsorted fields, all accepted', async () => {
    const { points, rejected } = await readAll(path.join(REAL, 'execd-defaults-input.influx'));
    expect(rejected).toEqual([]);
    expect(new Set(points.map((p) => p.tags.host))).toEqual(new Set(['Hugin', 'Munin', 'Thor']));
  });
});

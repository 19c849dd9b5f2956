import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Point } from '../model/types.js';
import { detectFormat } from './formats.js';
import type { FormatReader } from './reader.js';
import { fluxCsvReader } from './flux-csv.js';
import { telegrafJsonReader } from './telegraf-json.js';

async function run(reader: FormatReader, text: string, name: string) {
  const f = path.join(mkdtempSync(path.join(os.tmpdir(), 'br-fj-')), name);
  writeFileSync(f, text);
  const points: Point[] = [];
  const rejects: string[] = [];
  await reader.read(f, { point: (p) => points.push(p), reject: (l, r) => rejects.push(`${l}: ${r}`) }, {});
  return { f, points, rejects };
}

// Two tables with different column sets (the Yardstick multi-table trap), CRLF, then an error table.
const FLUX = [
  '#datatype,string,long,dateTime:RFC3339,double,string,string,string',
  '#group,false,false,false,false,true,true,true',
  '#default,_result,,,,,,',
  ',result,table,_time,_value,_field,_measurement,yardstick_node',
  ',,0,2026-09-19T02:22:35Z,1.5,usage_idle,cpu,10.0.0.1',
  '',
  '#datatype,string,long,dateTime:RFC3339,double,string,string,string,string',
  '#group,false,false,false,false,true,true,true,true',
  '#default,_result,,,,,,,',
  ',result,table,_time,_value,_field,_measurement,yardstick_node,cpu',
  ',,1,2026-09-19T02:22:35Z,3.5,usage_idle,cpu,10.0.0.2,cpu-total',
  ',,1,2026-09-19T02:22:40Z,4.5,usage_idle,cpu,10.0.0.2,cpu-total',
  '',
  '#datatype,string,long',
  ',error,reference',
  ',Failed to parse query,897',
  '',
].join('\r\n');

describe('Flux annotated CSV', () => {
  it('reads each table with its own header and never lets a header row in as data', async () => {
    const { f, points, rejects } = await run(fluxCsvReader, FLUX, 'cpu.csv');
    expect(points).toHaveLength(3);
    expect(points[1]).toEqual({
      measurement: 'cpu',
      tags: { yardstick_node: '10.0.0.2', cpu: 'cpu-total' },
      fields: { usage_idle: 3.5 },
      time: Date.parse('2026-09-19T02:22:35Z'),
    });
    expect(points.every((p) => !Object.values(p.tags).includes('_value'))).toBe(true);
    expect(rejects).toEqual(['16: the query returned an error table: Failed to parse query']);
    expect((await detectFormat(f)).name).toBe('flux-csv');
  });

  it('rejects an over-long line by number without ending its table', async () => {
    const rows = [
      ',result,table,_time,_value,_field,_measurement,host',
      ',,0,2026-01-01T00:00:00Z,7,used_percent,mem,a',
      `,,0,2026-01-01T00:00:10Z,${'9'.repeat(2 << 20)},used_percent,mem,a`,
      ',,0,2026-01-01T00:00:20Z,8,used_percent,mem,a',
    ];
    const { points, rejects } = await run(fluxCsvReader, `${rows.join('\r\n')}\r\n`, 'x.csv');
    // The CR before the LF counts as a byte of the line.
    expect(rejects).toEqual([`3: line is ${rows[2]!.length + 1} bytes long, over the 1048576-byte limit`]);
    expect(points.map((p) => p.fields.used_percent)).toEqual([7, 8]);
  });

  it('reads tables without annotations, separated by blank lines', async () => {
    const text =
      ',result,table,_time,_value,_field,_measurement,host\n,,0,2026-01-01T00:00:00Z,7,used_percent,mem,a\n\n,result,table,_time,_value,_field,_measurement,cpu,host\n,,1,2026-01-01T00:00:00Z,90,usage_idle,cpu,cpu-total,a\n';
    const { points, rejects } = await run(fluxCsvReader, text, 'x.csv');
    expect(rejects).toEqual([]);
    expect(points.map((p) => p.fields)).toEqual([{ used_percent: 7 }, { usage_idle: 90 }]);
    expect(points[1]!.tags).toEqual({ cpu: 'cpu-total', host: 'a' });
  });
});

describe('Telegraf JSON', () => {
  it('reads one object per line and batch lines, rejecting bad lines by number', async () => {
    const text = [
      '{"fields":{"usage_idle":90},"name":"cpu","tags":{"cpu":"cpu-total","host":"h"},"timestamp":1458229140}',
      '{"metrics":[{"fields":{"used_percent":12.5},"name":"mem","tags":{"host":"h"},"timestamp":1458229140000}]}',
      '{"fields":{',
      '',
    ].join('\n');
    const { f, points, rejects } = await run(telegrafJsonReader, text, 'm.json');
    expect(points.map((p) => [p.measurement, p.time])).toEqual([
      ['cpu', 1458229140000],
      ['mem', 1458229140000],
    ]);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatch(/^3: not valid JSON/);
    expect((await detectFormat(f)).name).toBe('telegraf-json');
  });

  it('rejects an over-long line by number and keeps a __proto__ tag as data', async () => {
    const ok = (t: number) =>
      `{"fields":{"usage_idle":90},"name":"cpu","tags":{"__proto__":"x","host":"h"},"timestamp":${t}}`;
    const long = `{"fields":{"s":"${'x'.repeat(2 << 20)}"},"name":"cpu","timestamp":1}`;
    const { points, rejects } = await run(telegrafJsonReader, [ok(1), long, ok(2), ''].join('\n'), 'm.json');
    expect(rejects).toEqual([`2: line is ${long.length} bytes long, over the 1048576-byte limit`]);
    expect(points.map((p) => p.time)).toEqual([1000, 2000]);
    expect(Object.keys(points[0]!.tags).sort()).toEqual(['__proto__', 'host']);
  });

  it('reads a pretty-printed batch file as a whole', async () => {
    const text = JSON.stringify(
      { metrics: [{ fields: { used_percent: 1 }, name: 'mem', tags: { host: 'h' }, timestamp: 1 }] },
      null,
      2,
    );
    const { points, rejects } = await run(telegrafJsonReader, text, 'b.json');
    expect(rejects).toEqual([]);
    expect(points).toHaveLength(1);
  });
});

describe('Flux CSV tables concatenated without a blank line', () => {
  it('switches to the new header instead of reading it as data', async () => {
    const text =
      ',result,table,_time,_value,_field,_measurement,host\n,,0,2026-01-01T00:00:00Z,7,used_percent,mem,a\n,result,table,_time,_value,_field,_measurement,cpu,host\n,,1,2026-01-01T00:00:00Z,90,usage_idle,cpu,cpu-total,a\n';
    const { points, rejects } = await run(fluxCsvReader, text, 'y.csv');
    expect(rejects).toEqual([]);
    expect(points.map((p) => p.tags)).toEqual([{ host: 'a' }, { cpu: 'cpu-total', host: 'a' }]);
  });
});

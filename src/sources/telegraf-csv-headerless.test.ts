import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Point } from '../model/types.js';
import { detectFormat } from './formats.js';
import type { ReadOptions } from './reader.js';
import { telegrafCsvHeaderlessReader } from './telegraf-csv-headerless.js';

async function readText(text: string | Buffer, options: ReadOptions = {}, name = 'm.csv') {
  const f = path.join(mkdtempSync(path.join(os.tmpdir(), 'br-hl-')), name);
  writeFileSync(f, text);
  const points: Point[] = [];
  const rejects: string[] = [];
  const skips: string[] = [];
  await telegrafCsvHeaderlessReader.read(
    f,
    {
      point: (p) => points.push(p),
      reject: (l, r) => rejects.push(`${l}: ${r}`),
      skip: (l, r) => skips.push(`${l}: ${r}`),
    },
    options,
  );
  return { f, points, rejects, skips };
}

const TIME_ROW = '1717970155,cpu,,cpu-total,n1,,100.5,0,0,4000.25,1.5,2,3,4,0,50,40';
const USAGE_ROW = '1717970160,cpu,,cpu-total,n1,,1.75,0,0,98.25,0,0,0,0.05,0,0.9,0.8';

describe('headerless Telegraf CSV', () => {
  it('tells time_* rows from usage_* rows of the same width by value range', async () => {
    const { points, rejects } = await readText(`${TIME_ROW}\n${USAGE_ROW}\n`);
    expect(rejects).toEqual([]);
    expect(points[0]!.fields.time_idle).toBe(4000.25);
    expect(points[0]!.tags).toEqual({ cpu: 'cpu-total', host: 'n1' });
    expect(points[1]!.fields.usage_idle).toBe(98.25);
    expect(points[1]!.fields.usage_active).toBe(1.75);
    expect(points[1]!.time).toBe(1717970160000);
  });

  it('reads a quoted string field and reports unknown measurements as skipped, not guessed', async () => {
    const { points, skips, rejects } = await readText(
      '1717970155,system,n1,"103 days, 15:52"\n1717970155,net,eth0,n1,1,2,3,4,5,6,7,8,9,10\n',
    );
    expect(points[0]!.fields.uptime_format).toBe('103 days, 15:52');
    expect(rejects).toEqual([]);
    expect(skips[0]).toContain('measurement "net" has no built-in column layout');
  });

  it('rejects a known measurement whose width fits no layout, naming the line', async () => {
    const { rejects } = await readText('1717970155,mem,n1,1,2,3\n');
    expect(rejects).toEqual([
      '1: no known column layout for "mem" rows of 6 columns; add a columns: map to the source',
    ]);
  });

  it('uses a column map from the manifest over the built-in table', async () => {
    const { points, rejects } = await readText('1717970155,mem,n1,12.5,1000\n', {
      columns: { mem: { tags: ['host'], fields: ['used_percent', 'total'] } },
    });
    expect(rejects).toEqual([]);
    expect(points[0]!.fields).toEqual({ used_percent: 12.5, total: 1000 });
  });

  it('is detected by content, also gzipped', async () => {
    const { f } = await readText(gzipSync(`${USAGE_ROW}\n`), {}, 'm.csv.gz');
    expect((await detectFormat(f)).name).toBe('telegraf-csv-headerless');
    const { points } = await readText(gzipSync(`${USAGE_ROW}\n`), {}, 'm.csv.gz');
    expect(points).toHaveLength(1);
  });
});

describe('format: csv on a headerless file', () => {
  it('is handed to the headerless reader instead of failing on the first row', async () => {
    const { f } = await readText(`${USAGE_ROW}\n`);
    const reader = await detectFormat(f, 'csv');
    expect(reader.name).toBe('telegraf-csv');
    const points: Point[] = [];
    await reader.read(f, { point: (p) => points.push(p), reject: () => {} }, {});
    expect(points[0]!.fields.usage_idle).toBe(98.25);
  });
});

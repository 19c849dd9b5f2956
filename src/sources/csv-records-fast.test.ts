import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRecords } from './csv-records.js';
import { csvLineRecords, fastCsvRecords } from './csv-records-fast.js';
import { LineIndex, lineGuard } from './open.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'csv-fast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Out = { records: [string[], number][]; rejects: [number, string][] };

/** Through lineGuard with a small line limit, fed in the given chunks. */
function guarded(chunks: Buffer[], out: Out, max: number) {
  const index = new LineIndex();
  const guard = lineGuard((n, b) => out.rejects.push([n, `overlong ${b}`]), max, index);
  pipeline(Readable.from(chunks), guard, () => {});
  return { guard, index };
}

/** The reference: csv-parse over the whole stream, as the Telegraf CSV reader has always read it. */
async function reference(chunks: Buffer[], max: number): Promise<Out> {
  const out: Out = { records: [], rejects: [] };
  const { guard, index } = guarded(chunks, out, max);
  let recordStart = 0;
  const lines: number[] = [];
  const parser = guard.pipe(
    parse({
      relax_column_count: true,
      skip_empty_lines: true,
      bom: true,
      skip_records_with_error: true,
      record_delimiter: ['\r\n', '\n'],
      on_record: (record: string[], context: { bytes: number }) => {
        lines.push(index.lineOf(Math.max(recordStart, context.bytes - 1)));
        recordStart = context.bytes;
        return record;
      },
    }),
  );
  parser.on('skip', (err: Error & { bytes?: number }) => {
    out.rejects.push([index.lineOf(recordStart), `malformed CSV: ${err.message.split(':')[0]}`]);
    recordStart = err.bytes ?? recordStart;
  });
  for await (const record of parser as AsyncIterable<string[]>) out.records.push([record, lines.shift()!]);
  return out;
}

async function fast(chunks: Buffer[], max: number): Promise<Out> {
  const out: Out = { records: [], rejects: [] };
  const { guard, index } = guarded(chunks, out, max);
  const sink = { reject: (n: number, r: string) => out.rejects.push([n, r]) };
  for await (const { record, lineNo } of csvLineRecords(guard, index, sink, (e) => e))
    out.records.push([record, lineNo]);
  return out;
}

const sortRejects = (r: [number, string][]) =>
  [...r].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));

const PIECES = [
  'a',
  'b',
  '1',
  ',',
  ',,',
  ' ',
  '\t',
  '\n',
  '\n',
  '\n\n',
  '\r',
  '\r\n',
  '"',
  '""',
  '"x,y"',
  'é',
  '\uFEFF',
];
const piece = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...PIECES).map((s) => Buffer.from(s)) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(Buffer.from([0xff]), Buffer.from([0xc3]), Buffer.from([0xef, 0xbb, 0xbf])),
  },
);

describe('fast CSV records against csv-parse', () => {
  it('gives the same records, line numbers and rejections however the bytes are chunked', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 80 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 8 }),
        // Mostly plain rows first, so the switch to csv-parse often happens mid-stream.
        fc.array(fc.constantFrom('t,m,host,v\n', '1,cpu,a,2.5\n', '\n', '3,mem,b\n'), { maxLength: 20 }),
        fc.integer({ min: 4, max: 64 }),
        async (parts, cuts, plain, max) => {
          const bytes = Buffer.concat([Buffer.from(plain.join('')), ...parts]);
          const chunks: Buffer[] = [];
          for (let at = 0, k = 0; at < bytes.length; k++) {
            const n = cuts[k % cuts.length]!;
            chunks.push(bytes.subarray(at, at + n));
            at += n;
          }
          const got = await fast(chunks, max);
          const want = await reference(chunks, max);
          expect(got.records).toEqual(want.records);
          // Which comes first when an overlong line and a malformed record are close together
          // depends on how the streams interleave (in the reference too): compare in line order.
          expect(sortRejects(got.rejects)).toEqual(sortRejects(want.rejects));
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('gives what csvRecords gives on whole files (plain, gzipped, with over-long lines)', async () => {
    let seq = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 60 }),
        fc.boolean(),
        fc.boolean(),
        async (parts, gz, long) => {
          const body = Buffer.concat([Buffer.from('t,m,host,v\n1,cpu,a,2.5\n'), ...parts]);
          const bytes = long
            ? Buffer.concat([
                body,
                Buffer.from('\n'),
                Buffer.alloc((1 << 20) + 1, 0x61),
                Buffer.from('\n2,b\n'),
              ])
            : body;
          const file = path.join(dir, `w${seq++}.csv${gz ? '.gz' : ''}`);
          writeFileSync(file, gz ? gzipSync(bytes) : bytes);
          const read = async (gen: typeof csvRecords) => {
            const out: Out = { records: [], rejects: [] };
            const sink = { reject: (n: number, r: string) => out.rejects.push([n, r]) };
            for await (const { record, lineNo } of gen(file, sink)) out.records.push([record, lineNo]);
            return out;
          };
          const got = await read(fastCsvRecords);
          const want = await read(csvRecords);
          expect(got.records).toEqual(want.records);
          expect(sortRejects(got.rejects)).toEqual(sortRejects(want.rejects));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reads plain Telegraf rows itself and hands a file to csv-parse from its first quote', async () => {
    const file = path.join(dir, 'plain.csv');
    writeFileSync(file, 'timestamp,measurement,host,usage_idle\n1,cpu,a,97.5\n\n2,cpu,a,"9,5"\n');
    const records: [string[], number][] = [];
    for await (const { record, lineNo } of fastCsvRecords(file, { reject: () => {} }))
      records.push([record, lineNo]);
    expect(records).toEqual([
      [['timestamp', 'measurement', 'host', 'usage_idle'], 1],
      [['1', 'cpu', 'a', '97.5'], 2],
      [['2', 'cpu', 'a', '9,5'], 4],
    ]);
  });

  it('reports a corrupt .gz as one InputError naming the file', async () => {
    const file = path.join(dir, 'bad.csv.gz');
    const gz = gzipSync(Buffer.from('timestamp,measurement\n'.repeat(1000)));
    writeFileSync(file, gz.subarray(0, gz.length - 20));
    const read = async () => {
      for await (const _ of fastCsvRecords(file, { reject: () => {} }));
    };
    await expect(read()).rejects.toThrow(/cannot read input/);
  });
});

// The readers the fuzz suite covers, each with seed files and its record-line rule. The
// integrator adds new readers (JSON, Flux CSV, headerless CSV, logs) here with one entry each.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { formatLine } from '../../src/sources/line-protocol.js';
import { lineProtocolReader } from '../../src/sources/line-protocol-reader.js';
import type { FormatReader } from '../../src/sources/reader.js';
import { telegrafCsvReader } from '../../src/sources/telegraf-csv.js';
import type { FuzzReaderOptions } from './fuzz-reader.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/runs');
const head = (rel: string, bytes = 1200) => readFileSync(path.join(FIXTURES, rel)).subarray(0, bytes);

/** Line protocol: blank (spaces/tabs only) and `#` comment lines are not records. */
export const lpRecordLine = (l: string) => !/^[ \t]*(#|$)/.test(l);

const lpRecord = fc
  .record({
    m: fc.constantFrom('cpu', 'mem', 'c p,u'),
    host: fc.constantFrom('bots-a', 'luanti-server', 'a=b', 'x y'),
    v: fc.double({ noNaN: true, noDefaultInfinity: true }),
    t: fc.bigInt({ min: 0n, max: 2n ** 62n }),
  })
  .map(
    ({ m, host, v, t }) =>
      `${formatLine({ measurement: m, tags: { host }, fields: { usage_idle: v }, time: Number.NaN })} ${t}`,
  );

export interface ReaderTarget {
  reader: FormatReader;
  options: FuzzReaderOptions;
}

export function readerTargets(): ReaderTarget[] {
  return [
    {
      reader: lineProtocolReader,
      options: {
        seeds: [
          head('distributed-20-partial/metrics/bots-a.lp'),
          head('distributed-20-partial/metrics/luanti-server.lp'),
          Buffer.from('# comment\n\ncpu,host=a usage_idle=1,s="x \\" y" 1\r\nmem,host=a used_percent=5i 2\n'),
        ],
        lines: [lpRecord],
        isRecordLine: lpRecordLine,
      },
    },
    {
      reader: telegrafCsvReader,
      options: {
        seeds: [
          head('single-node-20/metrics/bots-1-cpu.csv'),
          head('single-node-20/metrics/bots-1-mem.csv'),
          Buffer.from('timestamp,measurement,host,used_percent\n"1750341600",mem,"a,b",1\n'),
        ],
      },
    },
  ];
}

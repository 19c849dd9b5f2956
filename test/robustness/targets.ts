// The readers the fuzz suite covers, each with seed files and its record-line rule. The
// integrator adds new readers here with one entry each.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { formatLine } from '../../src/sources/line-protocol.js';
import { lineProtocolReader } from '../../src/sources/line-protocol-reader.js';
import type { FormatReader } from '../../src/sources/reader.js';
import { fluxCsvReader } from '../../src/sources/flux-csv.js';
import { telegrafCsvReader } from '../../src/sources/telegraf-csv.js';
import { telegrafCsvHeaderlessReader } from '../../src/sources/telegraf-csv-headerless.js';
import { telegrafJsonReader } from '../../src/sources/telegraf-json.js';
import type { FuzzReaderOptions } from './fuzz-reader.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');
const head = (rel: string, bytes = 1200) => readFileSync(path.join(FIXTURES, 'runs', rel)).subarray(0, bytes);
const yardstick = (rel: string, bytes = 1200) =>
  readFileSync(path.join(FIXTURES, 'yardstick', rel)).subarray(0, bytes);

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

const unixTime = fc.oneof(
  fc.integer({ min: 1_600_000_000, max: 1_900_000_000 }).map(String),
  fc.bigInt({ min: 0n, max: 2n ** 62n }).map(String),
);

/** Headerless Telegraf CSV rows: a cpu row of the built-in width (usage or time), mem, system. */
const headerlessRecord = fc.oneof(
  fc
    .tuple(
      unixTime,
      fc.constantFrom('cpu-total', 'cpu0', 'x'),
      fc.array(fc.double({ min: 0, max: 50, noNaN: true }), { minLength: 11, maxLength: 11 }),
    )
    .map(([t, cpu, vs]) => `${t},cpu,,${cpu},bots-a,,${vs.join(',')}`),
  fc
    .tuple(unixTime, fc.constantFrom('"12 days, 10:00"', '1', ''))
    .map(([t, up]) => `${t},system,bots-a,${up}`),
  fc.tuple(unixTime, fc.constantFrom('net', 'mem', 'disk')).map(([t, m]) => `${t},${m},bots-a,1,2,3`),
);

/** Telegraf JSON metrics, one per line, sometimes as a batch. */
const jsonRecord = fc
  .record({
    name: fc.constantFrom('cpu', 'mem', '', '__proto__'),
    host: fc.constantFrom('bots-a', '__proto__', 'a"b'),
    v: fc.oneof(fc.double(), fc.string(), fc.boolean()),
    t: fc.oneof(unixTime, fc.constantFrom('2025-06-19T14:00:00Z', 'x')),
    batch: fc.boolean(),
  })
  .map(({ name, host, v, t, batch }) => {
    const m = { fields: { usage_idle: v }, name, tags: { host }, timestamp: /^\d+$/.test(t) ? Number(t) : t };
    return JSON.stringify(batch ? { metrics: [m, m] } : m);
  });

const JSON_SEED = [
  '{"fields":{"usage_idle":91.5},"name":"cpu","tags":{"cpu":"cpu-total","host":"bots-a"},"timestamp":1750341600}',
  '{"fields":{"used_percent":40},"name":"mem","tags":{"host":"bots-a"},"timestamp":1750341600000}',
  '{"metrics":[{"fields":{"usage_idle":90},"name":"cpu","tags":{"host":"b"},"timestamp":"2025-06-19T14:00:10Z"}]}',
  '',
].join('\n');

const FLUX_SEED = [
  '#datatype,string,long,dateTime:RFC3339,double,string,string,string',
  '#group,false,false,false,false,true,true,true',
  '#default,_result,,,,,,',
  ',result,table,_time,_value,_field,_measurement,host',
  ',,0,2026-09-19T02:22:35Z,1.5,usage_idle,cpu,a',
  ',,0,2026-09-19T02:22:40Z,2.5,usage_idle,cpu,a',
  '',
  ',result,table,_time,_value,_field,_measurement,host,cpu',
  ',,1,2026-09-19T02:22:35Z,3.5,usage_idle,cpu,b,cpu-total',
  '',
  '#datatype,string,long',
  ',error,reference',
  ',Failed to parse query,897',
  '',
].join('\r\n');

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
          // Header-less: the reader hands such a file to the headerless reader.
          head('logs-18-of-20/metrics/metrics-bots-a.csv', 800),
        ],
      },
    },
    {
      reader: telegrafCsvHeaderlessReader,
      options: {
        seeds: [
          head('logs-18-of-20/metrics/metrics-bots-a.csv'),
          head('logs-18-of-20/metrics/metrics-luanti-server.csv'),
        ],
        lines: [headerlessRecord],
      },
    },
    {
      reader: telegrafJsonReader,
      options: {
        seeds: [
          Buffer.from(JSON_SEED),
          Buffer.from(
            JSON.stringify(
              {
                metrics: JSON_SEED.split('\n')
                  .slice(0, 2)
                  .map((l) => JSON.parse(l)),
              },
              null,
              2,
            ),
          ),
        ],
        lines: [jsonRecord],
      },
    },
    {
      reader: fluxCsvReader,
      options: {
        seeds: [Buffer.from(FLUX_SEED), yardstick('walkaround-20260919-101500/cpu.csv')],
      },
    },
  ];
}

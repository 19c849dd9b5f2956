// The yardstick a user would reach for: load a CSV run into DuckDB and compute, per host, the
// same figures the report gives (CPU busy % count/mean/max/p95 from cpu-total; memory used %
// count/mean/min/max/stddev/slope per minute; the slope is shift-invariant, so no t0 is needed).
// Usage: node bench/duckdb.mjs <run-dir>
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';

const dir = process.argv[2];
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const glob = (what) => `'${path.join(dir, 'metrics', `*-${what}.csv`).replaceAll("'", "''")}'`;
const cpu = await conn.runAndReadAll(`
  SELECT host, count(*) AS samples, avg(100 - usage_idle) AS mean, max(100 - usage_idle) AS peak,
         quantile_cont(100 - usage_idle, 0.95) AS p95
  FROM read_csv(${glob('cpu')}, header = true)
  WHERE cpu = 'cpu-total'
  GROUP BY host ORDER BY host`);
const mem = await conn.runAndReadAll(`
  SELECT host, count(*) AS samples, avg(used_percent) AS mean, min(used_percent) AS min,
         max(used_percent) AS max, stddev_samp(used_percent) AS stddev,
         regr_slope(used_percent, timestamp / 60.0) AS slope
  FROM read_csv(${glob('mem')}, header = true)
  GROUP BY host ORDER BY host`);
process.stdout.write(`${cpu.getRows().length} hosts (cpu), ${mem.getRows().length} hosts (mem)\n`);

// Measures what an InfluxQL build downloads: a generated run is written to a real influxd and
// summarised through a counting loopback proxy, beside the bytes the same window's raw points
// would cost. Shared by test/influx/transfer.test.ts and bench/influx-transfer.ts.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { summarize } from '../../src/pipeline.js';
import { startProxy } from './http-fixture.js';
import { makeDataset, seedInflux, writeRun } from './influx-dataset.js';
import type { Influxd } from './influxd.js';

export interface TransferCase {
  label: string;
  nodes: number;
  minutes: number;
  /** Seconds between raw samples of each series. */
  sampleSeconds: number;
  /** The manifest interval: the window the database aggregates to. */
  windowSeconds: number;
}

export interface TransferResult extends TransferCase {
  /** Raw samples the two metrics read in the window (nodes × 2 × samples per series). */
  rawSamples: number;
  /** Windows asked for: nodes × 2 metrics × windows per run. */
  windows: number;
  requests: number;
  /** Response body bytes of the pushed-down build. */
  pushedBytes: number;
  /** Response body bytes of fetching the same raw samples (chunked, epoch=ms). */
  rawBytes: number;
}

const METRICS = 2;

/** Seeds `server` with the case's run (database named after the label) and measures both transfers. */
export async function measureTransfer(server: Influxd, c: TransferCase): Promise<TransferResult> {
  const start = Date.parse('2025-06-19T14:00:00Z');
  const hosts = Array.from({ length: c.nodes }, (_, i) => ({
    host: i === 0 ? 'server' : `bots-${i}`,
    role: i === 0 ? 'server' : 'bots',
    ...(i === 0 ? {} : { bots: 10 }),
  }));
  const data = makeDataset(
    hosts.map((h) => ({ host: h.host })),
    { start, minutes: c.minutes, intervalSeconds: c.sampleSeconds, seed: 3 },
  );
  const db = `transfer_${c.label.replace(/\W/g, '_')}`;
  await seedInflux(server, db, data);
  const run = { ...data, intervalSeconds: c.windowSeconds };
  const proxy = await startProxy(server.url, () => 'pass');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-transfer-'));
  try {
    await writeRun(dir, 'run', run, hosts, { influxql: proxy.url, database: db });
    const summary = await summarize('run', { runsDir: dir });
    if (summary.nodes.some((n) => n.status !== 'ok'))
      throw new Error(`${c.label}: not every node loaded: ${summary.nodes.map((n) => n.status).join(', ')}`);
    const pushedBytes = proxy.responseBytes();
    const requests = proxy.requests.length;
    // The raw alternative: every sample of both metrics in the window, as a client would pull it.
    const window = `time >= ${run.start}ms AND time < ${run.end}ms`;
    for (const q of [
      `SELECT "usage_idle" FROM "cpu" WHERE "cpu" = 'cpu-total' AND ${window} GROUP BY "host"`,
      `SELECT "used_percent" FROM "mem" WHERE ${window} GROUP BY "host"`,
    ]) {
      const res = await fetch(`${proxy.url}/query`, {
        method: 'POST',
        body: new URLSearchParams({ db, q, epoch: 'ms', chunked: 'true' }),
      });
      await res.text();
    }
    const perSeries = Math.floor((c.minutes * 60) / c.sampleSeconds);
    return {
      ...c,
      rawSamples: c.nodes * METRICS * perSeries,
      windows: c.nodes * METRICS * Math.floor((c.minutes * 60) / c.windowSeconds),
      requests,
      pushedBytes,
      rawBytes: proxy.responseBytes() - pushedBytes,
    };
  } finally {
    await proxy.close();
    await rm(dir, { recursive: true, force: true });
  }
}

// One generated dataset written to a private influxd and to a .lp file: the InfluxQL source,
// with every figure computed by the database, must give the same summary as the file source.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeSummary, RunSummary } from '../../src/model/types.js';
import { summarize } from '../../src/pipeline.js';
import { type Dataset, makeDataset, seedInflux, writeRun } from '../helpers/influx-dataset.js';
import { haveInfluxd, type Influxd, startInfluxd } from '../helpers/influxd.js';

const HOSTS = [
  { host: 'luanti-server', role: 'server' },
  { host: 'bots-1', role: 'bots', bots: 10 },
  { host: 'bots-2', role: 'bots', bots: 10 },
  { host: 'bots-3', role: 'bots', bots: 5 },
];
const HOSTILE = [
  { host: "o'brien; DROP DATABASE bench; --", role: 'server' },
  { host: 'quo"ted \\ back\\slash', role: 'bots', bots: 4 },
  { host: "x' OR '1'='1", role: 'bots', bots: 4 },
  { host: 'spaces, commas=equals', role: 'other' },
];

/** Compares every figure of two node summaries; numbers within a relative 1e-9. */
function expectSameNode(a: NodeSummary, b: NodeSummary) {
  const close = (x: unknown, y: unknown, where: string) => {
    if (typeof x === 'number' && typeof y === 'number') {
      expect(Math.abs(x - y), `${a.host} ${where}: ${x} vs ${y}`).toBeLessThanOrEqual(
        1e-9 * Math.max(1, Math.abs(x)),
      );
    } else if (x && typeof x === 'object' && y && typeof y === 'object') {
      expect(Object.keys(y).sort(), `${a.host} ${where}`).toEqual(Object.keys(x).sort());
      for (const k of Object.keys(x)) close((x as never)[k], (y as never)[k], `${where}.${k}`);
    } else expect(y, `${a.host} ${where}`).toEqual(x);
  };
  close(a, b, 'node');
}

function sameSummaries(files: RunSummary, db: RunSummary) {
  const { id: _a, title: _b, ...dbRun } = db.run;
  const { id: _c, title: _d, ...fileRun } = files.run;
  expect(dbRun).toEqual(fileRun);
  expect(db.nodes.map((n) => n.host)).toEqual(files.nodes.map((n) => n.host));
  for (const [i, n] of files.nodes.entries()) expectSameNode(n, db.nodes[i]!);
}

describe.skipIf(!haveInfluxd())('InfluxQL source with aggregation pushed down (private influxd)', () => {
  let server: Influxd;
  let dir: string;
  let data: Dataset;
  beforeAll(async () => {
    server = await startInfluxd();
    dir = await mkdtemp(path.join(os.tmpdir(), 'bench-pushdown-'));
    data = makeDataset(
      [
        { host: 'luanti-server' },
        { host: 'bots-1', skip: (i) => i >= 20 && i < 25 },
        { host: 'bots-2', skip: (i) => i >= 50 },
        { host: 'bots-3', silent: true },
        ...HOSTILE.map((h, k) => ({ host: h.host, skip: (i: number) => k === 1 && i % 7 === 3 })),
      ],
      { start: Date.parse('2025-06-19T14:00:00Z'), minutes: 10, intervalSeconds: 10, seed: 42 },
    );
    await seedInflux(server, 'bench', data);
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('gives the same per-node figures (stats, percentiles, coverage, gaps, slope) as the file source', async () => {
    await writeRun(dir, 'from-file', data, HOSTS, { file: true });
    await writeRun(dir, 'from-db', data, HOSTS, { influxql: server.url, database: 'bench' });
    const files = await summarize('from-file', { runsDir: dir });
    const db = await summarize('from-db', { runsDir: dir });
    sameSummaries(files, db);
    // The dataset exercises what matters: a gap, a silent tail and a node with nothing at all.
    expect(db.nodes.map((n) => n.status)).toEqual(['ok', 'ok', 'partial', 'missing']);
    expect(db.nodes[1]!.gaps.length).toBeGreaterThan(0);
    expect(db.inputs[0]!.format).toBe('influxql');
    expect(db.inputs[0]!.records).toBe(3 * 2 * 60 - 5 * 2 - 10 * 2);
  });

  it('reads through an explicit retention policy the same way', async () => {
    await writeRun(dir, 'from-db-rp', data, HOSTS, {
      influxql: server.url,
      database: 'bench',
      retentionPolicy: 'autogen',
    });
    const files = await summarize('from-file', { runsDir: dir });
    const db = await summarize('from-db-rp', { runsDir: dir });
    sameSummaries(files, db);
    expect(db.inputs[0]!.source).toBe(`${server.url} database=bench rp=autogen`);
  });

  it('with two samples in some windows, whole-window figures stay exact and the report says slope/gaps are per window', async () => {
    const extra = makeDataset([{ host: 'luanti-server' }], {
      start: data.start + 5000, // a second Telegraf writing at +5 s, for the first 2 minutes
      minutes: 2,
      intervalSeconds: 10,
      seed: 9,
    });
    const twice = { ...data, points: [...data.points, ...extra.points.filter((p) => p.time >= data.start)] };
    await seedInflux(server, 'twice', twice);
    const one = [HOSTS[0]!];
    await writeRun(dir, 'twice-file', twice, one, { file: true });
    await writeRun(dir, 'twice-db', twice, one, { influxql: server.url, database: 'twice' });
    const files = await summarize('twice-file', { runsDir: dir });
    const db = await summarize('twice-db', { runsDir: dir });
    const [f, d] = [files.nodes[0]!, db.nodes[0]!];
    expect(d.cpu!.samples).toBe(f.cpu!.samples);
    expect(d.cpu!.samples).toBeGreaterThan(60);
    for (const k of ['mean', 'p50', 'p95', 'p99', 'peak', 'min'] as const)
      expect(d.cpu![k]).toBeCloseTo(f.cpu![k], 9);
    for (const k of ['mean', 'min', 'max', 'stddev'] as const)
      expect(d.memory![k]).toBeCloseTo(f.memory![k]!, 9);
    expect(d.coverage.samples).toBe(f.coverage.samples);
    // Every extra cpu-total point inside the window shares a window with a main one.
    const crowded = twice.points.filter(
      (p) =>
        p.time % 10_000 === 5000 && p.tags.cpu === 'cpu-total' && p.time >= data.start && p.time < data.end,
    ).length;
    expect(crowded).toBe(14);
    const flags = db.flags.filter((x) => x.code === 'downsampled').map((x) => x.message);
    expect(flags).toContain(
      `luanti-server: ${crowded} window(s) held more than one CPU sample; slope and gaps are computed from per-window means`,
    );
  });

  it('binds hostile host names: quotes, backslashes and "; DROP ..." select exactly their own data', async () => {
    await writeRun(dir, 'hostile-file', data, HOSTILE, { file: true });
    await writeRun(dir, 'hostile-db', data, HOSTILE, { influxql: server.url, database: 'bench' });
    const files = await summarize('hostile-file', { runsDir: dir });
    const db = await summarize('hostile-db', { runsDir: dir });
    sameSummaries(files, db);
    expect(db.nodes.every((n) => n.status !== 'missing')).toBe(true);
    const dbs = (await server.query('SHOW DATABASES')) as { results: { series: { values: string[][] }[] }[] };
    expect(dbs.results[0]!.series[0]!.values.flat()).toContain('bench');
  });
});

// Faults of a real influxd seen through loopback proxies: killed mid-query, slow past the timeout,
// 5xx, and an answer cut at `max-row-limit`. Each either recovers to the very figures of a clean
// build, or gives one clear message, or marks exactly the nodes that could not be loaded.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInputError } from '../../src/model/errors.js';
import type { RunSummary } from '../../src/model/types.js';
import { build, summarize } from '../../src/pipeline.js';
import { resolveRemote } from '../../src/sources/influx/http.js';
import { queryV1 } from '../../src/sources/influx/influxql-client.js';
import type { RemoteOptions } from '../../src/sources/read.js';
import { type LocalServer, type ProxyAction, startProxy } from '../helpers/http-fixture.js';
import { type Dataset, makeDataset, seedInflux, writeRun } from '../helpers/influx-dataset.js';
import { haveInfluxd, type Influxd, startInfluxd } from '../helpers/influxd.js';

const HOSTS = [
  { host: 'srv', role: 'server' },
  { host: 'b1', role: 'bots', bots: 5 },
  { host: 'b2', role: 'bots', bots: 5 },
];
const FAST: RemoteOptions = { attempts: 2, backoffMs: 10, timeoutMs: 5000 };
/** Rows the row-limited server returns per non-chunked answer; the run has 30 windows per host. */
const ROW_LIMIT = 8;

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    expect(isInputError(e), String(e)).toBe(true);
    return e as Error;
  }
  throw new Error('expected the build to fail');
}

describe.skipIf(!haveInfluxd())('InfluxDB faults against a real influxd', () => {
  let server: Influxd;
  let limited: Influxd;
  let dir: string;
  let data: Dataset;
  let clean: RunSummary;
  const closers: LocalServer[] = [];
  const proxy = async (target: string, action: (n: number) => ProxyAction | Promise<ProxyAction>) => {
    const p = await startProxy(target, action);
    closers.push(p);
    return p;
  };
  const run = (id: string, url: string) =>
    writeRun(dir, id, data, HOSTS, { influxql: url, database: 'bench' });
  /** Every node figure equal to the clean build's (the run id aside). */
  const expectClean = (s: RunSummary) => {
    expect(s.nodes).toEqual(clean.nodes);
    expect(s.run.status).toBe(clean.run.status);
  };

  beforeAll(async () => {
    [server, limited] = await Promise.all([startInfluxd(), startInfluxd({ maxRowLimit: ROW_LIMIT })]);
    dir = await mkdtemp(path.join(os.tmpdir(), 'bench-faults-real-'));
    data = makeDataset(
      HOSTS.map((h) => ({
        host: h.host,
        ...(h.host === 'b2' ? { skip: (i: number) => i >= 10 && i < 14 } : {}),
      })),
      { start: Date.parse('2025-06-19T14:00:00Z'), minutes: 5, intervalSeconds: 10, seed: 11 },
    );
    await Promise.all([seedInflux(server, 'bench', data), seedInflux(limited, 'bench', data)]);
    await run('clean', server.url);
    clean = await summarize('clean', { runsDir: dir, remote: FAST });
    expect(clean.nodes.map((n) => n.status)).toEqual(['ok', 'ok', 'partial']);
    expect(clean.nodes[2]!.gaps.length).toBeGreaterThan(0); // b2's gap must survive every path
  });
  afterAll(async () => {
    for (const c of closers) await c.close();
    await Promise.all([server?.stop(), limited?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('influxd SIGKILLed mid-answer: srv keeps its clean figures, b1 (half loaded) and b2 are marked, run incomplete', async () => {
    const victim = await startInfluxd();
    try {
      await seedInflux(victim, 'bench', data);
      // Requests go cpu, mem per host: n=2 is b1's cpu (answered), n=3 b1's mem, cut mid-body,
      // after which the server is killed, so the retry finds it gone.
      const p = await proxy(victim.url, async (n) => {
        if (n === 3) return 'drop';
        if (n >= 4) await victim.kill();
        return 'pass';
      });
      await run('killed', p.url);
      const built = await build('killed', { runsDir: dir, remote: FAST });
      const s = built.summary;
      expect(s.nodes[0]).toEqual(clean.nodes[0]);
      expect(s.nodes.map((n) => n.status)).toEqual(['ok', 'missing', 'missing']);
      // b1's CPU answer arrived whole, yet no half node is reported.
      expect(s.nodes[1]!.cpu).toBeNull();
      expect(s.nodes[1]!.memory).toBeNull();
      expect(s.run.status).toBe('incomplete');
      const failed = s.flags.filter((f) => f.code === 'source-failed');
      expect(failed.map((f) => f.host)).toEqual(['b1', 'b2']);
      expect(failed[0]!.message).toContain(`b1: data could not be loaded from ${p.url}`);
      expect(failed[0]!.message).toMatch(
        /stopped mid-stream|connection closed before the answer was complete/,
      );
      expect(built.report.verdict.headline).toMatch(/^Incomplete: 2 of 3 nodes not measured/);
      expect(built.markdown).toContain('b1 (bots, 5 bots): data could not be loaded (see data quality)');
      expect(built.markdown).toContain('b2 (bots, 5 bots): data could not be loaded (see data quality)');
      expect(built.markdown).not.toContain('srv (server): data could not be loaded');
    } finally {
      await victim.stop();
    }
  });

  it('slow answer past the timeout once: the retry recovers the clean figures', async () => {
    const p = await proxy(server.url, (n) => (n === 0 ? { delayMs: 800 } : 'pass'));
    await run('slow-once', p.url);
    const s = await summarize('slow-once', {
      runsDir: dir,
      remote: { attempts: 2, backoffMs: 10, timeoutMs: 300 },
    });
    expectClean(s);
    expect(p.requests.length).toBe(7); // 6 queries + 1 retry
  });

  it('slow answer every time: one bounded wait, one message naming the server and the timeout', async () => {
    const p = await proxy(server.url, () => ({ delayMs: 800 }));
    await run('slow-always', p.url);
    const t0 = Date.now();
    const e = await failure(
      summarize('slow-always', { runsDir: dir, remote: { attempts: 2, backoffMs: 10, timeoutMs: 300 } }),
    );
    expect(e.message).toContain(`InfluxDB at ${p.url} (database "bench"): no complete answer within 0.3 s`);
    expect(e.message).toContain('check that the server is not overloaded');
    expect(p.requests.length).toBe(2);
    expect(Date.now() - t0).toBeLessThan(3000);
  });

  it('slow from the second node on: srv loads, b1 and b2 are flagged with the timeout', async () => {
    const p = await proxy(server.url, (n) => (n >= 2 ? { delayMs: 800 } : 'pass'));
    await run('slow-midway', p.url);
    const s = await summarize('slow-midway', {
      runsDir: dir,
      remote: { attempts: 2, backoffMs: 10, timeoutMs: 300 },
    });
    expect(s.nodes[0]).toEqual(clean.nodes[0]);
    expect(s.nodes.map((n) => n.status)).toEqual(['ok', 'missing', 'missing']);
    const failed = s.flags.filter((f) => f.code === 'source-failed');
    expect(failed.map((f) => f.host)).toEqual(['b1', 'b2']);
    for (const f of failed) expect(f.message).toContain('no complete answer within 0.3 s');
    expect(s.run.status).toBe('incomplete');
  });

  it('503 twice, then answers: retries with doubling backoff recover the clean figures', async () => {
    const at: number[] = [];
    const p = await proxy(server.url, (n) => {
      at.push(Date.now());
      return n < 2 ? { status: 503, body: '{"error":"service unavailable"}' } : 'pass';
    });
    await run('503-twice', p.url);
    const s = await summarize('503-twice', {
      runsDir: dir,
      remote: { attempts: 3, backoffMs: 60, timeoutMs: 5000 },
    });
    expectClean(s);
    expect(p.requests.length).toBe(8); // 6 queries + 2 retries
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(55); // first backoff, 60 ms
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(115); // doubled, 120 ms
  });

  it('persistent 500: bounded attempts, then one message naming the server, its error and what to check', async () => {
    const p = await proxy(server.url, () => ({ status: 500, body: '{"error":"engine: disk full"}' }));
    await run('500-always', p.url);
    const e = await failure(
      summarize('500-always', { runsDir: dir, remote: { attempts: 3, backoffMs: 10, timeoutMs: 5000 } }),
    );
    expect(e.message).toContain(
      `InfluxDB at ${p.url} (database "bench"): server error (HTTP 500): engine: disk full; check the server log`,
    );
    expect(e.message.match(/InfluxDB at/g)).toHaveLength(1);
    expect(p.requests.length).toBe(3);
  });

  it('5xx from the second node on: srv loads, b1 and b2 are flagged with the HTTP status', async () => {
    const p = await proxy(server.url, (n) => (n >= 2 ? { status: 502, body: 'Bad Gateway' } : 'pass'));
    await run('502-midway', p.url);
    const s = await summarize('502-midway', { runsDir: dir, remote: FAST });
    expect(s.nodes[0]).toEqual(clean.nodes[0]);
    expect(s.nodes.map((n) => n.status)).toEqual(['ok', 'missing', 'missing']);
    const failed = s.flags.filter((f) => f.code === 'source-failed');
    expect(failed.map((f) => f.host)).toEqual(['b1', 'b2']);
    expect(failed[0]!.message).toContain('server error (HTTP 502): Bad Gateway');
  });

  const unchunked: ProxyAction = { rewrite: (b) => b.replace(/(^|&)chunked=true/, '') };

  it('max-row-limit: the real server does cut a non-chunked answer and says partial', async () => {
    // Independent of the reader: the windows statement alone, as bench-report sends it, unchunked.
    const q = `SELECT count(usage_idle) FROM "cpu" WHERE "host" = 'srv' AND "cpu" = 'cpu-total' AND time >= ${data.start}ms AND time < ${data.end}ms GROUP BY time(10s) fill(none)`;
    const res = await fetch(`${limited.url}/query`, {
      method: 'POST',
      body: new URLSearchParams({ db: 'bench', q, epoch: 'ms' }),
    });
    const json = (await res.json()) as { results: { series: { values: unknown[]; partial?: boolean }[] }[] };
    expect(json.results[0]!.series[0]!.values).toHaveLength(ROW_LIMIT);
    expect(json.results[0]!.series[0]!.partial).toBe(true);
  });

  it('max-row-limit cut of a query nobody pages (e.g. check): a clear fault, never a short answer taken as whole', async () => {
    const p = await proxy(limited.url, () => unchunked);
    const q = `SELECT "usage_idle" FROM "cpu" WHERE "host" = $host`;
    const remote = resolveRemote(FAST);
    const target = { url: p.url, database: 'bench' };
    await expect(queryV1(target, q, { host: 'srv' }, remote)).rejects.toThrow(
      /cut the answer at its row limit \("partial": true; \[http\] max-row-limit/,
    );
    const [cut] = await queryV1(target, q, { host: 'srv' }, remote, { allowRowLimited: true });
    expect(cut!.rowLimited).toBe(true);
    expect(cut!.series![0]!.values).toHaveLength(ROW_LIMIT);
  });

  it('max-row-limit cut (partial: true): statements re-run alone, windows paged by time, figures equal the clean build', async () => {
    const p = await proxy(limited.url, () => unchunked);
    await run('row-limit', p.url);
    const s = await summarize('row-limit', { runsDir: dir, remote: FAST });
    expectClean(s);
    expect(s.flags.filter((f) => f.code === 'source-failed')).toEqual([]);
    // Per host and metric: the cut request, 3 single-row statements, 30 windows in pages of 8.
    expect(p.requests.length).toBe(3 * 2 * (1 + 3 + Math.ceil(30 / ROW_LIMIT)));
  });

  it('max-row-limit paging interrupted by 503s: the node paged whole keeps its figures, the others are flagged', async () => {
    // Per metric 1 cut request + 3 statements + 4 pages = 8; srv takes requests 0-15.
    const p = await proxy(limited.url, (n) => (n >= 20 ? { status: 503, body: 'overloaded' } : unchunked));
    await run('row-limit-503', p.url);
    const s = await summarize('row-limit-503', { runsDir: dir, remote: FAST });
    expect(s.nodes[0]).toEqual(clean.nodes[0]);
    expect(s.nodes.map((n) => n.status)).toEqual(['ok', 'missing', 'missing']);
    expect(s.nodes[1]!.cpu).toBeNull();
    const failed = s.flags.filter((f) => f.code === 'source-failed');
    expect(failed.map((f) => f.host)).toEqual(['b1', 'b2']);
    expect(failed[0]!.message).toContain('server error (HTTP 503): overloaded');
    expect(s.run.status).toBe('incomplete');
  });

  it('max-row-limit cut of a windows statement that cannot be paged: one clear error, no report', async () => {
    const qdir = path.join(dir, 'desc-queries');
    await mkdir(path.join(qdir, 'influxql'), { recursive: true });
    const bundled = path.resolve(import.meta.dirname, '..', '..', 'queries', 'influxql');
    for (const f of ['cpu_busy', 'mem_used']) {
      const text = await readFile(path.join(bundled, `${f}.influxql`), 'utf8');
      await writeFile(path.join(qdir, 'influxql', `${f}.influxql`), `${text.trimEnd()} ORDER BY time DESC\n`);
    }
    const p = await proxy(limited.url, () => unchunked);
    await run('row-limit-desc', p.url);
    const e = await failure(
      summarize('row-limit-desc', { runsDir: dir, remote: { ...FAST, queriesDir: qdir } }),
    );
    expect(e.message).toContain(
      `InfluxDB at ${p.url} (database "bench"): statement 4 was cut at the server's row limit`,
    );
    expect(e.message).toMatch(/raise the limit \(.*desc-queries\/influxql\/cpu_busy\.influxql\)/);
  });
});

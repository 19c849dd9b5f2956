// The Flux source against recorded InfluxDB 2.x answers (annotated CSV, CRLF, several tables,
// error tables) replayed byte for byte from a loopback server: no 2.x server can run here.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarize } from '../../src/pipeline.js';
import { type LocalServer, startReplay } from '../helpers/http-fixture.js';
import { writeRun } from '../helpers/influx-dataset.js';

const FIX = path.resolve(import.meta.dirname, '..', 'fixtures', 'flux');
const CPU = [10, 20, 30, 40, 50, 60];
const MEM = [41.5, 41.75, 42, 42.25, 42.5, 42.75];
// biome-ignore lint/suspicious/noTemplateCurlyInString: a literal ${...} is the hostile part
const HOST = 'srv "quoted" \\ ${interp}';
const data = {
  start: Date.parse('2025-06-19T14:00:00Z'),
  end: Date.parse('2025-06-19T14:01:00Z'),
  intervalSeconds: 10,
  points: [],
};
const FAST = { attempts: 2, backoffMs: 10, timeoutMs: 3000 };

/** Independent figures: nearest rank round(p·n), sample stddev, least-squares slope per minute. */
function expected(vals: number[]) {
  const n = vals.length;
  const mean = vals.reduce((a, b) => a + b, 0) / n;
  const sorted = [...vals].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(n, Math.max(1, Math.floor(n * p + 0.5))) - 1];
  const sd = Math.sqrt(vals.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const xs = vals.map((_, i) => i / 6); // 10 s apart, in minutes
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const slope =
    xs.reduce((a, x, i) => a + (x - mx) * (vals[i]! - mean), 0) / xs.reduce((a, x) => a + (x - mx) ** 2, 0);
  return {
    mean,
    min: sorted[0],
    max: sorted[n - 1],
    sd,
    p50: rank(0.5),
    p95: rank(0.95),
    p99: rank(0.99),
    slope,
  };
}

describe('flux (recorded 2.x annotated-CSV response, no 2.x server here)', () => {
  let dir: string;
  let replay: LocalServer;
  let mode: 'ok' | 'error-table' | '401' | 'no-bucket' | 'cut' = 'ok';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'bench-flux-'));
    const files = {
      cpu: await readFile(path.join(FIX, 'cpu-busy-ok.csv')),
      mem: await readFile(path.join(FIX, 'mem-used-ok.csv')),
      err: await readFile(path.join(FIX, 'cpu-busy-error-table.csv')),
    };
    replay = await startReplay((req) => {
      const csv = { 'content-type': 'text/csv; charset=utf-8' };
      const isCpu = req.body.includes('r._measurement == \\"cpu\\"');
      if (mode === '401')
        return {
          status: 401,
          headers: { 'content-type': 'application/json' },
          body: '{"code":"unauthorized","message":"unauthorized access"}',
        };
      if (mode === 'no-bucket')
        return {
          status: 404,
          headers: { 'content-type': 'application/json' },
          body: '{"code":"not found","message":"failed to initialize execute state: could not find bucket \\"bench\\""}',
        };
      if (mode === 'error-table' && isCpu) return { status: 200, headers: csv, body: files.err };
      if (mode === 'cut') return { status: 200, headers: csv, body: files.cpu, cutAt: 300 };
      return { status: 200, headers: csv, body: isCpu ? files.cpu : files.mem };
    });
    await writeRun(dir, 'flux-run', data, [{ host: HOST, role: 'server' }], {
      flux: replay.url,
      org: 'my org',
      bucket: 'bench',
    });
  });
  afterAll(async () => {
    await replay?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('parses every table of every result into the same figures the file path would give', async () => {
    mode = 'ok';
    const s = await summarize('flux-run', {
      runsDir: dir,
      remote: { ...FAST, env: { INFLUX_TOKEN: 'tok-123' } },
    });
    const n = s.nodes[0]!;
    const c = expected(CPU);
    expect(n.status).toBe('ok');
    expect(n.coverage).toEqual({ expectedSamples: 6, samples: 6, ratio: 1, largestGapSeconds: 0 });
    expect(n.cpu).toMatchObject({
      samples: 6,
      mean: c.mean,
      min: c.min,
      peak: c.max,
      p50: c.p50,
      p95: c.p95,
      p99: c.p99,
    });
    const m = expected(MEM);
    expect(n.memory!.mean).toBeCloseTo(m.mean, 12);
    expect(n.memory!.stddev).toBeCloseTo(m.sd, 12);
    expect(n.memory!.slopePerMinute).toBeCloseTo(m.slope, 9);
    expect(s.inputs[0]).toMatchObject({ format: 'flux', records: 12 });
  });

  it('sends the token from the env option, the org, and the host only as an escaped Flux string', async () => {
    const req = replay.requests.find((r) => r.url.startsWith('/api/v2/query'))!;
    expect(new URL(req.url, 'http://x').searchParams.get('org')).toBe('my org');
    expect(req.authorization).toBe('Token tok-123');
    const query = JSON.parse(req.body).query as string;
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Flux escapes ${ in strings
    expect(query).toContain('r.host == "srv \\"quoted\\" \\\\ \\${interp}"');
    expect(query).toContain(
      'range(start: time(v: "2025-06-19T14:00:00.000Z"), stop: time(v: "2025-06-19T14:01:00.000Z"))',
    );
    expect(query).not.toContain('{{');
  });

  it('an error table mid-answer (HTTP 200) becomes one clear error, not a partial report', async () => {
    mode = 'error-table';
    await expect(summarize('flux-run', { runsDir: dir, remote: FAST })).rejects.toThrow(
      /InfluxDB at http:\/\/127\.0\.0\.1:\d+ \(org "my org", bucket "bench"\): the query failed mid-answer: runtime error @12:3-12:40: quantile: exact_selector: no data; check the query file/,
    );
  });

  it('401 asks for INFLUX_TOKEN without echoing any secret', async () => {
    mode = '401';
    const p = summarize('flux-run', {
      runsDir: dir,
      remote: { ...FAST, env: { INFLUX_TOKEN: 'tok-SECRET' } },
    });
    await expect(p).rejects.toThrow(/authorization failed \(HTTP 401\); check that INFLUX_TOKEN is valid/);
    await expect(p).rejects.not.toThrow(/tok-SECRET/);
  });

  it('an unknown bucket names the bucket and org to check', async () => {
    mode = 'no-bucket';
    await expect(summarize('flux-run', { runsDir: dir, remote: FAST })).rejects.toThrow(
      /could not find bucket "bench"; check "bucket" \("bench"\) and "org" \("my org"\) in the manifest/,
    );
  });

  it('a stream cut mid-table is retried, then reported as cut off', async () => {
    mode = 'cut';
    const before = replay.requests.length;
    await expect(summarize('flux-run', { runsDir: dir, remote: FAST })).rejects.toThrow(
      /closed before the answer was complete|ended before result/,
    );
    expect(replay.requests.length - before).toBe(2);
  });
});

// Faults against a real influxd (and loopback proxies in front of it): each gives one clear
// message naming the server and what to check, never credentials, and never a report that
// looks complete when a node could not be loaded.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as runCli } from '../../src/cli/program.js';
import { isInputError } from '../../src/model/errors.js';
import { build, summarize } from '../../src/pipeline.js';
import type { RemoteOptions } from '../../src/sources/read.js';
import { type Dataset, makeDataset, seedInflux, writeRun } from '../helpers/influx-dataset.js';
import { freePort, haveInfluxd, type Influxd, startInfluxd } from '../helpers/influxd.js';
import { type LocalServer, startProxy, startSilent } from '../helpers/http-fixture.js';

const HOSTS = [
  { host: 'srv', role: 'server' },
  { host: 'b1', role: 'bots', bots: 5 },
  { host: 'b2', role: 'bots', bots: 5 },
];
const FAST: RemoteOptions = { attempts: 2, backoffMs: 10, timeoutMs: 5000 };

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (e) {
    expect(isInputError(e), String(e)).toBe(true);
    return e as Error;
  }
  throw new Error('expected the build to fail');
}

describe.skipIf(!haveInfluxd())('InfluxDB faults (private influxd)', () => {
  let server: Influxd;
  let authServer: Influxd;
  let dir: string;
  let data: Dataset;
  const closers: LocalServer[] = [];
  beforeAll(async () => {
    [server, authServer] = await Promise.all([startInfluxd(), startInfluxd({ auth: true })]);
    dir = await mkdtemp(path.join(os.tmpdir(), 'bench-faults-'));
    data = makeDataset(
      HOSTS.map((h) => ({ host: h.host })),
      { start: Date.parse('2025-06-19T14:00:00Z'), minutes: 5, intervalSeconds: 10, seed: 7 },
    );
    await seedInflux(server, 'bench', data);
    await seedInflux(authServer, 'bench', data);
    await authServer.query(`CREATE USER "reader" WITH PASSWORD 'right-secret'`);
    await authServer.query(`GRANT READ ON "bench" TO "reader"`);
  });
  afterAll(async () => {
    for (const c of closers) await c.close();
    await Promise.all([server?.stop(), authServer?.stop()]);
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const run = async (id: string, url: string, database = 'bench') =>
    writeRun(dir, id, data, HOSTS, { influxql: url, database });

  it('refused connection: names the server and says to check influxd is listening', async () => {
    const port = await freePort();
    await run('refused', `http://127.0.0.1:${port}`);
    const e = await failure(summarize('refused', { runsDir: dir, remote: FAST }));
    expect(e.message).toContain(`InfluxDB at http://127.0.0.1:${port}`);
    expect(e.message).toContain('connection refused; check that influxd is running');
  });

  it('timeout: a server that never answers gives a bounded wait and a clear message', async () => {
    const silent = await startSilent();
    closers.push(silent);
    await run('timeout', silent.url);
    const t0 = Date.now();
    const e = await failure(
      summarize('timeout', { runsDir: dir, remote: { attempts: 2, backoffMs: 10, timeoutMs: 300 } }),
    );
    expect(e.message).toContain('no complete answer within 0.3 s');
    expect(silent.requests.length).toBe(2); // retried once, then gave up
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('401: missing credentials say which variables to set; wrong ones never echo the secret', async () => {
    await run('auth', authServer.url);
    const none = await failure(summarize('auth', { runsDir: dir, remote: FAST }));
    expect(none.message).toContain('authorization failed (HTTP 401)');
    expect(none.message).toContain('INFLUX_TOKEN');
    const env = { INFLUX_USERNAME: 'reader', INFLUX_PASSWORD: 'wrong-secret-123' };
    const wrong = await failure(summarize('auth', { runsDir: dir, remote: { ...FAST, env } }));
    expect(wrong.message).toContain('check INFLUX_USERNAME / INFLUX_PASSWORD');
    expect(wrong.message).not.toContain('wrong-secret-123');
    const token = await failure(
      summarize('auth', { runsDir: dir, remote: { ...FAST, env: { INFLUX_TOKEN: 'tok-SECRET-9' } } }),
    );
    expect(token.message).not.toContain('tok-SECRET-9');
  });

  it('right credentials from the env option load every node', async () => {
    const env = { INFLUX_USERNAME: 'reader', INFLUX_PASSWORD: 'right-secret' };
    const s = await summarize('auth', { runsDir: dir, remote: { ...FAST, env } });
    expect(s.nodes.map((n) => n.status)).toEqual(['ok', 'ok', 'ok']);
    expect(JSON.stringify(s)).not.toContain('right-secret');
  });

  it('the CLI hands its env to the reader: build with INFLUX_USERNAME/INFLUX_PASSWORD exits 0', async () => {
    let stderr = '';
    const out = path.join(dir, 'out-auth');
    const code = await runCli(['build', 'auth', '--runs', dir, '--out', out], {
      stdout: () => {},
      stderr: (t) => {
        stderr += t;
      },
      env: { INFLUX_USERNAME: 'reader', INFLUX_PASSWORD: 'right-secret' },
      cwd: process.cwd(),
      isTTY: false,
    });
    expect(code, stderr).toBe(0);
    const summary = await readFile(path.join(out, 'summary.json'), 'utf8');
    expect(JSON.parse(summary).run.status).toBe('complete');
    for (const f of ['summary.json', 'report.md', 'report.html'])
      expect(await readFile(path.join(out, f), 'utf8')).not.toContain('right-secret');
  });

  it('unknown database: says the database does not exist and where to fix it', async () => {
    await run('nodb', server.url, 'no_such_db');
    const e = await failure(summarize('nodb', { runsDir: dir, remote: FAST }));
    expect(e.message).toContain('database "no_such_db" does not exist; check "database" in the manifest');
    expect(e.message).toContain(path.join('nodb', 'run.json'));
  });

  it('per-statement error from a user query folder names the statement and the query file', async () => {
    const qdir = path.join(dir, 'my-queries');
    await mkdir(path.join(qdir, 'influxql'), { recursive: true });
    const bundled = path.resolve(import.meta.dirname, '..', '..', 'queries', 'influxql');
    for (const f of ['cpu_busy', 'mem_used']) {
      const text = await readFile(path.join(bundled, `${f}.influxql`), 'utf8');
      // Statement 2 mixes an aggregate with a raw field: it parses, but the server refuses
      // to run it and says so in that statement's result (HTTP 200).
      await writeFile(
        path.join(qdir, 'influxql', `${f}.influxql`),
        text.replace('SELECT first(v) AS v FROM', 'SELECT mean(v) AS v, v AS raw FROM'),
      );
    }
    await run('stmt', server.url);
    const e = await failure(summarize('stmt', { runsDir: dir, remote: { ...FAST, queriesDir: qdir } }));
    expect(e.message).toMatch(
      /statement 2 failed: .*aggregate.*; check .*my-queries\/influxql\/cpu_busy\.influxql/,
    );
  });

  it('truncated chunked stream: a half answer is detected, retried, then reported', async () => {
    const proxy = await startProxy(server.url, () => 'cut');
    closers.push(proxy);
    await run('cut', proxy.url);
    const e = await failure(summarize('cut', { runsDir: dir, remote: FAST }));
    expect(e.message).toContain(`InfluxDB at ${proxy.url}`);
    expect(e.message).toContain('stopped mid-stream');
    expect(proxy.requests.length).toBe(2);
  });

  it('influxd stopped mid-run: loaded nodes keep their figures, the rest are flagged, never complete', async () => {
    const victim = await startInfluxd();
    await seedInflux(victim, 'bench', data);
    // Two requests (cpu, mem) per host: the first host loads, then the server goes away.
    const proxy = await startProxy(victim.url, async (n) => {
      if (n === 2) await victim.stop();
      return 'pass' as const;
    });
    closers.push(proxy);
    await run('stopped', proxy.url);
    const built = await build('stopped', { runsDir: dir, remote: FAST });
    const s = built.summary;
    expect(built.markdown).toContain('b1 (bots, 5 bots): data could not be loaded (see data quality)');
    expect(built.markdown).toContain('\\[source-failed\\] b2: data could not be loaded from');
    expect(built.report.verdict.headline).toMatch(/^Incomplete: 2 of 3 nodes not measured/);
    expect(s.nodes[0]!.status).toBe('ok');
    expect(s.nodes.slice(1).map((n) => n.status)).toEqual(['missing', 'missing']);
    expect(s.run.status).toBe('incomplete');
    const failed = s.flags.filter((f) => f.code === 'source-failed');
    expect(failed.map((f) => f.host)).toEqual(['b1', 'b2']);
    expect(failed[0]!.message).toContain(`data could not be loaded from ${proxy.url}`);
  });
});

// `bench-report check` against a private influxd: a node that stopped reporting makes it exit 2
// and name that node; all reporting exits 0; an unreachable server exits 1 with one clear line.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program.js';
import { makeDataset, seedInflux, writeRun } from '../helpers/influx-dataset.js';
import { freePort, haveInfluxd, type Influxd, startInfluxd } from '../helpers/influxd.js';

const START = Date.parse('2025-06-19T14:00:00Z');
const NOW = '2025-06-19T14:10:00Z'; // the end of the 10-minute dataset

async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env,
    cwd: process.cwd(),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

describe.skipIf(!haveInfluxd())('bench-report check (private influxd)', () => {
  let server: Influxd;
  let dir: string;
  const data = makeDataset(
    [
      { host: 'srv' },
      { host: 'bots-1' },
      { host: "bots-2 'quiet'", skip: (i) => i >= 40 }, // stopped 200 s before NOW
      { host: 'bots-3', silent: true }, // Telegraf never reached it
      { host: 'bots-4.cluster' }, // writes, but under a name the manifest does not use
    ],
    { start: START, minutes: 10, intervalSeconds: 10, seed: 3 },
  );
  beforeAll(async () => {
    server = await startInfluxd();
    dir = await mkdtemp(path.join(os.tmpdir(), 'bench-check-'));
    await seedInflux(server, 'bench', data);
    const source = { influxql: server.url, database: 'bench' };
    await writeRun(
      dir,
      'some-silent',
      data,
      [
        { host: 'srv', role: 'server' },
        { host: 'bots-1', role: 'bots', bots: 5 },
        { host: "bots-2 'quiet'", role: 'bots', bots: 5 },
        { host: 'bots-3', role: 'bots', bots: 5 },
        { host: 'bots-4', role: 'bots', bots: 5 },
      ],
      source,
    );
    await writeRun(
      dir,
      'all-good',
      data,
      [
        { host: 'srv', role: 'server' },
        { host: 'bots-1', role: 'bots', bots: 5 },
      ],
      source,
    );
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('exits 2 and names the stale and the silent node', async () => {
    const r = await cli(['check', 'some-silent', '--runs', dir, '--now', NOW]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(
      "3 node(s) not reporting: bots-2 'quiet' (stale), bots-3 (silent), bots-4 (silent)",
    );
    expect(r.stdout).toContain(
      'hosts writing cpu that the manifest does not name: bots-4.cluster (a host-name mismatch?)',
    );
    // The stale node's newest point is the last one written: slot 39, 210 s before NOW.
    expect(r.stdout).toMatch(/bots-2 'quiet'\s+cpu\s+2025-06-19T14:06:30\.000Z\s+210 s\s+0\s+STALE/);
    expect(r.stdout).toMatch(/bots-3\s+mem\s+never\s+—\s+0\s+SILENT/);
  });

  it('--json carries every node and measurement with its newest point and recent count', async () => {
    const r = await cli(['check', 'some-silent', '--runs', dir, '--now', NOW, '--json']);
    expect(r.code).toBe(2);
    const j = JSON.parse(r.stdout);
    expect(j.status).toBe('attention');
    expect(j.nodes.map((n: { status: string }) => n.status)).toEqual([
      'reporting',
      'reporting',
      'stale',
      'silent',
      'silent',
    ]);
    expect(j.unknownHosts).toEqual(['bots-4.cluster']);
    const srvCpu = j.nodes[0].measurements[0];
    // Last 6 intervals up to NOW inclusive: [NOW − 60 s, NOW], which holds 7 slots (54..60).
    const expected = data.points.filter(
      (p) =>
        p.measurement === 'cpu' &&
        p.tags.host === 'srv' &&
        p.tags.cpu === 'cpu-total' &&
        p.time >= Date.parse(NOW) - 60_000 &&
        p.time <= Date.parse(NOW),
    ).length;
    expect(expected).toBe(7);
    // count(*) over cpu counts every cpu series (cpu-total and cpu0), largest field count wins.
    expect(srvCpu.recentPoints).toBe(expected * 2);
    expect(srvCpu.status).toBe('reporting');
  });

  it('exits 0 when every node reports', async () => {
    const r = await cli(['check', 'all-good', '--runs', dir, '--now', NOW]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('all 2 node(s) reporting');
  });

  it('exits 1 with one line naming the server when it cannot be reached', async () => {
    const port = await freePort();
    await writeRun(dir, 'nowhere', data, [{ host: 'srv', role: 'server' }], {
      influxql: `http://127.0.0.1:${port}`,
      database: 'bench',
    });
    const r = await cli(['check', 'nowhere', '--runs', dir, '--now', NOW, '--timeout', '2s']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`InfluxDB at http://127.0.0.1:${port} (database "bench"): connection refused`);
  });

  it('refuses credentials written into the source URL without repeating them', async () => {
    await writeRun(dir, 'userinfo', data, [{ host: 'srv', role: 'server' }], {
      influxql: `http://user:pw-SECRET@127.0.0.1:${server.port}`,
      database: 'bench',
    });
    for (const argv of [
      ['check', 'userinfo', '--runs', dir, '--now', NOW],
      ['build', 'userinfo', '--runs', dir, '--out', path.join(dir, 'out')],
    ]) {
      const r = await cli(argv);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(
        'carries credentials (user:password@); remove them and set INFLUX_USERNAME/INFLUX_PASSWORD',
      );
      expect(r.stderr + r.stdout).not.toContain('pw-SECRET');
    }
  });
});

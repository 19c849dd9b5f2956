// The bundled command (dist/cli-bundle/, what the package's bin runs): the same reports as the
// sources, its read worker where the bundle looks for it and working, and its own folders
// (report templates, InfluxDB queries) found from the bundle's place in the package.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline.js';
import type { ReadJob, WorkerReply } from '../../src/metrics/read-worker.js';
import { loadRun } from '../../src/run/load.js';
import { DEFAULT_TEMPLATE_DIR } from '../../src/render/templates.js';
import { bundledQueriesDir } from '../../src/sources/influx/queries.js';
import { planFileJobs, readFileJob } from '../../src/sources/read.js';
import type { FileSourceSpec } from '../../src/model/types.js';
import { ensureBuilt, repoRoot } from '../helpers/dist.js';
import { makeDataset, seedInflux, writeRun } from '../helpers/influx-dataset.js';
import { haveInfluxd, startInfluxd } from '../helpers/influxd.js';

const run = promisify(execFile);
const bundle = path.join(repoRoot, 'dist', 'cli-bundle');
const bin = path.join(bundle, 'bench-report.js');
let tmp: string;

beforeAll(async () => {
  await ensureBuilt();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-report-bundle-'));
}, 180_000);
afterAll(() => rm(tmp, { recursive: true, force: true }));

describe('the bundled command', () => {
  it('is what the package bin runs', async () => {
    const pkg = JSON.parse(await readFile(path.join(repoRoot, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(path.resolve(repoRoot, pkg.bin['bench-report']!)).toBe(bin);
  });

  it('writes the reports the sources write, with two read threads and with none', async () => {
    const expected = await build('logs-18-of-20', {
      runsDir: path.join(repoRoot, 'fixtures', 'runs'),
      cwd: repoRoot,
      baseline: 'single-node-20',
    });
    for (const threads of ['2', 'off']) {
      const out = path.join(tmp, `t-${threads}`);
      await run(
        process.execPath,
        [bin, 'build', 'logs-18-of-20', '--runs', 'fixtures/runs', '--baseline', 'single-node-20'].concat([
          '--out',
          out,
          '--threads',
          threads,
          '-q',
        ]),
        { cwd: repoRoot },
      );
      expect(await readFile(path.join(out, 'report.md'), 'utf8'), threads).toBe(expected.markdown);
      expect(await readFile(path.join(out, 'report.html'), 'utf8'), threads).toBe(expected.html);
      expect(await readFile(path.join(out, 'summary.json'), 'utf8'), threads).toBe(expected.json);
    }
  });

  it('is two CommonJS entry points and one CommonJS bundle each for the command, its read worker and the charts', async () => {
    const files = (await readdir(bundle)).sort();
    expect(files).toEqual([
      'THIRD-PARTY-NOTICES.txt',
      'bench-report.js',
      'chart-render.cjs',
      'command.cjs',
      'package.json',
      'read-worker.cjs',
      'read-worker.js',
    ]);
    // The entry points are CommonJS: no ES module loader to start first.
    expect(JSON.parse(await readFile(path.join(bundle, 'package.json'), 'utf8')).type).toBe('commonjs');
    // parallel-read resolves the worker as new URL('./read-worker.js', import.meta.url), which in
    // the bundle is the command's own URL.
    expect(await readFile(path.join(bundle, 'command.cjs'), 'utf8')).toContain('./read-worker.js');
  });

  it('reads on without a read worker that fails after starting (its file missing): same reports, a warning', async () => {
    // A copy of the package whose read worker file is gone: the worker thread starts, fails to
    // load it, and the file it was given is read on the main thread instead.
    const pkg = path.join(tmp, 'no-worker-pkg');
    await cp(bundle, path.join(pkg, 'dist', 'cli-bundle'), { recursive: true });
    await rm(path.join(pkg, 'dist', 'cli-bundle', 'read-worker.js'));
    await cp(path.join(repoRoot, 'package.json'), path.join(pkg, 'package.json'));
    // As installed: its dependencies beside it (what the bundle loads lazily, such as nunjucks).
    for (const d of ['report-templates', 'queries', 'node_modules'])
      await symlink(path.join(repoRoot, d), path.join(pkg, d));
    const out = path.join(tmp, 'no-worker-out');
    const r = await run(
      process.execPath,
      [
        path.join(pkg, 'dist', 'cli-bundle', 'bench-report.js'),
        'build',
        'logs-18-of-20',
        '--runs',
        'fixtures/runs',
      ].concat(['--out', out, '--threads', '2']),
      { cwd: repoRoot },
    );
    expect(r.stderr).toMatch(
      /^warning: --threads 2: worker threads could not start \(.+\); the files were read without them/m,
    );
    const expected = await build('logs-18-of-20', {
      runsDir: path.join(repoRoot, 'fixtures', 'runs'),
      cwd: repoRoot,
    });
    expect(await readFile(path.join(out, 'report.md'), 'utf8')).toBe(expected.markdown);
    expect(await readFile(path.join(out, 'summary.json'), 'utf8')).toBe(expected.json);
  });

  it('draws the same charts with a cold, a warm, a damaged and an unwritable code cache', async () => {
    const expected = await build('single-node-20', {
      runsDir: path.join(repoRoot, 'fixtures', 'runs'),
      cwd: repoRoot,
    });
    const cache = path.join(tmp, 'code-cache');
    const html = async (name: string, cacheDir: string) => {
      const out = path.join(tmp, `cache-${name}`);
      const r = await run(
        process.execPath,
        [bin, 'build', 'single-node-20', '--runs', 'fixtures/runs', '--out', out, '-q'],
        { cwd: repoRoot, env: { ...process.env, BENCH_REPORT_CACHE_DIR: cacheDir } },
      );
      expect(r.stderr, name).toBe('');
      return readFile(path.join(out, 'report.html'), 'utf8');
    };
    const cacheFiles = async () => (await readdir(cache)).filter((f) => f.startsWith('chart-render-'));

    expect(await html('cold', cache)).toBe(expected.html);
    const [file] = await cacheFiles();
    expect(file).toMatch(/^chart-render-[0-9a-f]{16}\.v8-cache$/);
    const written = await readFile(path.join(cache, file!));
    expect(written.length).toBeGreaterThan(100_000); // vega's compiled code, not an empty file

    expect(await html('warm', cache)).toBe(expected.html);
    expect((await readFile(path.join(cache, file!))).equals(written)).toBe(true); // used, not rewritten

    // Damaged in the middle, where V8's own checks do not look (its release builds crashed on
    // this): the file's checksum turns it away, and it is replaced.
    const damaged = Buffer.from(written);
    for (let i = damaged.length >> 1, end = i + 4096; i < end; i++) damaged[i]! ^= 0x5a;
    await writeFile(path.join(cache, file!), damaged);
    expect(await html('damaged', cache)).toBe(expected.html);
    const replaced = await readFile(path.join(cache, file!));
    expect(replaced.equals(damaged)).toBe(false);
    expect(replaced.length).toBeGreaterThan(100_000);
    await writeFile(path.join(cache, file!), 'not a V8 code cache');
    expect(await html('garbage', cache)).toBe(expected.html);
    expect((await readFile(path.join(cache, file!))).length).toBeGreaterThan(100_000);
    expect(await cacheFiles()).toEqual([file]);

    // A folder that cannot be made (its parent is a file): no cache, same report, no message.
    expect(await html('unwritable', path.join(cache, file!, 'sub'))).toBe(expected.html);
    expect(await html('off', 'off')).toBe(expected.html);
  });

  it("keeps the command's and its read worker's compiled code: written by a build, not by --version; used, not rewritten; a damaged one replaced", async () => {
    const cache = path.join(tmp, 'code-cache-command');
    const env = { ...process.env, BENCH_REPORT_CACHE_DIR: cache };
    const files = async () => (await readdir(cache).catch(() => [] as string[])).sort();
    await run(process.execPath, [bin, '--version'], { env });
    await run(process.execPath, [bin, 'ls', '--runs', 'fixtures/runs'], { cwd: repoRoot, env });
    expect(await files()).toEqual([]);

    const expected = await build('logs-18-of-20', {
      runsDir: path.join(repoRoot, 'fixtures', 'runs'),
      cwd: repoRoot,
    });
    const buildOnce = async (name: string) => {
      const out = path.join(tmp, `command-cache-${name}`);
      const r = await run(
        process.execPath,
        [bin, 'build', 'logs-18-of-20', '--runs', 'fixtures/runs', '--out', out, '--threads', '2', '-q'],
        { cwd: repoRoot, env },
      );
      expect(r.stderr, name).toBe('');
      expect(await readFile(path.join(out, 'report.md'), 'utf8'), name).toBe(expected.markdown);
    };
    await buildOnce('cold');
    const written = await files();
    expect(written.map((f) => f.replace(/-[0-9a-f]{16}\./, '-KEY.'))).toEqual([
      'chart-render-KEY.v8-cache',
      'command-KEY.v8-cache',
      'read-worker-KEY.v8-cache',
    ]);
    const command = path.join(cache, written[1]!);
    const first = await readFile(command);
    expect(first.length).toBeGreaterThan(100_000);
    await buildOnce('warm');
    expect((await readFile(command)).equals(first)).toBe(true);
    expect(await files()).toEqual(written);

    const damaged = Buffer.from(first);
    for (let i = damaged.length >> 1, end = i + 4096; i < end; i++) damaged[i]! ^= 0x5a;
    await writeFile(command, damaged);
    await writeFile(path.join(cache, written[2]!), 'not a V8 code cache');
    await buildOnce('damaged');
    expect((await readFile(command)).length).toBeGreaterThan(100_000);
    expect((await readFile(command)).equals(damaged)).toBe(false);
    expect((await readFile(path.join(cache, written[2]!))).length).toBeGreaterThan(10_000);
    expect(await files()).toEqual(written);
  });

  it('removes the caches earlier versions left beyond the four most recent, and old temporary files', async () => {
    const cache = path.join(tmp, 'code-cache-prune');
    await mkdir(cache, { recursive: true });
    const day = 24 * 3600;
    const now = Date.now() / 1000;
    // Six caches of other versions, written 1 to 6 days ago; temporary files of 2 days and a minute ago.
    const old = Array.from({ length: 6 }, (_, i) => `chart-render-${String(i).repeat(16)}.v8-cache`);
    for (const [i, name] of old.entries()) {
      await writeFile(path.join(cache, name), 'an old cache');
      await utimes(path.join(cache, name), now - (i + 1) * day, now - (i + 1) * day);
    }
    await writeFile(path.join(cache, 'chart-render-aaaaaaaaaaaaaaaa.v8-cache.1.tmp'), 'left over');
    await utimes(
      path.join(cache, 'chart-render-aaaaaaaaaaaaaaaa.v8-cache.1.tmp'),
      now - 2 * day,
      now - 2 * day,
    );
    await writeFile(path.join(cache, 'chart-render-bbbbbbbbbbbbbbbb.v8-cache.2.tmp'), 'being written');
    await writeFile(path.join(cache, 'notes.txt'), 'not ours');
    await writeFile(path.join(cache, 'chart-render-notes.v8-cache'), 'not ours either');
    await utimes(path.join(cache, 'chart-render-notes.v8-cache'), now - 9 * day, now - 9 * day);
    const r = await run(
      process.execPath,
      [bin, 'build', 'single-node-20', '--runs', 'fixtures/runs', '--out', path.join(tmp, 'prune-out'), '-q'],
      { cwd: repoRoot, env: { ...process.env, BENCH_REPORT_CACHE_DIR: cache } },
    );
    expect(r.stderr).toBe('');
    const all = await readdir(cache);
    // The command's own cache, written by this build too.
    expect(all.filter((f) => /^command-[0-9a-f]{16}\.v8-cache$/.test(f))).toHaveLength(1);
    const left = all.filter((f) => !f.startsWith('command-')).sort();
    const current = left.filter((f) => /^chart-render-[0-9a-f]{16}\.v8-cache$/.test(f) && !old.includes(f));
    expect(current).toHaveLength(1);
    expect(left).toEqual(
      [
        ...current,
        ...old.slice(0, 4),
        'chart-render-bbbbbbbbbbbbbbbb.v8-cache.2.tmp',
        'chart-render-notes.v8-cache',
        'notes.txt',
      ].sort(),
    );
  });

  it('keeps no code cache in the working directory when HOME and XDG_CACHE_HOME are relative', async () => {
    const cwd = await mkdtemp(path.join(tmp, 'no-home-'));
    const { BENCH_REPORT_CACHE_DIR: _, ...env } = process.env;
    const out = path.join(cwd, 'out');
    await run(
      process.execPath,
      [bin, 'build', 'single-node-20', '--runs', path.join(repoRoot, 'fixtures', 'runs'), '--out', out, '-q'],
      { cwd, env: { ...env, HOME: 'relative-home', XDG_CACHE_HOME: 'relative-cache' } },
    );
    expect((await readdir(cwd)).sort()).toEqual(['out']);
  });

  it('ships the licence texts of the packages it holds copies of', async () => {
    const notices = await readFile(path.join(bundle, 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const pkg of ['vega', 'vega-lite', 'commander', 'zod', 'yaml', '@influxdata/influxdb-client'])
      expect(notices, pkg).toMatch(new RegExp(`^${pkg.replace(/[/.]/g, '\\$&')}@\\d`, 'm'));
    expect(notices).toMatch(/Copyright/);
  });

  it('has a read worker that reads a file exactly as this thread does', async () => {
    const spec = await loadRun('logs-18-of-20', path.join(repoRoot, 'fixtures', 'runs'));
    const jobs = (
      await Promise.all(
        spec.sources.filter((s): s is FileSourceSpec => 'path' in s).map((s) => planFileJobs(spec, s, [])),
      )
    ).flat();
    const job = jobs[0]!;
    const worker = new Worker(path.join(bundle, 'read-worker.js'));
    try {
      const replies: WorkerReply[] = [];
      await new Promise<void>((resolve, reject) => {
        worker.on('error', reject);
        worker.on('message', (r: WorkerReply) => {
          replies.push(r);
          if (r.kind === 'error') reject(new Error(r.message));
          if (r.kind === 'done') resolve();
        });
        worker.postMessage({ id: 0, spec, job } satisfies ReadJob);
      });
      const done = replies.at(-1) as Extract<WorkerReply, { kind: 'done' }>;
      let points = 0;
      const report = await readFileJob(spec, job, () => points++);
      expect(done.report).toEqual(report);
      expect(points).toBeGreaterThan(0);
      const samples = replies.reduce((a, r) => a + (r.kind === 'batch' ? r.length : 0), 0);
      expect(samples).toBeGreaterThan(0);
    } finally {
      await worker.terminate();
    }
  });

  it('finds the shipped report templates and queries from its place in the package', () => {
    expect(DEFAULT_TEMPLATE_DIR).toBe(path.join(repoRoot, 'report-templates'));
    expect(bundledQueriesDir()).toBe(path.join(repoRoot, 'queries'));
  });

  it.skipIf(!haveInfluxd())(
    'builds an InfluxQL run from a private influxd with the shipped queries, as the sources do',
    async () => {
      const server = await startInfluxd();
      try {
        const hosts = [
          { host: 'srv', role: 'server' },
          { host: 'b1', role: 'bots', bots: 5 },
        ];
        const data = makeDataset(
          hosts.map((h) => ({ host: h.host })),
          { start: Date.parse('2025-06-19T14:00:00Z'), minutes: 5, intervalSeconds: 10, seed: 3 },
        );
        await seedInflux(server, 'bench', data);
        const runs = path.join(tmp, 'influx-runs');
        await writeRun(runs, 'remote', data, hosts, { influxql: server.url, database: 'bench' });
        const out = path.join(tmp, 'influx-out');
        await run(process.execPath, [bin, 'build', 'remote', '--runs', runs, '--out', out, '-q'], {
          cwd: tmp,
        });
        const expected = await build('remote', { runsDir: runs, cwd: tmp });
        expect(expected.summary.nodes.every((n) => n.status === 'ok')).toBe(true);
        expect(await readFile(path.join(out, 'summary.json'), 'utf8')).toBe(expected.json);
      } finally {
        await server.stop();
      }
    },
    60_000,
  );
});

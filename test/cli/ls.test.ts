// `bench-report ls`: every run folder with its status (read from its data), bots and duration.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, scratchWithFixtures } from '../helpers/cli.js';

let scratch: Awaited<ReturnType<typeof scratchWithFixtures>>;
beforeAll(async () => {
  scratch = await scratchWithFixtures();
  const bad = path.join(scratch.dir, 'fixtures', 'runs', 'broken');
  await mkdir(bad);
  await writeFile(path.join(bad, 'run.yaml'), 'id: broken\nstart: 2025-01-01T00:00:00Z\nnodes: []\n');
  await mkdir(path.join(scratch.dir, 'fixtures', 'runs', 'not-a-run'));
});
afterAll(() => scratch.cleanup());

describe('ls', () => {
  it('prints one row per run with status, bots and duration, sorted by folder', async () => {
    const r = await runCli(['ls', '--runs', 'fixtures/runs'], scratch.dir);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^RUN\s+STATUS\s+BOTS\s+DURATION/);
    const cells = rows.slice(1).map((l) => l.split(/\s+/).slice(0, 4));
    // One row per folder holding a manifest, in folder-name order; folders without one are not runs.
    const runsDir = path.join(scratch.dir, 'fixtures', 'runs');
    const folders = await readdir(runsDir, { withFileTypes: true });
    const runIds: string[] = [];
    for (const f of folders.filter((d) => d.isDirectory())) {
      const children = await readdir(path.join(runsDir, f.name));
      if (children.some((c) => /^run\.(ya?ml|json)$/.test(c))) runIds.push(f.name);
    }
    expect(runIds.length).toBeGreaterThanOrEqual(4);
    expect(cells.map((c) => c[0])).toEqual(runIds.sort());
    // The rows this test is about: one run of each status, with bots and duration from its data.
    const row = (id: string) => cells.find((c) => c[0] === id);
    expect(row('broken')).toEqual(['broken', 'invalid', '—', '—']);
    expect(row('distributed-20')).toEqual(['distributed-20', 'no-data', '20', '10m']);
    expect(row('distributed-20-partial')).toEqual(['distributed-20-partial', 'incomplete', '20', '10m']);
    expect(row('single-node-20')).toEqual(['single-node-20', 'complete', '20', '10m']);
    expect(r.stdout).not.toContain('not-a-run');
    expect(r.stdout).not.toContain('\x1b');
    expect(r.stderr).toMatch(/broken: .*run\.yaml:\d+: key "nodes"/);
  });

  it('colours statuses when stdout is a terminal, unless NO_COLOR is set', async () => {
    const tty = await runCli(['ls', '--runs', 'fixtures/runs'], scratch.dir, { stdoutIsTTY: true });
    expect(tty.stdout).toContain('\x1b[32mcomplete');
    const nc = await runCli(['ls', '--runs', 'fixtures/runs'], scratch.dir, {
      stdoutIsTTY: true,
      env: { NO_COLOR: '1' },
    });
    expect(nc.stdout).not.toContain('\x1b');
  });

  it('--json gives the same runs as data', async () => {
    const r = await runCli(['ls', '--runs', 'fixtures/runs', '--json'], scratch.dir);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.schemaVersion).toBe(1);
    expect(j.runsDir).toBe(path.join('fixtures', 'runs'));
    const partial = j.runs.find((x: { id: string }) => x.id === 'distributed-20-partial');
    expect(partial).toMatchObject({
      status: 'incomplete',
      bots: 20,
      durationSeconds: 600,
      nodes: 3,
      nodesMeasured: 2,
      error: null,
    });
    expect(j.runs.find((x: { id: string }) => x.id === 'broken')).toMatchObject({
      status: 'invalid',
      bots: null,
      error: expect.stringContaining('run.yaml'),
    });
  });

  it('exits 1 naming the folder when it does not exist', async () => {
    const r = await runCli(['ls', '--runs', 'nowhere'], scratch.dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nowhere: runs folder not found');
  });
});

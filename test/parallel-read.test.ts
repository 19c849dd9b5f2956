// Reading a run's files on worker threads must change nothing but speed: the same series, input
// reports, flags and derive statistics as reading them one by one, on every fixture run, on a
// many-file run with bad lines, foreign hosts, out-of-window records, counters-only CPU and
// samples spread across files, and the same error (file and line) when one file is unreadable.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workerCount } from '../src/metrics/parallel-read.js';
import { readRun } from '../src/pipeline.js';
import { loadRun } from '../src/run/load.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(repoRoot, 'fixtures', 'runs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'parallel-read-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function readBoth(runDir: string, threads = 2, exactSampleLimit?: number) {
  const spec = await loadRun(runDir);
  const limit = exactSampleLimit === undefined ? {} : { exactSampleLimit };
  const one = await readRun(spec, { parallel: 'off', ...limit });
  const many = await readRun(spec, { parallel: threads, ...limit });
  // Compared whole except for the thread count itself, which must show the threads were used
  // whenever there were two files or more to read.
  expect(one.threads).toBe(0);
  expect(many.threads).toBe(one.inputs.length >= 2 ? Math.min(threads, one.inputs.length) : 0);
  return { one: { ...one, threads: 0 }, many: { ...many, threads: 0 } };
}

/** A run of `files` line-protocol and CSV files with everything a reader must count. */
function messyRun(name: string, files: number): string {
  const dir = path.join(tmp, name);
  mkdirSync(path.join(dir, 'metrics'), { recursive: true });
  const hosts = ['srv', 'b1', 'b2'];
  writeFileSync(
    path.join(dir, 'run.yaml'),
    [
      `id: ${name}`,
      'start: 2025-01-01T00:00:00Z',
      'duration: 10m',
      'interval: 1s',
      'nodes:',
      '  - { host: srv, role: server }',
      '  - { host: b1, role: bots, bots: 5 }',
      '  - { host: b2, role: bots, bots: 5 }',
      'sources:',
      '  - path: metrics/*.lp',
      '  - path: metrics/*.csv',
      '',
    ].join('\n'),
  );
  const t0 = Date.parse('2025-01-01T00:00:00Z');
  for (let f = 0; f < files; f++) {
    const lines: string[] = [];
    // Each file holds a slice of time for every host, so series are spread across files; the
    // last file repeats some timestamps (duplicates) and goes back in time (out of order).
    for (let s = f * 60; s < (f + 1) * 60 + (f === files - 1 ? 0 : 3); s++) {
      const ns = BigInt(t0 + (f === files - 1 && s % 7 === 0 ? 5 : s) * 1000) * 1_000_000n;
      for (const [h, host] of hosts.entries()) {
        if (host === 'b2' && f % 2 === 1) continue; // b2 silent in odd files: a gap
        const idle = (50 + ((s * 7 + h * 13) % 40)).toFixed(2);
        if (host === 'b1')
          lines.push(
            `cpu,cpu=cpu-total,host=${host} time_user=${s * 0.25},time_system=0,time_idle=${s * 0.5},time_nice=0,time_iowait=0,time_irq=0,time_softirq=0,time_steal=0 ${ns}`,
          );
        else lines.push(`cpu,cpu=cpu-total,host=${host} usage_idle=${idle},usage_user=1 ${ns}`);
        lines.push(`mem,host=${host} used_percent=${40 + (s % 5) / 10},total=100i ${ns}`);
        lines.push(`disk,host=${host},path=/ used=${s}i ${ns}`);
      }
      if (s % 17 === 0) lines.push(`cpu,cpu=cpu-total,host=stranger usage_idle=1 ${ns}`);
      if (s % 23 === 0) lines.push(`mem,host=srv used_percent=oops ${ns}`);
      if (s % 29 === 0) lines.push(`mem,host=srv used_percent=150 ${ns}`);
    }
    lines.push(`cpu,cpu=cpu-total,host=srv usage_idle=10 ${BigInt(t0 - 60_000) * 1_000_000n}`);
    writeFileSync(
      path.join(dir, 'metrics', `part-${String(f).padStart(2, '0')}.lp`),
      `${lines.join('\n')}\n`,
    );
  }
  writeFileSync(
    path.join(dir, 'metrics', 'b2-mem.csv'),
    `timestamp,host,used_percent\n${[0, 1, 2].map((i) => `${t0 / 1000 + 500 + i},b2,${41 + i}`).join('\n')}\n${t0 / 1000 + 600},b2,"x\n`,
  );
  return dir;
}

describe('reading files on worker threads', () => {
  for (const run of readdirSync(fixtures).sort())
    it(`gives exactly the sequential result on fixture run ${run}`, async () => {
      const { one, many } = await readBoth(path.join(fixtures, run));
      expect(many).toEqual(one);
    });

  it('gives exactly the sequential result on a 9-file run with bad lines, foreign hosts, gaps, counters and duplicates', async () => {
    const dir = messyRun('messy', 8);
    const { one, many } = await readBoth(dir, 3);
    expect(one.inputs).toHaveLength(9);
    expect(one.inputs.reduce((a, i) => a + i.rejected, 0)).toBeGreaterThan(0);
    expect(one.flags.map((f) => f.message).join('\n')).toMatch(/repeated a timestamp/);
    expect(one.series.find((s) => s.host === 'b1' && s.metric === 'cpu.busy_pct')?.provenance.field).toBe(
      'time_*',
    );
    expect(many).toEqual(one);
  });

  it('gives exactly the sequential result when series are folded into streaming summaries', async () => {
    const dir = messyRun('summarised', 6);
    const { one, many } = await readBoth(dir, 2, 64);
    expect(one.series.some((s) => s.summary !== undefined)).toBe(true);
    expect(many).toEqual(one);
  });

  it('raises the same error, naming the same file, when a file cannot be read', async () => {
    const dir = messyRun('broken', 4);
    // A directory where a file is expected: the glob skips it, so name it explicitly.
    mkdirSync(path.join(dir, 'metrics', 'zz-dir.lp'));
    writeFileSync(
      path.join(dir, 'run.yaml'),
      'id: broken\nstart: 2025-01-01T00:00:00Z\nduration: 10m\ninterval: 1s\nnodes:\n  - { host: srv, role: server }\nsources:\n  - path: metrics/part-00.lp\n  - path: metrics/part-01.lp\n  - path: metrics/zz-dir.lp\n  - path: metrics/part-02.lp\n',
    );
    const spec = await loadRun(dir);
    const one = await readRun(spec, { parallel: 'off' }).catch((e: Error) => e);
    const many = await readRun(spec, { parallel: 2 }).catch((e: Error) => e);
    expect(one).toBeInstanceOf(Error);
    expect(many).toBeInstanceOf(Error);
    expect((many as Error).name).toBe((one as Error).name);
    expect((many as Error).message).toBe((one as Error).message);
    expect((one as Error).message).toContain('zz-dir.lp');
  });

  it('uses threads only for two files or more and only when asked or big enough', () => {
    expect(workerCount(1, 1e9, 'auto')).toBe(0);
    expect(workerCount(10, 1000, 'auto')).toBe(0);
    expect(workerCount(10, 1000, 'off')).toBe(0);
    expect(workerCount(10, 1000, 3)).toBe(3);
    expect(workerCount(2, 1000, 8)).toBe(2);
    expect(workerCount(10, 1e9, 1)).toBe(0);
  });
});

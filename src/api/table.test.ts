import { op } from 'arquero';
import { describe, expect, it } from 'vitest';
import { summarizeRun } from '../analyze/summarize.js';
import { PROVENANCE } from '../metrics/canonical.js';
import type { RunSpec, Series } from '../model/types.js';
import { toTable } from './table.js';

const start = Date.parse('2025-01-01T00:00:00Z');
const spec: RunSpec = {
  id: 'r1',
  dir: '/tmp',
  manifestPath: 'run.yaml',
  start,
  end: start + 60_000,
  intervalSeconds: 10,
  nodes: [
    { host: 'srv', role: 'server', bots: 0 },
    { host: 'b1', role: 'bots', bots: 4 },
    { host: 'b2', role: 'bots', bots: 4 },
  ],
  sources: [],
  timezone: 'UTC',
};
const times = [0, 1, 2, 3, 4, 5].map((i) => start + i * 10_000);
const series: Series[] = [
  // Deliberately out of manifest order: the table orders hosts as the manifest does.
  {
    host: 'b1',
    metric: 'cpu.busy_pct',
    provenance: PROVENANCE['cpu.busy_pct'],
    times,
    values: [10, 20, 30, 40, 50, 60],
  },
  {
    host: 'srv',
    metric: 'mem.used_pct',
    provenance: PROVENANCE['mem.used_pct'],
    times,
    values: [50, 50, 51, 51, 52, 52],
  },
  {
    host: 'srv',
    metric: 'cpu.busy_pct',
    provenance: PROVENANCE['cpu.busy_pct'],
    times,
    values: [1, 2, 3, 4, 5, 6],
  },
];

describe('toTable', () => {
  const summary = summarizeRun(spec, series, [], []);
  const { samples, nodes } = toTable({ series, summary });

  it('has one sample row per value, ordered by manifest host, metric and time', () => {
    expect(samples.numRows()).toBe(18);
    expect(samples.columnNames()).toEqual(['run', 'host', 'role', 'metric', 'time', 'value']);
    const rows = samples.objects() as { host: string; metric: string; time: number; role: string }[];
    expect(rows.map((r) => `${r.host}/${r.metric}`).filter((v, i, a) => a.indexOf(v) === i)).toEqual([
      'srv/cpu.busy_pct',
      'srv/mem.used_pct',
      'b1/cpu.busy_pct',
    ]);
    expect(rows[0]).toMatchObject({ host: 'srv', role: 'server', time: start });
    expect(rows[17]).toMatchObject({ host: 'b1', role: 'bots', time: start + 50_000 });
  });

  it('gives arquero the raw values: a rollup mean equals the mean computed by hand', () => {
    const means = samples
      .filter((d: { metric: string }) => d.metric === 'cpu.busy_pct')
      .groupby('host')
      .rollup({ mean: (d: { value: number }) => op.mean(d.value) })
      .objects() as { host: string; mean: number }[];
    expect(Object.fromEntries(means.map((m) => [m.host, m.mean]))).toEqual({ srv: 21 / 6, b1: 210 / 6 });
  });

  it('has one node row per manifest node with the summary figures, null where not measured', () => {
    const rows = nodes.objects() as Record<string, unknown>[];
    expect(rows.map((r) => r.host)).toEqual(['srv', 'b1', 'b2']);
    expect(rows[0]).toMatchObject({ role: 'server', cpu_mean: 3.5, cpu_peak: 6, mem_min: 50, mem_max: 52 });
    // The server's CPU per bot divides by the run's 8 bots.
    expect(rows[0]!.cpu_per_bot).toBeCloseTo(3.5 / 8, 12);
    expect(rows[1]).toMatchObject({ bots: 4, cpu_mean: 35, mem_mean: null });
    expect(rows[1]!.cpu_per_bot).toBeCloseTo(35 / 4, 12);
    expect(rows[2]).toMatchObject({
      status: 'missing',
      samples: 0,
      cpu_mean: null,
      cpu_per_bot: null,
      mem_stable: null,
    });
  });
});

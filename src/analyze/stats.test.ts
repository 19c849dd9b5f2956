// Per-node statistics against an independent oracle: Python's statistics module reading the
// fixture's raw files itself. Nothing of bench-report computes the expected values.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarize } from '../pipeline.js';
import { DEFAULT_THRESHOLDS } from './summarize.js';
import { cpuStats, memoryStats, nearestRank } from './stats.js';
import { PROVENANCE } from '../metrics/canonical.js';

const REPO = path.resolve(import.meta.dirname, '..', '..');

function oracle(runId: string, start: string, end: string) {
  const out = execFileSync('python3', [
    path.join(REPO, 'test/oracle/stats.py'),
    path.join(REPO, 'fixtures/runs', runId),
    String(Date.parse(start) / 1000),
    String(Date.parse(end) / 1000),
  ]);
  return JSON.parse(out.toString());
}

describe('per-node statistics equal an independent computation', () => {
  for (const runId of ['single-node-20', 'distributed-20-partial']) {
    it(`${runId}: CPU mean/p50/p95/p99/peak/min and memory mean/min/max/stddev/slope`, async () => {
      const s = await summarize(runId, { runsDir: path.join(REPO, 'fixtures/runs') });
      const expected = oracle(runId, s.run.start, s.run.end);
      const measured = s.nodes.filter((n) => n.status !== 'missing');
      expect(measured.length).toBeGreaterThan(0);
      for (const n of measured) {
        const e = expected[n.host];
        expect(e, `oracle found no data for ${n.host}`).toBeDefined();
        for (const k of ['samples', 'mean', 'p50', 'p95', 'p99', 'peak', 'min'] as const) {
          expect(n.cpu![k], `${n.host} cpu.${k}`).toBeCloseTo(e.cpu[k], 9);
        }
        for (const k of ['samples', 'mean', 'min', 'max', 'stddev', 'slopePerMinute'] as const) {
          expect(n.memory![k], `${n.host} memory.${k}`).toBeCloseTo(e.memory[k], 9);
        }
      }
    });
  }

  it('single-node-20 server matches the story: CPU near 1.44% mean and 3.10% peak, memory near 91.7% and stable', async () => {
    const s = await summarize('single-node-20', { runsDir: path.join(REPO, 'fixtures/runs') });
    const server = s.nodes.find((n) => n.role === 'server')!;
    expect(server.cpu!.mean).toBeCloseTo(1.44, 2);
    expect(server.cpu!.peak).toBeCloseTo(3.1, 2);
    expect(server.memory!.mean).toBeGreaterThan(91.6);
    expect(server.memory!.mean).toBeLessThan(91.8);
    expect(server.memory!.stable).toBe(true);
    expect(server.cpuPerBot).toBeCloseTo(server.cpu!.mean / 20, 12);
  });
});

describe('cpuStats / memoryStats edge cases', () => {
  it('no samples gives null, never zero', () => {
    expect(cpuStats([], PROVENANCE['cpu.busy_pct'])).toBeNull();
    expect(memoryStats([], [], 10, DEFAULT_THRESHOLDS, PROVENANCE['mem.used_pct'])).toBeNull();
  });
  it('one sample: mean = peak = min, no stddev or slope, stability not judged', () => {
    const c = cpuStats([2.5], PROVENANCE['cpu.busy_pct'])!;
    expect([c.mean, c.p50, c.p95, c.p99, c.peak, c.min]).toEqual([2.5, 2.5, 2.5, 2.5, 2.5, 2.5]);
    const m = memoryStats([0], [50], 10, DEFAULT_THRESHOLDS, PROVENANCE['mem.used_pct'])!;
    expect(m.stddev).toBeNull();
    expect(m.slopePerMinute).toBeNull();
    expect(m.stable).toBeNull();
  });
  it('memory that climbs 2 points over 10 minutes is not stable; flat memory is', () => {
    const times = Array.from({ length: 60 }, (_, i) => i * 10_000);
    const climbing = times.map((_, i) => 50 + (2 * i) / 59);
    const flat = times.map((_, i) => 50 + (i % 2) * 0.1);
    const t = DEFAULT_THRESHOLDS;
    expect(memoryStats(times, climbing, 10, t, PROVENANCE['mem.used_pct'])!.stable).toBe(false);
    expect(memoryStats(times, climbing, 10, t, PROVENANCE['mem.used_pct'])!.slopePerMinute).toBeCloseTo(
      2 / (590 / 60),
      9,
    );
    expect(memoryStats(times, flat, 10, t, PROVENANCE['mem.used_pct'])!.stable).toBe(true);
  });
});

describe('nearestRank (the InfluxQL PERCENTILE rule)', () => {
  it('picks the sample at rank floor(p·n + 0.5), clamped to [1, n]', () => {
    const ten = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(nearestRank(ten, 0.5)).toBe(5); // rank 5
    expect(nearestRank(ten, 0.95)).toBe(10); // 9.5 + 0.5 → rank 10
    expect(nearestRank(ten, 0.94)).toBe(9); // 9.4 + 0.5 → rank 9
    expect(nearestRank([7], 0.5)).toBe(7);
    expect(nearestRank([7], 0.01)).toBe(7); // rank 0 clamps to 1 (InfluxQL returns null there)
    expect(nearestRank([1, 2, 3], 0.5)).toBe(2); // 1.5 + 0.5 → rank 2
    expect(nearestRank([1, 2, 3, 4], 0.5)).toBe(2); // never the mean of 2 and 3
  });
  it('is NaN for no samples', () => {
    expect(nearestRank([], 0.5)).toBeNaN();
  });
});

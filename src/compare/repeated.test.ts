import { describe, expect, it } from 'vitest';
import { compareGroups } from './repeated.js';
import { synthRun } from './test-helpers.js';

const runs = (prefix: string, cpus: number[], seed: number) =>
  cpus.map((cpu, i) =>
    synthRun(
      `${prefix}-${i + 1}`,
      [
        { host: 'srv', role: 'server', cpu, mem: 60 },
        { host: 'bots-1', role: 'bots', bots: 20, cpu: 40, mem: 35 },
      ],
      seed + i,
      { group: prefix },
    ),
  );

describe('compareGroups (repeated runs, Mann–Whitney on run-level values)', () => {
  it('calls complete separation of 4 + 4 runs significant at p = 2/70', () => {
    const c = compareGroups(
      runs('base', [20, 20.2, 19.8, 20.1], 10),
      runs('cand', [26, 26.3, 25.9, 26.1], 20),
    );
    const row = c.rows.find((r) => r.group === 'server' && r.metric === 'CPU mean')!;
    expect(row.verdict).toBe('regressed');
    expect(row.noise?.method).toBe('mann-whitney');
    if (row.noise?.method === 'mann-whitney') {
      expect(row.noise.p).toBeCloseTo(2 / 70, 12); // 2 of the C(8,4) = 70 splits are as extreme
      expect([row.noise.nBase, row.noise.nCand]).toEqual([4, 4]);
    }
    expect(row.base.n).toBe(4);
    expect(row.base.runs!.map((r) => r.id)).toEqual(['base-1', 'base-2', 'base-3', 'base-4']);
    expect(c.baseLabel).toBe('base');
    expect(c.warnings.some((w) => w.code === 'too-few-runs')).toBe(false);
  });

  it('warns with 3 runs per side: the best possible p is 2/20 = 0.1, so the result is ~', () => {
    const c = compareGroups(runs('base', [20, 20.1, 19.9], 30), runs('cand', [26, 26.1, 25.9], 40));
    const row = c.rows.find((r) => r.group === 'server' && r.metric === 'CPU mean')!;
    expect(row.verdict).toBe('unchanged');
    if (row.noise?.method === 'mann-whitney') expect(row.noise.p).toBeCloseTo(0.1, 12);
    const w = c.warnings.find((x) => x.code === 'too-few-runs')!;
    expect(w.message).toContain('smallest possible p is 0.10');
  });

  it('honours a configurable alpha', () => {
    const c = compareGroups(runs('base', [20, 20.1, 19.9], 30), runs('cand', [26, 26.1, 25.9], 40), {
      alpha: 0.11,
    });
    expect(c.rows.find((r) => r.group === 'server' && r.metric === 'CPU mean')!.verdict).toBe('regressed');
  });
});

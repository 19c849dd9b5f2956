import { describe, expect, it } from 'vitest';
import { scalingAnalysis } from './scaling.js';
import { synthRun } from './test-helpers.js';

const run = (bots: number, cpu: number | null, seed: number, botCpu = 40) =>
  synthRun(
    `s-${bots}`,
    [
      { host: 'srv', role: 'server', cpu, mem: 40 + 0.05 * bots, cpuSd: 0.0001 },
      { host: 'bots-1', role: 'bots', bots, cpu: botCpu, mem: 30 },
    ],
    seed,
  ).summary;

describe('scalingAnalysis', () => {
  it('fits server CPU against bots and lists excluded runs with the reason', () => {
    // Server CPU exactly 2 + 0.18·bots (noise sd 1e-4): the fit recovers slope 0.18, R² ≈ 1.
    const s = scalingAnalysis(
      [
        run(10, 3.8, 1),
        run(25, 6.5, 2),
        run(50, 11, 3),
        run(75, null, 4),
        run(100, 20, 5),
        run(60, 12.8, 6, 92),
      ],
      [{ id: 'broken', reason: 'could not be read: run.yaml:3: bad' }],
    );
    expect(s.points.map((p) => p.totalBots)).toEqual([10, 25, 50, 100]);
    expect(s.excluded.map((e) => e.id)).toEqual(['broken', 's-60', 's-75']);
    expect(s.excluded.find((e) => e.id === 's-75')!.reason).toBe('server srv has no CPU data');
    expect(s.excluded.find((e) => e.id === 's-60')!.reason).toMatch(/load generator saturated/);
    const cpu = s.fits.find((f) => f.y === 'server CPU mean')!.fit!;
    expect(cpu.slope).toBeCloseTo(0.18, 3);
    expect(cpu.intercept).toBeCloseTo(2, 2);
    expect(cpu.r2!).toBeGreaterThan(0.9999);
    expect(cpu.slopeLow!).toBeLessThan(0.18 + 1e-6);
    expect(cpu.slopeHigh!).toBeGreaterThan(0.18 - 1e-6);
    expect(s.points[0]!.cpuPerBot).toBeCloseTo(3.8 / 10, 3);
    expect(s.predictions).toEqual([]);
  });

  it('keeps the measured figures of a run excluded as saturated, and none for a run without CPU data', () => {
    const s = scalingAnalysis([run(10, 3.8, 1), run(50, 11, 3), run(75, null, 4), run(60, 12.8, 6, 92)]);
    const sat = s.excluded.find((e) => e.id === 's-60')!;
    expect(sat.totalBots).toBe(60);
    expect(sat.cpuMean).toBeCloseTo(12.8, 2);
    // Memory carries AR(1) noise of sd 0.1 around 40 + 0.05·60.
    expect(sat.memMean).toBeCloseTo(40 + 0.05 * 60, 0);
    const noCpu = s.excluded.find((e) => e.id === 's-75')!;
    expect(noCpu.totalBots).toBeUndefined();
    expect(noCpu.cpuMean).toBeUndefined();
  });

  it('gives model values only when asked, marked as model and as extrapolated beyond the range', () => {
    const s = scalingAnalysis([run(10, 3.8, 1), run(50, 11, 3), run(100, 20, 5)], [], { predict: [200, 40] });
    const p200 = s.predictions.find((p) => p.bots === 200 && p.y === 'server CPU mean')!;
    expect(p200.kind).toBe('model');
    expect(p200.extrapolated).toBe(true);
    expect(p200.value).toBeCloseTo(2 + 0.18 * 200, 1);
    expect(s.predictions.find((p) => p.bots === 40)!.extrapolated).toBe(false);
  });

  it('has no fit with runs at a single bot total', () => {
    const s = scalingAnalysis([run(10, 3.8, 1)]);
    expect(s.fits[0]!.fit).toBeNull();
    expect(s.fits[0]!.reason).toContain('two or more bot totals');
  });
});

import { describe, expect, it } from 'vitest';
import { architectureView } from './architecture.js';
import { synthRun } from './test-helpers.js';

const single = synthRun(
  'single',
  [
    { host: 'srv', role: 'server', cpu: 20 },
    { host: 'bots-1', role: 'bots', bots: 20, cpu: 60 },
  ],
  1,
).summary;
const dist = (bCpu: number | null) =>
  synthRun(
    'dist',
    [
      { host: 'srv', role: 'server', cpu: 21 },
      { host: 'bots-a', role: 'bots', bots: 10, cpu: 30 },
      { host: 'bots-b', role: 'bots', bots: 10, cpu: bCpu },
    ],
    2,
  ).summary;

describe('architectureView', () => {
  it('lines up single and distributed layouts at equal bot totals with computed caveats', () => {
    const v = architectureView(single, dist(32))!;
    expect(v.totalBots).toBe(20);
    const sum = v.lines.find((l) => l.quantity.startsWith('bot-node CPU, summed'))!;
    const a = dist(32).nodes.find((n) => n.host === 'bots-a')!.cpu!.mean;
    const b = dist(32).nodes.find((n) => n.host === 'bots-b')!.cpu!.mean;
    expect(sum.cand).toBeCloseTo(a + b, 10);
    expect(v.lines.find((l) => l.quantity === 'bot-node CPU per bot')!.cand).toBeCloseTo((a + b) / 20, 10);
    expect(v.caveats[0]).toContain('single bot node (bots-1, 20 bots)');
    expect(v.caveats[0]).toContain('2 bot nodes (bots-a: 10, bots-b: 10)');
    expect(v.caveats.some((c) => c.includes('machines of the same size'))).toBe(true);
  });

  it('says which node is missing instead of summing part of the nodes', () => {
    const v = architectureView(single, dist(null))!;
    const sum = v.lines.find((l) => l.quantity.startsWith('bot-node CPU, summed'))!;
    expect(sum.cand).toBeNull();
    expect(sum.missing).toEqual(['dist: bots-b has no CPU data']);
    expect(v.caveats).toContain("dist: bots-b not measured, so that run's bot-side totals cannot be formed.");
  });

  it('does not apply to runs with different bot totals or the same layout', () => {
    expect(architectureView(single, single)).toBeNull();
  });
});

describe('run verdict with a saturated load generator', () => {
  it('puts the unverified load first in the headline', async () => {
    const { verdictOf } = await import('../report/sections/verdict.js');
    const s = synthRun(
      'sat',
      [
        { host: 'srv', role: 'server', cpu: 20 },
        { host: 'bots-1', role: 'bots', bots: 20, cpu: 95 },
      ],
      1,
    ).summary;
    expect(verdictOf(s).headline).toMatch(/^Unverified load: sat: bots-1 CPU mean 9\d\.\d% exceeds 85%/);
  });
});

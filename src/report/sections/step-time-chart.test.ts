import { describe, expect, it } from 'vitest';
import { tickHealth } from '../../analyze/tick-health.js';
import { compileSvg } from '../../charts/compile.js';
import type { TickSample } from '../../model/events.js';
import { mermaidChart } from '../../render/mermaid.js';
import { stepTimeChart } from './step-time-chart.js';

// Steps of 1, 2, … 100 ms at uptime 500, 501, … 599 s; 6 players throughout.
const ticks: TickSample[] = Array.from({ length: 100 }, (_, i) => ({
  clockSeconds: 500 + i,
  stepMs: i + 1,
  players: 6,
}));
const budget = 90;
const stats = tickHealth({ events: [], ticks, logs: [] }, budget)!.steps!;
const block = stepTimeChart(ticks, stats, budget)!;

describe('stepTimeChart', () => {
  it('says in its text alternative what the data says: percentiles, max and steps over budget', () => {
    if (block.kind !== 'chart') throw new Error('not a chart');
    // Independently, by linear interpolation between order statistics (what tick health uses): at
    // (n − 1)·p, the median of 1..100 is 50.5 and p95 is 95 + 0.05 × (96 − 95) = 95.05;
    // 91..100 are over a 90 ms budget: 10 steps, 10%.
    expect(block.alt).toContain('p50 50.50 ms, p95 95.05 ms, max 100.00 ms');
    expect(block.alt).toContain('10 step(s) (10.0%) over the 90 ms budget');
    expect(block.alt).toContain('from 500.0 to 599.0 s, 100 samples');
    expect(block.alt).toContain('not wall time');
    expect(block.alt).toContain('6 to 6');
  });

  it('sketches the per-bucket maximum step over the uptime span for Mermaid', () => {
    if (block.kind !== 'chart') throw new Error('not a chart');
    const sk = block.sketch!;
    expect(sk.xTitle).toBe('Server uptime (s)');
    expect(sk.xRange).toEqual([500, 599]);
    expect(sk.values).toHaveLength(30);
    // Steps grow with uptime, so the last bucket's maximum is the overall maximum and the sketch never falls.
    expect(sk.values.at(-1)).toBe(100);
    expect(sk.values.every((v, i) => i === 0 || v >= sk.values[i - 1]!)).toBe(true);
    expect(mermaidChart(sk)).toContain('xychart-beta');
  });

  it('compiles to an SVG with vega', async () => {
    if (block.kind !== 'chart') throw new Error('not a chart');
    const svg = await compileSvg(block.spec, block.id);
    expect(svg).toContain('<svg');
    expect(svg).toContain('budget 90 ms');
  });

  it('gives no sketch when the server clock restarted, and no chart without samples', () => {
    const restarted = [...ticks, { clockSeconds: 3, stepMs: 40, players: 0 }];
    const s2 = tickHealth({ events: [], ticks: restarted, logs: [] }, budget)!.steps!;
    const b2 = stepTimeChart(restarted, s2, budget)!;
    if (b2.kind !== 'chart') throw new Error('not a chart');
    expect(b2.sketch).toBeUndefined();
    expect(b2.alt).toContain('went back 1 time(s)');
    expect(stepTimeChart([], stats, budget)).toBeNull();
  });
});

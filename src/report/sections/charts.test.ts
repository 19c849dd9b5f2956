import { describe, expect, it } from 'vitest';
import { compileSvg } from '../../charts/compile.js';
import { mermaidChart } from '../../render/mermaid.js';
import { scalingChart } from './charts.js';

describe('scalingChart', () => {
  const block = scalingChart({
    id: 'scaling-cpu',
    title: 'Server CPU against bots',
    xTitle: 'Total bots',
    yTitle: 'Server CPU mean (%)',
    points: [
      { x: 40, y: 2.9, label: 'r40' },
      { x: 10, y: 1.1, label: 'r10' },
      { x: 20, y: 1.44, label: 'r20' },
    ],
    fit: { slope: 0.06, intercept: 0.5, r2: 0.98 },
    notMeasured: ['r80'],
  });

  it('describes every point, the fit and what was not measured in its text alternative', () => {
    expect(block.kind).toBe('chart');
    if (block.kind !== 'chart') return;
    expect(block.alt).toBe(
      'Server CPU mean (%) against Total bots, one point per run: r10 (10, 1.10); r20 (20, 1.44); r40 (40, 2.90). Least-squares fit: y = 0.500 + 0.0600·x, R² 0.980. Not measured: r80.',
    );
  });

  it('draws points and fit with vega, and sketches the points for Mermaid in x order', async () => {
    if (block.kind !== 'chart') throw new Error('not a chart');
    const svg = await compileSvg(block.spec, block.id);
    expect(svg).toContain('r40');
    expect(mermaidChart(block.sketch!)).toContain('bar [1.1, 1.44, 2.9]');
  });
});

describe('scalingChart with excluded runs', () => {
  const block = scalingChart({
    id: 'scaling-cpu',
    title: 'Server CPU against bots',
    xTitle: 'Total bots',
    yTitle: 'Server CPU mean (%)',
    points: [
      { x: 10, y: 4, label: 'r10' },
      { x: 50, y: 12, label: 'r50' },
    ],
    fit: { slope: 0.2, intercept: 2, r2: 1 },
    excluded: [
      { id: 'r60', reason: 'load generator saturated', x: 60, y: 9.5 },
      { id: 'r75', reason: 'server has no CPU data' },
    ],
  });

  it('names each excluded run and why: drawn ones with their figure, the others as not drawn', () => {
    if (block.kind !== 'chart') throw new Error('not a chart');
    expect(block.alt).toContain(
      'Excluded from the fit, drawn hollow grey: r60 (60, 9.50; load generator saturated).',
    );
    expect(block.alt).toContain('Excluded, not drawn: r75 (server has no CPU data).');
  });

  it('draws the excluded run labelled as excluded in the SVG', async () => {
    if (block.kind !== 'chart') throw new Error('not a chart');
    const svg = await compileSvg(block.spec, block.id);
    expect(svg).toContain('r60 (excluded)');
    expect(svg).not.toContain('r75');
  });
});

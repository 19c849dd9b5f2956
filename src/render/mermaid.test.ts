import { describe, expect, it } from 'vitest';
import { mermaidChart, mermaidLabel } from './mermaid.js';

describe('mermaidChart', () => {
  it('writes a bar chart with quoted categories', () => {
    expect(
      mermaidChart({
        kind: 'bar',
        title: 'CPU per bot (%)',
        xTitle: 'Node',
        yTitle: 'CPU (%)',
        categories: ['a', 'b'],
        values: [1, 2],
      }),
    ).toBe(
      '```mermaid\nxychart-beta\n  title "CPU per bot (%)"\n  x-axis "Node" ["a", "b"]\n  y-axis "CPU (%)" 0 --> 2.2\n  bar [1, 2]\n```',
    );
  });

  it('writes a line over a numeric x range, with a fixed y top when given', () => {
    expect(
      mermaidChart({
        kind: 'line',
        title: 't',
        xTitle: 'Elapsed (min)',
        yTitle: 'Memory (%)',
        xRange: [0, 10],
        yMax: 100,
        values: [91.5, 92],
      }),
    ).toBe(
      '```mermaid\nxychart-beta\n  title "t"\n  x-axis "Elapsed (min)" 0 --> 10\n  y-axis "Memory (%)" 0 --> 100\n  line [91.5, 92]\n```',
    );
  });

  it('draws nothing rather than a wrong chart for empty or non-finite data', () => {
    expect(
      mermaidChart({ kind: 'line', title: 't', xTitle: 'x', yTitle: 'y', xRange: [0, 1], values: [] }),
    ).toBeNull();
    expect(
      mermaidChart({
        kind: 'line',
        title: 't',
        xTitle: 'x',
        yTitle: 'y',
        xRange: [0, 1],
        values: [1, Number.NaN],
      }),
    ).toBeNull();
  });

  it('reduces labels to characters that cannot end a string or start syntax', () => {
    expect(mermaidLabel('a"]; x-axis "b`<br>\n')).toBe('a___ x-axis _b__br__');
    expect(mermaidLabel('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

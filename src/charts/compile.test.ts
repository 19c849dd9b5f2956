import { describe, expect, it } from 'vitest';
import { ChartCompileError, compileSvg } from './compile.js';
import { timeSeriesSpec } from './specs.js';

const T0 = Date.UTC(2025, 0, 1);
const spec = timeSeriesSpec({
  title: 'CPU',
  yTitle: 'CPU busy (%)',
  start: T0,
  end: T0 + 600_000,
  series: [
    {
      host: '<script>alert(1)</script>',
      role: 'server',
      times: [T0, T0 + 5000, T0 + 10_000],
      values: [1, 5, 2],
    },
  ],
  gaps: [{ host: 'x', start: T0 + 100_000, end: T0 + 200_000 }],
});

describe('compileSvg', () => {
  it('gives byte-identical SVG for the same spec', async () => {
    const a = await compileSvg(spec, 'cpu');
    const b = await compileSvg(structuredClone(spec), 'cpu');
    expect(a.startsWith('<svg ')).toBe(true);
    expect(a).toBe(b);
  });

  it('escapes data text and carries no URL or script', async () => {
    const svg = await compileSvg(spec, 'cpu');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toMatch(/<script/i);
    expect(svg).not.toMatch(/https?:/);
  });

  it('prefixes every element id with the chart id, so charts can share a page', async () => {
    // A clipped mark makes vega define a clip path with an id and reference it.
    const clipped = {
      data: { values: [{ a: 1 }] },
      mark: { type: 'bar', clip: true },
      encoding: { x: { field: 'a', type: 'quantitative', scale: { domain: [0, 0.5] } } },
    };
    const svg = await compileSvg(clipped, 'my chart');
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id!.startsWith('my-chart-')).toBe(true);
    for (const ref of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref[1]);
  });

  it('reports a spec vega cannot draw as ChartCompileError naming the chart', async () => {
    await expect(compileSvg({ mark: 'nonsense-mark' }, 'broken')).rejects.toThrow(ChartCompileError);
    await expect(compileSvg({ mark: 'nonsense-mark' }, 'broken')).rejects.toThrow(/chart broken/);
  });

  it('draws log events as labelled rules', async () => {
    const withEvents = timeSeriesSpec({
      title: 'CPU',
      yTitle: 'CPU busy (%)',
      start: T0,
      end: T0 + 600_000,
      series: [{ host: 'srv', role: 'server', times: [T0, T0 + 300_000], values: [1, 2] }],
      events: [
        { time: T0 + 60_000, kind: 'bots joined' },
        { time: T0 + 540_000, kind: 'shutdown' },
      ],
    });
    const svg = await compileSvg(withEvents, 'ev');
    expect(svg).toContain('>bots joined<');
    expect(svg).toContain('>shutdown<');
    expect(svg).toMatch(/stroke-dasharray="4,3"/);
  });

  it('draws a lone sample between two holes as a dot, and no dots otherwise', async () => {
    const series = (times: number[]) => [
      { host: 'srv', role: 'server' as const, times, values: times.map((_, i) => i + 1) },
    ];
    const input = {
      title: 'CPU',
      yTitle: 'CPU busy (%)',
      start: T0,
      end: T0 + 600_000,
      breakAfterMs: 60_000,
    };
    const lone = await compileSvg(
      timeSeriesSpec({ ...input, series: series([T0, T0 + 5000, T0 + 300_000, T0 + 590_000]) }),
      'lone',
    );
    // Two dots: the samples at minutes 5 and 9.83 are alone between holes of more than a minute
    // (the legend's symbols are role-legend-symbol).
    const dots = /<g class="mark-symbol role-mark[^>]*>(.*?)<\/g>/.exec(lone)![1]!;
    expect(dots.match(/<path transform="translate\(/g)).toHaveLength(2);
    expect(dots).toMatch(/^<path transform="translate\(360,/);
    const none = await compileSvg(
      timeSeriesSpec({ ...input, series: series([T0, T0 + 5000, T0 + 10_000]) }),
      'none',
    );
    expect(none).not.toContain('mark-symbol role-mark');
  });

  it("draws each role's lines as one path that moves, not draws, from one line to the next", async () => {
    const times = [T0, T0 + 5000, T0 + 10_000];
    const svg = await compileSvg(
      timeSeriesSpec({
        title: 'CPU',
        yTitle: 'CPU busy (%)',
        start: T0,
        end: T0 + 60_000,
        series: [
          { host: 'srv', role: 'server', times, values: [50, 60, 70] },
          { host: 'b1', role: 'bots', times, values: [10, 20, 30] },
          { host: 'b2', role: 'bots', times: [...times, T0 + 50_000], values: [1, 2, 3, 4] },
        ],
        breakAfterMs: 20_000,
      }),
      'roles',
    );
    const paths = [
      ...svg.matchAll(/<g class="mark-line role-mark[^>]*><path d="([^"]+)" stroke="(#[0-9a-f]+)"/g),
    ];
    // server; bots: b1's line, b2's line, b2's lone last sample after a break (drawn as a dot).
    expect(paths.map((p) => p[2])).toEqual(['#d1242f', '#0969da']);
    expect(paths.map((p) => p[1]!.match(/[ML]/g)!.join(''))).toEqual(['MLL', 'MLLMLLM']);
  });

  it('refuses to load data from a URL', async () => {
    await expect(
      compileSvg({ data: { url: 'http://127.0.0.1:9/x.json' }, mark: 'point' }, 'net'),
    ).rejects.toThrow(/inline/);
  });
});

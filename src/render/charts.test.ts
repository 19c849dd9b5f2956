import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Report } from '../report/model.js';
import { chartFileName, compactJson, renderCharts } from './charts.js';
import { renderHtml } from './html.js';

const report: Report = {
  title: 'T',
  runId: 'r',
  verdict: { status: 'complete', headline: 'h', measured: [], notMeasured: [] },
  sections: [
    {
      id: 's',
      title: 'S',
      blocks: [
        {
          kind: 'chart',
          id: 'good',
          title: 'Good',
          alt: 'A good chart',
          spec: {
            title: 'Good',
            data: { values: [{ a: 1 }] },
            mark: 'point',
            encoding: { x: { field: 'a', type: 'quantitative' } },
          },
        },
        {
          kind: 'details',
          summary: 'more',
          blocks: [
            {
              kind: 'chart',
              id: 'bad',
              title: 'Bad',
              alt: 'Points per node, described',
              spec: { mark: 'nonsense' },
            },
          ],
        },
      ],
    },
  ],
};

describe('renderCharts', () => {
  it('compiles every chart, nested ones too; one vega cannot draw keeps its text alternative', async () => {
    const charts = await renderCharts(report);
    expect(charts.map((c) => [c.id, c.file, c.svg !== null])).toEqual([
      ['good', 'good.vl.json', true],
      ['bad', 'bad.vl.json', false],
    ]);
    expect(charts[1]!.error).toMatch(/chart chart-bad/);
    // The title is the figure caption in HTML, so the SVG does not draw it again.
    expect(charts[0]!.svg).not.toContain('>Good<');
    const html = renderHtml(report, { svgs: { good: charts[0]!.svg! } });
    expect(html).toContain('<p class="chart-missing">Chart not drawn.</p>');
    expect(html).toContain('Points per node, described');
  });

  it('writes specs with one data row per line and parses back to the same value', () => {
    const spec = {
      a: { b: [1, 2] },
      values: [
        { x: 1, y: 'q"' },
        { x: 2, y: null },
      ],
      s: 'x',
    };
    const text = compactJson(spec);
    expect(JSON.parse(text)).toEqual(spec);
    expect(text).toBe(
      '{\n  "a": {\n    "b": [1,2]\n  },\n  "values": [\n    {"x":1,"y":"q\\""},\n    {"x":2,"y":null}\n  ],\n  "s": "x"\n}',
    );
  });

  it('writes exactly what the plain recursive writer writes, for any JSON value (fast one-line rows)', () => {
    // A plain recursive writer with JSON.stringify's one-line rows: the reference.
    const reference = (value: unknown, indent = ''): string => {
      if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
      const inner = `${indent}  `;
      const isArr = Array.isArray(value);
      const entries = isArr
        ? (value as unknown[]).map((v) => [null, v] as const)
        : Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
      if (entries.length === 0) return isArr ? '[]' : '{}';
      const flat = entries.every(([, v]) => v === null || typeof v !== 'object');
      const parts = entries.map(
        ([k, v]) => `${k === null ? '' : `${JSON.stringify(k)}: `}${reference(v, inner)}`,
      );
      const [open, close] = isArr ? ['[', ']'] : ['{', '}'];
      if (flat) {
        const line = JSON.stringify(value);
        if (line.length + indent.length <= 200) return line;
      }
      return `${open}\n${parts.map((p) => inner + p).join(',\n')}\n${indent}${close}`;
    };
    const leaf = fc.oneof(
      fc.double(),
      fc.integer(),
      fc.string(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.constant(-0),
      fc.string({ minLength: 60, maxLength: 120 }),
    );
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
      array: fc.array(tie('node'), { maxLength: 6 }),
      object: fc.dictionary(fc.string({ maxLength: 8 }), tie('node'), { maxKeys: 6 }),
    })).node;
    fc.assert(
      fc.property(value, (v) => {
        expect(compactJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('file names cannot leave the output folder', () => {
    expect(chartFileName('../../etc/passwd')).toBe('------etc-passwd.vl.json');
  });
});

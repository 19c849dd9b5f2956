// The charts stage of rendering: every chart block of a report compiled to SVG (for HTML) and
// serialised as a `.vl.json` spec (written next to the report for the vega editor).
import type { Block, Report } from '../report/model.js';

/**
 * One chart of a report as written next to it: its `.vl.json` spec and, when vega could draw it, the SVG.
 */
export interface RenderedChart {
  id: string;
  title: string;
  /** File name of the spec next to the report, e.g. `cpu-over-time.vl.json`. */
  file: string;
  /** The spec as written to `file` (2-space JSON, trailing newline). */
  specJson: string;
  /**
   * Null when vega could not draw it (`error` says why; the HTML then shows the chart's text
   * alternative only) or when it was not asked to (`renderCharts(report, { svg: false })`).
   */
  svg: string | null;
  error?: string;
}

function chartBlocks(blocks: Block[]): Extract<Block, { kind: 'chart' }>[] {
  return blocks.flatMap((b) =>
    b.kind === 'chart' ? [b] : b.kind === 'details' ? chartBlocks(b.blocks) : [],
  );
}

/**
 * The vega-lite spec of every chart in the report, in report order, as the report carries it
 * (data inline): for plotting in a notebook or opening in the vega editor.
 *
 * @example
 * ```ts
 * import { build, chartSpecs } from 'bench-report';
 * const { report } = await build('single-node-20', { runsDir: 'fixtures/runs' });
 * for (const c of chartSpecs(report)) console.log(c.id, c.title, JSON.stringify(c.spec).length);
 * ```
 */
export function chartSpecs(report: Report): { id: string; title: string; spec: unknown }[] {
  return report.sections
    .flatMap((s) => chartBlocks(s.blocks))
    .map((b) => ({ id: b.id, title: b.title, spec: b.spec }));
}

/** File name for a chart id: only safe characters, so a spec can never be written outside the folder. */
export function chartFileName(id: string): string {
  return `${id.replace(/[^a-zA-Z0-9_-]/g, '-')}.vl.json`;
}

function withoutTitle(spec: unknown): unknown {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return spec;
  const { title: _title, ...rest } = spec as Record<string, unknown>;
  return rest;
}

/**
 * JSON indented like `JSON.stringify(x, null, 2)`, except that an object or array holding only
 * primitives and fitting in one line is kept on one line, as `JSON.stringify(x)` writes it: a
 * data row per line, not eight.
 */
export function compactJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  const isArr = Array.isArray(value);
  // Most values are data rows: written by JSON.stringify itself (the 3,900-row specs of a 50-node
  // run went from 17 to 3 ms each when rows stopped being spaced by hand).
  const line = flatLine(value, isArr);
  if (line !== null && line.length + indent.length <= 200) return line;
  const inner = `${indent}  `;
  let out = '';
  if (isArr) for (const v of value as unknown[]) out += `${out ? ',\n' : ''}${inner}${compactJson(v, inner)}`;
  else
    for (const [k, v] of Object.entries(value as Record<string, unknown>))
      if (v !== undefined) out += `${out ? ',\n' : ''}${inner}${JSON.stringify(k)}: ${compactJson(v, inner)}`;
  if (!out) return isArr ? '[]' : '{}';
  return isArr ? `[\n${out}\n${indent}]` : `{\n${out}\n${indent}}`;
}

/** `value` on one line when it holds only primitives (`[1,2]`, `{"a":1}`), else null. */
function flatLine(value: object, isArr: boolean): string | null {
  for (const v of isArr ? (value as unknown[]) : Object.values(value))
    if (v !== null && typeof v === 'object') return null;
  return JSON.stringify(value);
}

/**
 * Compiles every chart of the report, in report order. Output depends only on the report. With
 * `svg: false` only the specs are written out: nothing is drawn and vega is not loaded.
 *
 * @example
 * ```ts
 * import { build, renderCharts } from 'bench-report';
 * const { report } = await build('single-node-20', { runsDir: 'fixtures/runs' });
 * for (const c of await renderCharts(report)) console.log(c.file, c.svg ? `${c.svg.length} bytes of SVG` : c.error);
 * console.log((await renderCharts(report, { svg: false })).map((c) => c.svg)); // nulls
 * ```
 */
export async function renderCharts(
  report: Report,
  options: { svg?: boolean } = {},
): Promise<RenderedChart[]> {
  const vega = options.svg === false ? null : await import('../charts/compile.js');
  const out: RenderedChart[] = [];
  for (const b of report.sections.flatMap((s) => chartBlocks(s.blocks))) {
    const file = chartFileName(b.id);
    let svg: string | null = null;
    let error: string | undefined;
    if (vega)
      try {
        // The figure's caption carries the title in HTML; drawn inside the SVG too it would repeat.
        svg = await vega.compileSvg(withoutTitle(b.spec), `chart-${b.id}`);
      } catch (e) {
        if (!(e instanceof vega.ChartCompileError)) throw e;
        error = e.message;
      }
    out.push({
      id: b.id,
      title: b.title,
      file,
      specJson: `${compactJson(b.spec)}\n`,
      svg,
      ...(error ? { error } : {}),
    });
  }
  return out;
}

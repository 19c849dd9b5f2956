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
 * primitives and fitting in one line is kept on one line: a data row per line, not eight.
 */
export function compactJson(value: unknown, indent = ''): string {
  if (value === null || typeof value !== 'object') return primitiveJson(value);
  const isArr = Array.isArray(value);
  // Most values are data rows: one line built in one pass, without an array of entries.
  const line = flatLine(value, isArr);
  if (line !== null && line.length + indent.length <= 200) return line;
  const inner = `${indent}  `;
  const entries = isArr
    ? (value as unknown[]).map((v) => [null, v] as const)
    : Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return isArr ? '[]' : '{}';
  const parts = entries.map(
    ([k, v]) => `${k === null ? '' : `${JSON.stringify(k)}: `}${compactJson(v, inner)}`,
  );
  const [open, close] = isArr ? ['[', ']'] : ['{', '}'];
  return `${open}\n${parts.map((p) => inner + p).join(',\n')}\n${indent}${close}`;
}

/** A primitive as compactJson writes it (what JSON.stringify cannot write is `null`). */
function primitiveJson(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  return JSON.stringify(v) ?? 'null';
}

/** `value` on one line when it holds only primitives (`[1, 2]`, `{"a": 1}`), else null. */
function flatLine(value: object, isArr: boolean): string | null {
  let line = isArr ? '[' : '{';
  let first = true;
  if (isArr) {
    for (const v of value as unknown[]) {
      if (v !== null && typeof v === 'object') return null;
      line += first ? primitiveJson(v) : `, ${primitiveJson(v)}`;
      first = false;
    }
    return `${line}]`;
  }
  for (const k of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[k];
    if (v === undefined) continue;
    if (v !== null && typeof v === 'object') return null;
    line += `${first ? '' : ', '}${keyJson(k)}${primitiveJson(v)}`;
    first = false;
  }
  return `${line}}`;
}

// `"key": ` of the keys seen, which data rows repeat.
const keys = new Map<string, string>();
function keyJson(k: string): string {
  let json = keys.get(k);
  if (json === undefined) {
    json = `${JSON.stringify(k)}: `;
    if (keys.size < 1024) keys.set(k, json);
  }
  return json;
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

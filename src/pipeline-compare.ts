// Pipelines across runs: `compare` (a baseline run or group against a candidate run or group)
// and `scaling` (many runs against their bot totals). Library functions; the CLI wraps them.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { type Comparison, type CompareOptions, compareRuns, type RunData } from './compare/baseline.js';
import { compareGroups } from './compare/repeated.js';
import {
  type Scaling,
  type ScalingExcluded,
  type ScalingOptions,
  scalingAnalysis,
} from './compare/scaling.js';
import { InputError, isInputError } from './model/errors.js';
import type { RunSummary } from './model/types.js';
import { loadRunData, type SummarizeOptions } from './pipeline.js';
import { type RenderedChart, renderCharts } from './render/charts.js';
import { renderHtml } from './render/html.js';
import { renderMarkdown } from './render/markdown.js';
import { assembleComparisonReport } from './report/comparison-report.js';
import type { Report } from './report/model.js';
import { assembleScalingReport } from './report/scaling-report.js';
import { MANIFEST_NAMES, loadRun } from './run/load.js';

/** Version of comparison.json and scaling.json. */
export const CROSS_RUN_SCHEMA_VERSION = 1;

export interface CrossRunOutputs {
  report: Report;
  markdown: string;
  html: string;
  json: string;
  /** Every chart of the report: its `.vl.json` (write `specJson` to `file` beside the report) and SVG. */
  charts: RenderedChart[];
}

/** Markdown and HTML of a cross-run report with its charts compiled, as build renders a run's. */
async function renderWithCharts(report: Report) {
  const charts = await renderCharts(report);
  const specFiles = Object.fromEntries(charts.map((c) => [c.id, c.file]));
  const svgs = Object.fromEntries(charts.flatMap((c) => (c.svg ? [[c.id, c.svg]] : [])));
  return {
    charts,
    markdown: renderMarkdown(report, { specFiles }),
    html: renderHtml(report, { svgs, specFiles }),
  };
}

/**
 * Run directories under `runsDir` whose manifest names `group`, sorted by run id.
 *
 * @example
 * ```ts
 * import { findGroup } from 'bench-report';
 * console.log(await findGroup('rep-base', { runsDir: 'fixtures/runs' }));
 * ```
 */
export async function findGroup(group: string, options: SummarizeOptions = {}): Promise<string[]> {
  const dir = path.resolve(options.cwd ?? process.cwd(), options.runsDir ?? 'runs');
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: { id: string; dir: string }[] = [];
  for (const e of entries.filter((x) => x.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const runDir = path.join(dir, e.name);
    const has = await Promise.all(
      MANIFEST_NAMES.map((m) =>
        stat(path.join(runDir, m)).then(
          () => true,
          () => false,
        ),
      ),
    );
    if (!has.some(Boolean)) continue;
    try {
      const spec = await loadRun(runDir, dir, options.cwd);
      if (spec.group === group) found.push({ id: spec.id, dir: runDir });
    } catch (e) {
      // A broken manifest elsewhere in the folder must not hide the group; it is skipped here
      // and reported when that run itself is asked for.
      if (!isInputError(e)) throw e;
    }
  }
  return found.sort((a, b) => a.id.localeCompare(b.id)).map((f) => f.dir);
}

/** One side of a comparison: `group:NAME`, a run, or (when no run has that name) a group. */
export async function resolveSide(
  ref: string,
  options: SummarizeOptions = {},
): Promise<{ label: string; runs: RunData[]; isGroup: boolean }> {
  const explicit = ref.startsWith('group:') ? ref.slice('group:'.length) : null;
  if (explicit === null) {
    try {
      const run = await loadRunData(ref, options);
      return { label: run.summary.run.id, runs: [run], isGroup: false };
    } catch (e) {
      if (!isInputError(e) || !/not found/.test(e.message)) throw e;
    }
  }
  const name = explicit ?? ref;
  const dirs = await findGroup(name, options);
  if (dirs.length === 0)
    throw new InputError(
      `"${ref}" is neither a run nor a group: no run directory of that name and no manifest under ${options.runsDir ?? 'runs'} has group: ${name}`,
    );
  const runs: RunData[] = [];
  for (const d of dirs) runs.push(await loadRunData(d, options));
  return { label: name, runs, isGroup: true };
}

export interface CompareRefsOptions extends SummarizeOptions, CompareOptions {}

/**
 * Compares a baseline with a candidate, each a run or a group of repeated runs. Two single runs
 * use the block bootstrap; when either side is a group, the U-test over run-level values.
 *
 * @example
 * ```ts
 * import { compareRefs } from 'bench-report';
 * const out = await compareRefs('single-node-20', 'distributed-20', { runsDir: 'fixtures/runs' });
 * console.log(out.comparison.mode, out.comparison.rows.length, out.markdown.split('\n')[0]);
 * ```
 */
export async function compareRefs(
  baseRef: string,
  candRef: string,
  options: CompareRefsOptions = {},
): Promise<CrossRunOutputs & { comparison: Comparison }> {
  const base = await resolveSide(baseRef, options);
  const cand = await resolveSide(candRef, options);
  const comparison =
    base.isGroup || cand.isGroup
      ? compareGroups(base.runs, cand.runs, { ...options, baseLabel: base.label, candLabel: cand.label })
      : compareRuns(base.runs[0]!, cand.runs[0]!, options);
  // Overlays align two runs at minute 0; a group has no single timeline to overlay.
  const report = assembleComparisonReport(
    comparison,
    base.isGroup || cand.isGroup
      ? undefined
      : {
          baseline: { summary: base.runs[0]!.summary, series: base.runs[0]!.series ?? [] },
          candidate: { summary: cand.runs[0]!.summary, series: cand.runs[0]!.series ?? [] },
        },
  );
  return {
    comparison,
    report,
    ...(await renderWithCharts(report)),
    json: `${JSON.stringify({ schemaVersion: CROSS_RUN_SCHEMA_VERSION, kind: 'comparison', comparison }, null, 2)}\n`,
  };
}

/** Expands refs: a ref with glob characters matches run directories (relative to cwd). */
async function expandRefs(refs: string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const r of refs) {
    if (!/[*?[\]{}]/.test(r)) {
      out.push(r);
      continue;
    }
    const dirs = await glob(r, { cwd, onlyDirectories: true, expandDirectories: false });
    if (dirs.length === 0) throw new InputError(`--runs glob "${r}" matched no directory`);
    out.push(...dirs.map((d) => d.replace(/\/$/, '')).sort());
  }
  return [...new Set(out)];
}

export interface ScalingRefsOptions extends SummarizeOptions, ScalingOptions {}

/**
 * Scaling across the given runs (ids, directories or globs). Unreadable runs become excluded rows.
 *
 * @example
 * ```ts
 * import { scalingRefs } from 'bench-report';
 * const out = await scalingRefs(['fixtures/runs/scaling-*'], { runsDir: 'fixtures/runs' });
 * console.log(out.scaling.points.map((p) => `${p.id}: ${p.totalBots} bots, ${p.cpuMean.toFixed(1)} %`));
 * ```
 */
export async function scalingRefs(
  refs: string[],
  options: ScalingRefsOptions = {},
): Promise<CrossRunOutputs & { scaling: Scaling }> {
  const cwd = options.cwd ?? process.cwd();
  const summaries: RunSummary[] = [];
  const failed: ScalingExcluded[] = [];
  for (const ref of await expandRefs(refs, cwd)) {
    try {
      summaries.push((await loadRunData(ref, options)).summary);
    } catch (e) {
      if (!isInputError(e)) throw e;
      failed.push({ id: ref, reason: `could not be read: ${e.message}` });
    }
  }
  const scaling = scalingAnalysis(summaries, failed, options);
  const report = assembleScalingReport(scaling);
  return {
    scaling,
    report,
    ...(await renderWithCharts(report)),
    json: `${JSON.stringify({ schemaVersion: CROSS_RUN_SCHEMA_VERSION, kind: 'scaling', scaling }, null, 2)}\n`,
  };
}

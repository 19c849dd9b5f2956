// Compile-only checks of the public types, as a package user sees them (`import ... from 'bench-report'`
// resolves to dist/index.d.ts). Checked by test/api/types.test.ts with `tsc -p test/api/tsconfig.json`;
// every @ts-expect-error line must really be an error, or tsc fails.
import type { ColumnTable } from 'arquero';
import {
  type BuildResult,
  type Comparison,
  type NodeSummary,
  type Report,
  type RunSpec,
  type RunSummary,
  type RunTables,
  type Series,
  assembleReport,
  build,
  compareRuns,
  loadRun,
  readRun,
  renderHtml,
  renderMarkdown,
  summarize,
  summarizeRun,
  toTable,
} from 'bench-report';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T) => {};

export async function stages(): Promise<void> {
  const spec = await loadRun('r', 'runs');
  assertType<Equal<typeof spec, RunSpec>>(true);
  const read = await readRun(spec, { onProgress: (p) => (p.kind === 'planned' ? p.bytes : p.file) });
  assertType<Equal<typeof read.series, Series[]>>(true);
  const summary = summarizeRun(spec, read.series, read.inputs, read.flags);
  assertType<Equal<typeof summary, RunSummary>>(true);
  const comparison = compareRuns(summary, await summarize('base', { runsDir: 'runs' }));
  assertType<Equal<typeof comparison, Comparison>>(true);
  const report = assembleReport(summary, { series: read.series, comparison });
  assertType<Equal<typeof report, Report>>(true);
  const md: string = renderMarkdown(report, { headingLevel: 2 });
  const html: string = renderHtml(report);
  void md;
  void html;

  const result = await build('r', { runsDir: 'runs', baseline: 'b' });
  assertType<Equal<typeof result, BuildResult>>(true);
  // Only the outputs asked for are rendered, and the result's type says which.
  const onlyJson = await build('r', { runsDir: 'runs', outputs: ['json'] });
  const json: string = onlyJson.json;
  void json;
  // @ts-expect-error html was not among the outputs
  void onlyJson.html;
  const tables = toTable(result);
  assertType<Equal<typeof tables, RunTables>>(true);
  assertType<Equal<typeof tables.samples, ColumnTable>>(true);
  toTable({ series: read.series, summary });

  // A node's figures may be missing: the types make callers handle "not measured".
  const n: NodeSummary = summary.nodes[0]!;
  // @ts-expect-error cpu is CpuStats | null
  const mean: number = n.cpu.mean;
  const perBot: number | null = n.cpuPerBot;
  void mean;
  void perBot;

  // @ts-expect-error toTable needs the series as well as the summary
  toTable({ summary });
  // @ts-expect-error run statuses are a closed set
  const status: RunSummary['run']['status'] = 'done';
  void status;
  // @ts-expect-error baseline is a run reference, not a summary
  await build('r', { baseline: summary });
}

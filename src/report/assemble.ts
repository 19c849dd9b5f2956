// assemble: a RunSummary (and optional comparison, series and events) becomes the Report
// document model. Each section lives in sections/; every figure comes from the summary, and a
// node without data reads "not measured", never a number.
import type { ChartEvent, StepSample } from '../charts/specs.js';
import type { Comparison } from '../compare/baseline.js';
import type { Flag, RunSummary, Series } from '../model/types.js';
import type { Report, Section } from './model.js';
import { chartsSection } from './sections/charts.js';
import { comparisonSection } from './sections/comparison.js';
import { configuration } from './sections/configuration.js';
import { coverageSection } from './sections/coverage.js';
import { cpuSection } from './sections/cpu.js';
import { dataQuality } from './sections/data-quality.js';
import { evidenceSection } from './sections/evidence.js';
import { tickHealthSection } from './sections/tick-health.js';
import { memorySection } from './sections/memory.js';
import { verdictOf, verdictSection } from './sections/verdict.js';

export { verdictOf } from './sections/verdict.js';

/** What assembleReport may add to a summary: series for charts, a comparison, outside flags. */
export interface AssembleOptions {
  /** The run's series, for sections that chart them (optional: summaries alone give every table). */
  series?: Series[];
  comparison?: Comparison | null;
  /** Flags raised outside the run itself (e.g. a baseline that could not be loaded). */
  extraFlags?: Flag[];
  /** Log events to mark on the time charts (bots joining, errors, shutdown). */
  events?: ChartEvent[];
  /** The baseline run's summary and series, for the overlay chart. */
  baseline?: { summary: RunSummary; series: Series[] } | null;
  /** The server's step-time samples (Evidence.ticks), for the step-time chart of tick health. */
  ticks?: readonly StepSample[];
}

/**
 * Builds the report model of one run.
 *
 * @example
 * ```ts
 * import { assembleReport, renderMarkdown, summarize } from 'bench-report';
 * const summary = await summarize('single-node-20', { runsDir: 'fixtures/runs' });
 * const report = assembleReport(summary);
 * report.sections.push({ id: 'notes', title: 'Notes', blocks: [{ kind: 'paragraph', text: 'Ran on spare hardware.' }] });
 * console.log(renderMarkdown(report));
 * ```
 */
export function assembleReport(s: RunSummary, options: AssembleOptions = {}): Report {
  const verdict = verdictOf(s);
  const sections: Section[] = [
    verdictSection(verdict),
    configuration(s),
    cpuSection(s),
    memorySection(s),
    ...(options.series
      ? [chartsSection(s, { series: options.series, events: options.events, baseline: options.baseline })]
      : []),
    coverageSection(s),
  ];
  for (const extra of [tickHealthSection(s, options.ticks), evidenceSection(s)])
    if (extra) sections.push(extra);
  if (options.comparison) sections.push(comparisonSection(options.comparison));
  sections.push(dataQuality(s, options.extraFlags ?? []));
  return { title: `Benchmark report: ${s.run.title}`, runId: s.run.id, verdict, sections };
}

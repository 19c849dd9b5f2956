// The report of `bench-report compare`: a verdict (load-generator trust first, then the count of
// regressed, improved and unchanged rows) and the comparison section.
import type { Comparison } from '../compare/baseline.js';
import type { RunStatus, RunSummary, Series } from '../model/types.js';
import type { Report, Section, Verdict } from './model.js';
import { overlayCharts } from './sections/charts.js';
import { comparisonSection } from './sections/comparison.js';
import { verdictSection } from './sections/verdict.js';

const WORST: RunStatus[] = ['no-data', 'incomplete', 'complete'];

/** Headline and lists for a comparison: what regressed and what could not be compared. */
export function comparisonVerdict(c: Comparison): Verdict {
  const runs = [...c.baseRuns, ...c.candRuns];
  const status = WORST.find((s) => runs.some((r) => r.status === s)) ?? 'complete';
  const count = (v: string) => c.rows.filter((r) => r.verdict === v).length;
  const parts = [
    `${count('regressed')} regressed`,
    `${count('improved')} improved`,
    `${count('unchanged')} unchanged (~)`,
  ];
  if (count('changed')) parts.push(`${count('changed')} changed (no better direction)`);
  if (count('unverified')) parts.push(`${count('unverified')} unverified`);
  if (count('untested')) parts.push(`${count('untested')} not tested`);
  parts.push(`${count('missing')} not compared (—)`);
  const lead: string[] = [];
  for (const [side, t] of [
    ['baseline', c.loadGenerator.base],
    ['candidate', c.loadGenerator.cand],
  ] as const) {
    if (t.status === 'unverified')
      lead.push(
        `Unverified: the ${side}'s load generator was saturated, so its server figures understate the intended load.`,
      );
    else if (t.status === 'not-checked')
      lead.push(`The ${side}'s load-generator saturation was not checked.`);
  }
  const headline = `${lead.join(' ')}${lead.length ? ' ' : ''}${c.candLabel} against ${c.baseLabel}: ${parts.join(', ')}.`;
  const measured = c.rows
    .filter((r) => r.verdict === 'regressed' || r.verdict === 'improved')
    .map(
      (r) =>
        `${r.group} ${r.metric}: ${r.verdict}${r.deltaRatio === null ? '' : ` (${(r.deltaRatio * 100).toFixed(1)}%)`}`,
    );
  const notMeasured = [
    ...new Set(
      c.rows
        .filter((r) => r.verdict === 'missing')
        .map((r) => `${r.group} ${r.metric}: ${[r.base.missing, r.cand.missing].filter(Boolean).join('; ')}`),
    ),
  ];
  return { status, headline, measured, notMeasured };
}

type RunWithSeries = { summary: RunSummary; series: readonly Series[] };

/**
 * Builds the report model of a comparison. With the two runs' series (a single run on each side)
 * it adds their CPU and memory overlaid.
 */
export function assembleComparisonReport(
  c: Comparison,
  runs?: { baseline: RunWithSeries; candidate: RunWithSeries },
): Report {
  const verdict = comparisonVerdict(c);
  const section = comparisonSection(c);
  const sections: Section[] = [verdictSection(verdict), { ...section, title: 'Baseline against candidate' }];
  const charts = runs ? overlayCharts(runs.baseline, runs.candidate) : [];
  if (charts.length) sections.push({ id: 'comparison-charts', title: 'Charts', blocks: charts });
  return {
    title: `Comparison: ${c.baseLabel} → ${c.candLabel}`,
    runId: `${c.baseLabel}--${c.candLabel}`,
    verdict,
    sections,
  };
}

// Server tick health: step-time percentiles, the share of steps over the budget and players
// online beside them, plus `Maximum lag peaked` lines.
import type { StepSample } from '../../charts/specs.js';
import type { RunSummary } from '../../model/types.js';
import { num, pct } from '../format.js';
import type { Block, Section } from '../model.js';
import { stepTimeChart } from './step-time-chart.js';

/** The tick-health section; with the step-time samples (`ticks`) it carries their chart too. */
export function tickHealthSection(s: RunSummary, ticks: readonly StepSample[] = []): Section | null {
  const t = s.tickHealth;
  if (t === undefined) return null;
  const blocks: Block[] = [];
  if (t === null) {
    blocks.push({
      kind: 'paragraph',
      text: 'Not measured: no step-time file and no "Maximum lag peaked" lines in the logs.',
    });
  } else {
    if (t.steps) {
      const st = t.steps;
      blocks.push({
        kind: 'table',
        columns: [{ label: 'Step time' }, { label: 'Value', align: 'right' }],
        rows: [
          ['Samples', String(st.samples)],
          ['Mean', `${num(st.mean)} ms`],
          ['p50', `${num(st.p50)} ms`],
          ['p95', `${num(st.p95)} ms`],
          ['p99', `${num(st.p99)} ms`],
          ['Max', `${num(st.max)} ms`],
          [`Steps over ${t.budgetMs} ms`, `${st.overBudget} (${pct(st.overBudgetShare)})`],
          [
            'Peak players online (step file)',
            st.playersPeak === null ? 'not recorded' : String(st.playersPeak),
          ],
          ['p50 at peak players', st.p50AtPeakPlayers === null ? '—' : `${num(st.p50AtPeakPlayers)} ms`],
          ['Server clock span', `${num(st.clockSpanSeconds, 1)} s (server uptime, not wall time)`],
        ],
        footnotes: [
          `Budget ${t.budgetMs} ms (manifest tickBudgetMs; default 100 ms, the threshold above which the Yardstick mod logs a high tick duration). "Over" is strictly greater.`,
        ],
      });
      const chart = stepTimeChart(ticks, st, t.budgetMs);
      if (chart) blocks.push(chart);
    } else {
      blocks.push({ kind: 'paragraph', text: 'No step-time file: step percentiles not measured.' });
    }
    if (t.lag)
      blocks.push({
        kind: 'paragraph',
        text: `${t.lag.events} "Maximum lag peaked" line(s); worst ${num(t.lag.maxSeconds, 3)} s at ${t.lag.location}.`,
      });
  }
  if (s.evidence?.peakOnline !== null && s.evidence?.peakOnline !== undefined)
    blocks.push({
      kind: 'paragraph',
      text: `Players online per the server log: peak ${s.evidence.peakOnline}.`,
    });
  return { id: 'tick-health', title: 'Server tick health', blocks };
}

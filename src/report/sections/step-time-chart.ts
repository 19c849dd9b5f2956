// The server step-time chart of the tick-health section: step time against server uptime with the
// budget as a rule, its text alternative from the full-data statistics, and a Mermaid sketch.
import { type StepSample, stepTimeSpec } from '../../charts/specs.js';
import type { StepStats } from '../../model/events.js';
import { num, pct } from '../format.js';
import type { Block, ChartSketch } from '../model.js';
import { bucketMax } from './charts.js';

/** Buckets of the Mermaid sketch: few enough to read in a pull-request comment. */
const SKETCH_BUCKETS = 30;

/**
 * The step-time chart block, or null when there are no samples. `stats` are the tick-health
 * figures computed on every sample; the chart itself may be thinned for display.
 *
 * @example
 * ```ts
 * import { loadRun, readLogs, stepTimeChart, tickHealth } from 'bench-report';
 * const evidence = await readLogs(await loadRun('logs-18-of-20', 'fixtures/runs'));
 * const th = tickHealth(evidence)!;
 * const block = stepTimeChart(evidence.ticks, th.steps!, th.budgetMs);
 * if (block?.kind === 'chart') console.log(block.alt);
 * ```
 */
export function stepTimeChart(
  ticks: readonly StepSample[],
  stats: StepStats,
  budgetMs: number,
): Block | null {
  if (ticks.length === 0) return null;
  const clocks = ticks.map((t) => t.clockSeconds);
  const lo = Math.min(...clocks);
  const hi = Math.max(...clocks);
  const restarts = ticks.filter((t, i) => i > 0 && t.clockSeconds < ticks[i - 1]!.clockSeconds).length;
  const withPlayers = ticks.filter((t) => t.players !== null).map((t) => t.players!);
  const alt = [
    `Server step time (ms) against server uptime (s; the server's own clock, not wall time) from ${num(lo, 1)} to ${num(hi, 1)} s, ${stats.samples} samples:`,
    `p50 ${num(stats.p50)} ms, p95 ${num(stats.p95)} ms, max ${num(stats.max)} ms;`,
    `${stats.overBudget} step(s) (${pct(stats.overBudgetShare)}) over the ${budgetMs} ms budget, drawn as a dashed rule.`,
    withPlayers.length
      ? `Players online in grey on the right axis, ${Math.min(...withPlayers)} to ${Math.max(...withPlayers)}.`
      : '',
    restarts
      ? `The server clock went back ${restarts} time(s) (a restart); each session is its own line.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  // A sketch needs one increasing clock and a sample in every bucket; otherwise none is drawn.
  const values =
    restarts === 0 && hi > lo
      ? bucketMax(
          clocks,
          ticks.map((t) => t.stepMs),
          lo,
          hi,
          SKETCH_BUCKETS,
        )
      : null;
  const sketch: ChartSketch | undefined = values
    ? {
        kind: 'line',
        title: `Server step time (ms) as the max of each 1/${SKETCH_BUCKETS} of the server uptime span`,
        xTitle: 'Server uptime (s)',
        yTitle: 'Step time (ms)',
        xRange: [Math.round(lo * 100) / 100, Math.round(hi * 100) / 100],
        values,
      }
    : undefined;
  return {
    kind: 'chart',
    id: 'step-time',
    title: 'Server step time against server uptime',
    alt,
    spec: stepTimeSpec('Server step time (ms) against server uptime', ticks, budgetMs),
    ...(sketch ? { sketch } : {}),
  };
}

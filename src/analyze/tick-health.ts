// Server tick health, the figure players feel: step-time percentiles and the share of steps over
// a budget, from the benchmark mod's step-time file, plus `Maximum lag peaked` log lines.
import { mean, quantileSorted } from 'simple-statistics';
import type { Evidence, StepStats, TickHealth } from '../model/events.js';

/**
 * Default step budget: 100 ms. The Yardstick Luanti mod itself logs "High tick duration" above
 * 100 ms, and Luanti's default dedicated_server_step is 90 ms, so a step over 100 ms is one the
 * server could not keep up with. Override with `tickBudgetMs` in the manifest.
 *
 * @example
 * ```ts
 * import { DEFAULT_TICK_BUDGET_MS } from 'bench-report';
 * console.log(`a server step over ${DEFAULT_TICK_BUDGET_MS} ms is over budget`);
 * ```
 */
export const DEFAULT_TICK_BUDGET_MS = 100;

/**
 * Tick health of a run; null when it has neither step-time data nor lag lines.
 *
 * @example
 * ```ts
 * import { loadRun, readLogs, tickHealth } from 'bench-report';
 * const evidence = await readLogs(await loadRun('logs-18-of-20', 'fixtures/runs'));
 * console.log(tickHealth(evidence), tickHealth(evidence, 50)?.steps);
 * ```
 */
export function tickHealth(e: Evidence, budgetMs = DEFAULT_TICK_BUDGET_MS): TickHealth | null {
  const lagEvents = e.events.filter((x) => x.kind === 'lag' && typeof x.value === 'number');
  if (e.ticks.length === 0 && lagEvents.length === 0) return null;
  let steps: StepStats | null = null;
  if (e.ticks.length > 0) {
    const values = e.ticks.map((t) => t.stepMs);
    const sorted = [...values].sort((a, b) => a - b);
    const over = values.filter((v) => v > budgetMs).length;
    const withPlayers = e.ticks.filter((t) => t.players !== null);
    const peak = withPlayers.length > 0 ? Math.max(...withPlayers.map((t) => t.players!)) : null;
    const atPeak =
      peak === null
        ? []
        : withPlayers
            .filter((t) => t.players === peak)
            .map((t) => t.stepMs)
            .sort((a, b) => a - b);
    const clocks = e.ticks.map((t) => t.clockSeconds);
    steps = {
      samples: values.length,
      mean: mean(values),
      p50: quantileSorted(sorted, 0.5),
      p95: quantileSorted(sorted, 0.95),
      p99: quantileSorted(sorted, 0.99),
      max: sorted[sorted.length - 1]!,
      overBudget: over,
      overBudgetShare: over / values.length,
      playersPeak: peak,
      p50AtPeakPlayers: atPeak.length > 0 ? quantileSorted(atPeak, 0.5) : null,
      clockSpanSeconds: Math.max(...clocks) - Math.min(...clocks),
    };
  }
  let lag: TickHealth['lag'] = null;
  if (lagEvents.length > 0) {
    const worst = lagEvents.reduce((a, b) => (b.value! > a.value! ? b : a));
    lag = { events: lagEvents.length, maxSeconds: worst.value!, location: worst.location, text: worst.text };
  }
  return { budgetMs, steps, lag };
}

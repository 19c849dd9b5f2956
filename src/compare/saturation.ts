// Load-generator trust: a bot node that is itself saturated cannot deliver the intended load, so
// the server's figures understate it. A bot node with no data leaves saturation "not checked".
import type { RunSummary } from '../model/types.js';

export interface SaturationThresholds {
  /** Bot-node mean CPU busy % above which the load generator is saturated (default 85). */
  cpu: number;
  /** Bot-node mean memory used % above which it is saturated (default 95). */
  memory: number;
}

/**
 * Default load-generator saturation thresholds: a bot node above 85 % mean CPU or 95 % mean memory makes a
 * comparison of its run unverified.
 *
 * @example
 * ```ts
 * import { DEFAULT_SATURATION } from 'bench-report';
 * console.log(`bot nodes saturate above ${DEFAULT_SATURATION.cpu}% CPU or ${DEFAULT_SATURATION.memory}% memory`);
 * ```
 */
export const DEFAULT_SATURATION: SaturationThresholds = { cpu: 85, memory: 95 };

export interface LoadGeneratorTrust {
  status: 'verified' | 'unverified' | 'not-checked';
  /** One line per bot node that is saturated or could not be checked. */
  reasons: string[];
}

/**
 * Checks every bot node of a run against the saturation thresholds.
 *
 * @example
 * ```ts
 * import { loadGeneratorTrust, summarize } from 'bench-report';
 * const summary = await summarize('single-node-20', { runsDir: 'fixtures/runs' });
 * console.log(loadGeneratorTrust(summary), loadGeneratorTrust(summary, { cpu: 1, memory: 1 }).status);
 * ```
 */
export function loadGeneratorTrust(
  s: RunSummary,
  t: SaturationThresholds = DEFAULT_SATURATION,
): LoadGeneratorTrust {
  const bots = s.nodes.filter((n) => n.role === 'bots');
  const saturated: string[] = [];
  const unchecked: string[] = [];
  if (bots.length === 0) unchecked.push(`${s.run.id}: no bot node declared; load generator not checked`);
  for (const n of bots) {
    if (n.cpu && n.cpu.mean > t.cpu)
      saturated.push(`${s.run.id}: ${n.host} CPU mean ${n.cpu.mean.toFixed(1)}% exceeds ${t.cpu}%`);
    if (n.memory && n.memory.mean > t.memory)
      saturated.push(`${s.run.id}: ${n.host} memory mean ${n.memory.mean.toFixed(1)}% exceeds ${t.memory}%`);
    const lacks = [!n.cpu ? 'CPU' : null, !n.memory ? 'memory' : null].filter(Boolean);
    if (lacks.length)
      unchecked.push(`${s.run.id}: ${n.host} has no ${lacks.join(' or ')} data; saturation not checked`);
  }
  if (saturated.length) return { status: 'unverified', reasons: [...saturated, ...unchecked] };
  if (unchecked.length) return { status: 'not-checked', reasons: unchecked };
  return { status: 'verified', reasons: [] };
}

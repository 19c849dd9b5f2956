// Scaling across runs: server CPU (mean, p95), CPU per bot and memory against the total bots of
// each run, with a least-squares fit whose slope is the marginal server CPU per additional bot.
// Runs that cannot contribute are listed with the reason; nothing is filled in.
import { messages } from '../model/messages.js';
import type { Flag, RunSummary } from '../model/types.js';
import {
  DEFAULT_SATURATION,
  type LoadGeneratorTrust,
  loadGeneratorTrust,
  type SaturationThresholds,
} from './saturation.js';
import { fitLine, type LinearFit, predictAt } from './stats/least-squares.js';

export interface ScalingPoint {
  id: string;
  title: string;
  totalBots: number;
  botNodes: number;
  status: RunSummary['run']['status'];
  serverHost: string;
  cpuMean: number;
  cpuP95: number;
  cpuPerBot: number;
  /** Null when the server has CPU but no memory samples (the point then stays out of the memory fit). */
  memMean: number | null;
  loadGenerator: LoadGeneratorTrust['status'];
}

export interface ScalingExcluded {
  id: string;
  reason: string;
  /**
   * The run's measured figures when it had them (e.g. a saturated load generator), so a chart can
   * show the run apart from the fit; absent when not measured.
   */
  totalBots?: number;
  cpuMean?: number;
  memMean?: number;
}

export interface ScalingFit {
  y: 'server CPU mean' | 'server CPU p95' | 'server memory mean';
  unit: string;
  fit: LinearFit | null;
  /** Why there is no fit (too few points). */
  reason?: string;
}

export interface ScalingPrediction {
  bots: number;
  /** Always "model": a value from the fitted line, not a measurement. */
  kind: 'model';
  y: ScalingFit['y'];
  value: number;
  low: number | null;
  high: number | null;
  /** True when the bots lie outside the measured range (an extrapolation). */
  extrapolated: boolean;
}

/**
 * Scaling across runs: one point per usable run, the excluded runs with reasons, the fits and any predictions.
 */
export interface Scaling {
  points: ScalingPoint[];
  excluded: ScalingExcluded[];
  fits: ScalingFit[];
  predictions: ScalingPrediction[];
  warnings: Flag[];
  confidence: number;
}

export interface ScalingOptions {
  /** Bot totals to predict from the fits (labelled as model values). */
  predict?: number[];
  saturation?: SaturationThresholds;
  confidence?: number;
}

/** Why a run cannot be a scaling point, or null when it can. */
function exclusionReason(s: RunSummary, trust: LoadGeneratorTrust): string | null {
  const servers = s.nodes.filter((n) => n.role === 'server');
  if (servers.length === 0) return 'no server node in the manifest';
  if (servers.length > 1) return `${servers.length} server nodes; scaling needs exactly one`;
  if (s.run.totalBots <= 0) return 'no bots declared';
  if (!servers[0]!.cpu) return `server ${servers[0]!.host} has no CPU data`;
  if (trust.status === 'unverified')
    return `load generator saturated (${trust.reasons.join('; ')}); the server did not get the intended load`;
  return null;
}

/**
 * Scaling analysis over runs. `failed` lists runs that could not be read at all, with the error.
 * Runs without server CPU data, without bots, or with a saturated load generator are excluded.
 *
 * @example
 * ```ts
 * import { scaling, summarize } from 'bench-report';
 * const runs = await Promise.all(
 *   [10, 25, 50, 75, 100].map((n) => summarize(`scaling-${n}`, { runsDir: 'fixtures/runs' })),
 * );
 * const result = scaling(runs, [], { predict: [150] });
 * console.log(result.fits.map((f) => `${f.y}: ${f.fit?.slope.toFixed(3)} per bot`));
 * console.log(result.predictions, result.excluded);
 * ```
 */
export function scalingAnalysis(
  runs: RunSummary[],
  failed: ScalingExcluded[] = [],
  options: ScalingOptions = {},
): Scaling {
  const confidence = options.confidence ?? 0.95;
  const points: ScalingPoint[] = [];
  const excluded: ScalingExcluded[] = [...failed];
  for (const s of runs) {
    const trust = loadGeneratorTrust(s, options.saturation ?? DEFAULT_SATURATION);
    const reason = exclusionReason(s, trust);
    if (reason) {
      const servers = s.nodes.filter((n) => n.role === 'server');
      const only = servers.length === 1 && s.run.totalBots > 0 ? servers[0]! : null;
      excluded.push({
        id: s.run.id,
        reason,
        ...(only?.cpu ? { totalBots: s.run.totalBots, cpuMean: only.cpu.mean } : {}),
        ...(only?.cpu && only.memory ? { memMean: only.memory.mean } : {}),
      });
      continue;
    }
    const server = s.nodes.find((n) => n.role === 'server')!;
    points.push({
      id: s.run.id,
      title: s.run.title,
      totalBots: s.run.totalBots,
      botNodes: s.nodes.filter((n) => n.role === 'bots').length,
      status: s.run.status,
      serverHost: server.host,
      cpuMean: server.cpu!.mean,
      cpuP95: server.cpu!.p95,
      cpuPerBot: server.cpu!.mean / s.run.totalBots,
      memMean: server.memory?.mean ?? null,
      loadGenerator: trust.status,
    });
  }
  points.sort((a, b) => a.totalBots - b.totalBots || a.id.localeCompare(b.id));
  excluded.sort((a, b) => a.id.localeCompare(b.id));
  const fitOf = (y: ScalingFit['y'], unit: string, get: (p: ScalingPoint) => number | null): ScalingFit => {
    const ps = points.filter((p) => get(p) !== null);
    const distinctBots = new Set(ps.map((p) => p.totalBots)).size;
    if (distinctBots < 2)
      return { y, unit, fit: null, reason: `needs runs at two or more bot totals (has ${distinctBots})` };
    return {
      y,
      unit,
      fit: fitLine(
        ps.map((p) => p.totalBots),
        ps.map((p) => get(p)!),
        confidence,
      ),
    };
  };
  const fits = [
    fitOf('server CPU mean', '%', (p) => p.cpuMean),
    fitOf('server CPU p95', '%', (p) => p.cpuP95),
    fitOf('server memory mean', '%', (p) => p.memMean),
  ];
  const lo = Math.min(...points.map((p) => p.totalBots));
  const hi = Math.max(...points.map((p) => p.totalBots));
  const predictions: ScalingPrediction[] = [];
  for (const bots of options.predict ?? [])
    for (const f of fits)
      if (f.fit)
        predictions.push({
          bots,
          kind: 'model',
          y: f.y,
          ...predictAt(f.fit, bots),
          extrapolated: bots < lo || bots > hi,
        });
  const warnings: Flag[] = [];
  const differ = (what: string, get: (s: RunSummary) => string) => {
    const used = runs.filter((r) => points.some((p) => p.id === r.run.id));
    const vals = [...new Set(used.map(get))];
    if (vals.length > 1) warnings.push(messages.baselineDiffers(`${what} (${vals.join(', ')})`));
  };
  differ('interval', (s) => `${s.run.intervalSeconds} s`);
  differ('duration', (s) => `${s.run.durationSeconds} s`);
  const keys = [...new Set(runs.flatMap((r) => Object.keys(r.run.versions ?? {})))].sort();
  for (const k of keys) differ(`${k} version`, (s) => s.run.versions?.[k] ?? 'not stated');
  for (const p of points)
    if (p.status !== 'complete')
      warnings.push({
        code: 'metrics-partial',
        message: `${p.id} is ${p.status}; its server figures are used, but some nodes lack data`,
      });
  return { points, excluded, fits, predictions, warnings, confidence };
}

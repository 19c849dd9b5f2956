// compare: a baseline run beside a candidate, per role (server; bot nodes pooled and per node,
// matched by host) and per metric. For single runs the noise is a seeded moving-block bootstrap
// interval of the difference; a figure missing on either side stays in the table as null with the
// reason (which run and node lacked it). It is never dropped and never estimated.
import type { Flag, RunInfo, RunSummary } from '../model/types.js';
import { type ArchitectureView, architectureView } from './architecture.js';
import { comparabilityWarnings } from './comparability.js';
import {
  COMPARED_METRICS,
  type Direction,
  type MetricDef,
  type RunData,
  type SideValue,
  sideValue,
} from './metrics.js';
import { describeAbsent, type RoleGroup, roleGroups, rowKeys, type Scope } from './roles.js';
import {
  DEFAULT_SATURATION,
  type LoadGeneratorTrust,
  loadGeneratorTrust,
  type SaturationThresholds,
} from './saturation.js';
import {
  type BootstrapInterval,
  type BootstrapOptions,
  bootstrapDifferences,
} from './stats/block-bootstrap.js';

export type { Direction, RunData } from './metrics.js';

/** Outcome of the statistics alone; `changed` is a significant change of a metric with no better side. */
export type Change = 'improved' | 'regressed' | 'unchanged' | 'changed';

/**
 * Verdict of a row: the statistical outcome, or `unverified` when either run's load generator was
 * saturated, `missing` when a side has no figure, `untested` when no noise estimate exists.
 */
export type RowVerdict = Change | 'unverified' | 'missing' | 'untested';

export interface ComparedValue {
  value: number | null;
  /** Why the value is null (which run and node lacked it). */
  missing?: string;
  /** Repeated runs: distribution-free 95% interval of the median (null when n is too small). */
  low?: number | null;
  high?: number | null;
  /** Repeated runs: how many runs gave a value, and each run's value. */
  n?: number;
  runs?: { id: string; value: number | null }[];
}

export type Noise =
  /** A seeded moving-block bootstrap interval of cand − base. */
  | ({ method: 'block-bootstrap' } & BootstrapInterval)
  | {
      method: 'mann-whitney';
      p: number;
      u: number;
      nBase: number;
      nCand: number;
      alpha: number;
      exact: boolean;
    };

/**
 * One compared figure (a metric of one node group): both sides, the difference, its noise and the verdict.
 */
export interface ComparisonRow {
  /** Which node group the row is about, e.g. `server`, `bot nodes (pooled)`, `bot node bots-a`. */
  group: string;
  scope: Scope;
  baseHost: string | null;
  candHost: string | null;
  metric: string;
  unit: string;
  direction: Direction;
  base: ComparedValue;
  cand: ComparedValue;
  /** cand − base, when both sides exist. */
  delta: number | null;
  /** (cand − base) / |base|, when both sides exist and base ≠ 0. */
  deltaRatio: number | null;
  noise: Noise | null;
  change: Change | null;
  verdict: RowVerdict;
}

/**
 * A baseline against a candidate (single runs or groups of repeated runs), row by row, with warnings.
 */
export interface Comparison {
  mode: 'single' | 'repeated';
  base: RunInfo;
  cand: RunInfo;
  /** Every run on each side (one for single runs). */
  baseRuns: RunInfo[];
  candRuns: RunInfo[];
  baseLabel: string;
  candLabel: string;
  rows: ComparisonRow[];
  warnings: Flag[];
  loadGenerator: { base: LoadGeneratorTrust; cand: LoadGeneratorTrust };
  /** Significance level of the U-test (repeated runs). */
  alpha?: number;
  /** Single vs distributed at equal bot totals (single runs with different bot-node counts). */
  architecture?: ArchitectureView;
}

export interface CompareOptions {
  bootstrap?: BootstrapOptions;
  saturation?: SaturationThresholds;
  /** Significance level for repeated runs (default 0.05). */
  alpha?: number;
}

/** Accepts a bare RunSummary (library use) or a RunData carrying series. */
export function toRunData(x: RunSummary | RunData): RunData {
  return 'summary' in x ? x : { summary: x };
}

function hostsOf(g: RoleGroup | undefined): string | null {
  return g ? g.nodes.map((n) => n.host).join(', ') : null;
}

/** A side's value, or the reason a whole group is absent from that run. */
export function groupValue(run: RunData, key: string, def: MetricDef): SideValue {
  const g = roleGroups(run.summary).get(key);
  if (!g) return { value: null, missing: `${run.summary.run.id} has no ${describeAbsent(key)}` };
  return sideValue({ run, nodes: g.nodes, bots: g.bots, pooled: g.nodes.length > 1 }, def, g.label);
}

export function changeOf(direction: Direction, sign: number): Change {
  if (sign === 0) return 'unchanged';
  if (direction === 'neutral') return 'changed';
  const better = direction === 'lower-is-better' ? sign < 0 : sign > 0;
  return better ? 'improved' : 'regressed';
}

/** The verdict once load-generator trust is known. */
export function finalVerdict(change: Change | null, hasBoth: boolean, trusted: boolean): RowVerdict {
  if (!hasBoth) return 'missing';
  if (change === null) return 'untested';
  return trusted ? change : 'unverified';
}

/** False when either run's load generator was saturated (a "not checked" run warns but keeps its verdicts). */
export function trustOf(base: LoadGeneratorTrust, cand: LoadGeneratorTrust): boolean {
  return base.status !== 'unverified' && cand.status !== 'unverified';
}

/** Label of a group key across runs (the first run that has it names it). */
export function labelOf(runs: RunSummary[], key: string): { label: string; scope: Scope } {
  for (const r of runs) {
    const g = roleGroups(r).get(key);
    if (g) return { label: g.label, scope: g.scope };
  }
  return { label: key, scope: 'other-node' };
}

/**
 * Side-by-side comparison of a baseline and a candidate run. With series (RunData) each row gets a
 * seeded moving-block bootstrap interval of cand − base and a verdict; `~` (unchanged) when the
 * interval contains zero. With summaries only, the figures are compared without a verdict.
 *
 * @example
 * ```ts
 * import { compareRuns, loadRunData } from 'bench-report';
 * const base = await loadRunData('rep-base-1', { runsDir: 'fixtures/runs' });
 * const cand = await loadRunData('rep-cand-1', { runsDir: 'fixtures/runs' });
 * const comparison = compareRuns(base, cand);
 * for (const r of comparison.rows) {
 *   const ci = r.noise?.method === 'block-bootstrap' ? `[${r.noise.low.toFixed(2)}, ${r.noise.high.toFixed(2)}]` : '';
 *   console.log(r.group, r.metric, r.delta?.toFixed(2), ci, r.verdict);
 * }
 * ```
 */
export function compareRuns(
  baseIn: RunSummary | RunData,
  candIn: RunSummary | RunData,
  options: CompareOptions = {},
): Comparison {
  const base = toRunData(baseIn);
  const cand = toRunData(candIn);
  const bs = base.summary;
  const cs = cand.summary;
  const lg = {
    base: loadGeneratorTrust(bs, options.saturation ?? DEFAULT_SATURATION),
    cand: loadGeneratorTrust(cs, options.saturation ?? DEFAULT_SATURATION),
  };
  const trusted = trustOf(lg.base, lg.cand);
  const bg = roleGroups(bs);
  const cg = roleGroups(cs);
  const rows: ComparisonRow[] = [];
  for (const key of rowKeys([bs, cs])) {
    const { label, scope } = labelOf([bs, cs], key);
    const values = COMPARED_METRICS.map((def) => ({
      def,
      bv: groupValue(base, key, def),
      cv: groupValue(cand, key, def),
    }));
    // One bootstrap pass per metric family (CPU, memory): the rows of a family share their units.
    const intervals = new Map<MetricDef, ReturnType<typeof bootstrapDifferences>[number]>();
    for (const family of ['cpu.busy_pct', 'mem.used_pct'] as const) {
      const rows = values.filter((v) => v.def.series === family && v.bv.units && v.cv.units);
      if (rows.length === 0) continue;
      const pairs = rows.map((v) => ({
        base: v.def.stat(bg.get(key)?.bots ?? 0),
        cand: v.def.stat(cg.get(key)?.bots ?? 0),
      }));
      const cis = bootstrapDifferences(rows[0]!.bv.units!, rows[0]!.cv.units!, pairs, options.bootstrap);
      rows.forEach((v, i) => {
        intervals.set(v.def, cis[i]!);
      });
    }
    for (const { def, bv, cv } of values) {
      const both = bv.value !== null && cv.value !== null;
      let noise: Noise | null = null;
      let change: Change | null = null;
      const ci = both ? intervals.get(def) : null;
      if (ci) {
        noise = { method: 'block-bootstrap', ...ci };
        // Summarised sides resample per-slice means; centre their interval on the summaries' delta.
        if (bv.summarized || cv.summarized) {
          const shift = cv.value! - bv.value! - (ci.low + ci.high) / 2;
          noise = { ...noise, low: ci.low + shift, high: ci.high + shift };
        }
        change =
          noise.low > 0
            ? changeOf(def.direction, 1)
            : noise.high < 0
              ? changeOf(def.direction, -1)
              : 'unchanged';
      }
      rows.push({
        group: label,
        scope,
        baseHost: hostsOf(bg.get(key)),
        candHost: hostsOf(cg.get(key)),
        metric: def.metric,
        unit: def.unit,
        direction: def.direction,
        base: strip(bv),
        cand: strip(cv),
        delta: both ? cv.value! - bv.value! : null,
        deltaRatio: both && bv.value !== 0 ? (cv.value! - bv.value!) / Math.abs(bv.value!) : null,
        noise,
        change,
        verdict: finalVerdict(change, both, trusted),
      });
    }
  }
  const arch = architectureView(bs, cs);
  return {
    mode: 'single',
    base: bs.run,
    cand: cs.run,
    baseRuns: [bs.run],
    candRuns: [cs.run],
    baseLabel: bs.run.id,
    candLabel: cs.run.id,
    rows,
    warnings: comparabilityWarnings([bs], [cs]),
    loadGenerator: lg,
    ...(arch ? { architecture: arch } : {}),
  };
}

function strip(v: SideValue): ComparedValue {
  return v.value === null ? { value: null, missing: v.missing ?? 'missing' } : { value: v.value };
}

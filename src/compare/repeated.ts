// Repeated runs: runs sharing a manifest `group` are repetitions of one configuration. Each side
// is summarised by its median with a distribution-free 95% interval; the sides are compared with
// an exact two-sided Mann–Whitney U test on run-level values (one value per run, so the
// within-run autocorrelation does not enter).
import { messages } from '../model/messages.js';
import type { Flag, RunSummary } from '../model/types.js';
import {
  type Change,
  type Comparison,
  type ComparisonRow,
  type CompareOptions,
  changeOf,
  finalVerdict,
  groupValue,
  labelOf,
  toRunData,
  trustOf,
} from './baseline.js';
import { comparabilityWarnings } from './comparability.js';
import { COMPARED_METRICS, type RunData } from './metrics.js';
import { roleGroups, rowKeys } from './roles.js';
import { DEFAULT_SATURATION, type LoadGeneratorTrust, loadGeneratorTrust } from './saturation.js';
import { mannWhitneyU, minimumP } from './stats/mann-whitney.js';
import { medianCI } from './stats/median-ci.js';

/** Runs per side below which a two-sided U-test cannot reach p < 0.05 (3 + 3 gives at best 0.1). */
export const MIN_RUNS_PER_SIDE = 4;

/** Combines the trust of several runs: unverified beats not-checked beats verified. */
function combinedTrust(runs: RunSummary[], options: CompareOptions): LoadGeneratorTrust {
  const all = runs.map((r) => loadGeneratorTrust(r, options.saturation ?? DEFAULT_SATURATION));
  const status = all.some((t) => t.status === 'unverified')
    ? 'unverified'
    : all.some((t) => t.status === 'not-checked')
      ? 'not-checked'
      : 'verified';
  return { status, reasons: all.flatMap((t) => t.reasons) };
}

/**
 * Compares two groups of repeated runs. Each row carries every run's value, the medians with their
 * intervals, and the U-test; significant when p < alpha (default 0.05).
 *
 * @example
 * ```ts
 * import { compareGroups, loadRunData } from 'bench-report';
 * const load = (id: string) => loadRunData(id, { runsDir: 'fixtures/runs' });
 * const base = await Promise.all([1, 2, 3, 4].map((i) => load(`rep-base-${i}`)));
 * const cand = await Promise.all([1, 2, 3, 4].map((i) => load(`rep-cand-${i}`)));
 * const comparison = compareGroups(base, cand, { baseLabel: 'rep-base', candLabel: 'rep-cand' });
 * for (const r of comparison.rows) console.log(r.group, r.metric, r.noise?.method === 'mann-whitney' ? `p = ${r.noise.p.toFixed(3)}` : '', r.verdict);
 * ```
 */
export function compareGroups(
  baseIn: (RunSummary | RunData)[],
  candIn: (RunSummary | RunData)[],
  options: CompareOptions & { baseLabel?: string; candLabel?: string } = {},
): Comparison {
  if (baseIn.length === 0 || candIn.length === 0)
    throw new Error('compareGroups needs at least one run per side');
  const alpha = options.alpha ?? 0.05;
  const base = baseIn.map(toRunData);
  const cand = candIn.map(toRunData);
  const bs = base.map((r) => r.summary);
  const cs = cand.map((r) => r.summary);
  const lg = { base: combinedTrust(bs, options), cand: combinedTrust(cs, options) };
  const trusted = trustOf(lg.base, lg.cand);
  const warnings: Flag[] = comparabilityWarnings(bs, cs);
  const small: string[] = [];
  if (bs.length < MIN_RUNS_PER_SIDE) small.push(`baseline has ${bs.length}`);
  if (cs.length < MIN_RUNS_PER_SIDE) small.push(`candidate has ${cs.length}`);
  if (small.length)
    warnings.push(
      messages.tooFewRuns(small.join(', '), MIN_RUNS_PER_SIDE, minimumP(bs.length, cs.length), alpha),
    );
  const rows: ComparisonRow[] = [];
  for (const key of rowKeys([...bs, ...cs])) {
    const { label, scope } = labelOf([...bs, ...cs], key);
    const hosts = (runs: RunSummary[]) => {
      const h = [
        ...new Set(
          runs.flatMap(
            (r) =>
              roleGroups(r)
                .get(key)
                ?.nodes.map((n) => n.host) ?? [],
          ),
        ),
      ];
      return h.length ? h.join(', ') : null;
    };
    for (const def of COMPARED_METRICS) {
      const side = (runs: RunData[]) => {
        const vals = runs.map((r) => ({ id: r.summary.run.id, ...groupValue(r, key, def) }));
        const present = vals.filter((v) => v.value !== null).map((v) => v.value!);
        const lacking = vals.filter((v) => v.value === null).map((v) => v.missing!);
        const ci = present.length ? medianCI(present) : null;
        return {
          present,
          value: {
            value: ci ? ci.median : null,
            ...(ci ? {} : { missing: lacking.join('; ') }),
            ...(ci && lacking.length
              ? { missing: `n counts only runs with data; ${lacking.join('; ')}` }
              : {}),
            low: ci?.low ?? null,
            high: ci?.high ?? null,
            n: present.length,
            runs: vals.map((v) => ({ id: v.id, value: v.value })),
          },
        };
      };
      const b = side(base);
      const c = side(cand);
      const both = b.value.value !== null && c.value.value !== null;
      let change: Change | null = null;
      let noise: ComparisonRow['noise'] = null;
      if (both) {
        const t = mannWhitneyU(c.present, b.present);
        noise = {
          method: 'mann-whitney',
          p: t.p,
          u: t.u,
          nBase: b.present.length,
          nCand: c.present.length,
          alpha,
          exact: t.method === 'exact',
        };
        // U of the candidate above n1·n2/2 means candidate values tend to be the larger ones.
        change = t.p < alpha ? changeOf(def.direction, Math.sign(t.u - (t.n1 * t.n2) / 2)) : 'unchanged';
      }
      rows.push({
        group: label,
        scope,
        baseHost: hosts(bs),
        candHost: hosts(cs),
        metric: def.metric,
        unit: def.unit,
        direction: def.direction,
        base: b.value,
        cand: c.value,
        delta: both ? c.value.value! - b.value.value! : null,
        deltaRatio:
          both && b.value.value !== 0 ? (c.value.value! - b.value.value!) / Math.abs(b.value.value!) : null,
        noise,
        change,
        verdict: finalVerdict(change, both, trusted),
      });
    }
  }
  return {
    mode: 'repeated',
    base: bs[0]!.run,
    cand: cs[0]!.run,
    baseRuns: bs.map((s) => s.run),
    candRuns: cs.map((s) => s.run),
    baseLabel: options.baseLabel ?? bs[0]!.run.group ?? bs[0]!.run.id,
    candLabel: options.candLabel ?? cs[0]!.run.group ?? cs[0]!.run.id,
    rows,
    warnings,
    loadGenerator: lg,
    alpha,
  };
}

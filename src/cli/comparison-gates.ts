// --fail-on gates over a comparison: `regression` (a row whose difference is outside the noise in
// the worse direction and at least the threshold), `unverified` (a load generator saturated or not
// checked) and `incomplete` (any compared run not complete).
import type { Comparison, ComparisonRow } from '../compare/baseline.js';
import { InputError } from '../model/errors.js';
import { signed } from '../report/format.js';

/** Default --threshold: a regression must also be at least this large (relative to the baseline). */
export const DEFAULT_THRESHOLD = 0.05;

/** Parses `5%` or `5` (both five percent) or `0%` into a ratio. */
export function parseThreshold(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(text);
  if (!m) throw new InputError(`--threshold "${text}": expected a percentage such as 5%`);
  return Number(m[1]) / 100;
}

function rowText(r: ComparisonRow): string {
  const d = r.unit === 'pp/min' ? 4 : r.metric === 'CPU per bot' ? 3 : 2;
  const ratio = r.deltaRatio === null ? '' : ` (${signed(r.deltaRatio * 100, 1)}%)`;
  const noise =
    r.noise?.method === 'block-bootstrap'
      ? `, 95% interval of Δ ${signed(r.noise.low, d)} … ${signed(r.noise.high, d)}`
      : r.noise?.method === 'mann-whitney'
        ? `, p=${r.noise.p.toFixed(3)}, n=${r.noise.nBase}+${r.noise.nCand}`
        : '';
  return `${r.group} ${r.metric} ${r.base.value!.toFixed(d)} → ${r.cand.value!.toFixed(d)}${ratio}${noise}`;
}

/** Rows that trip the regression gate: regressed beyond the noise and by at least `threshold`. */
export function regressions(c: Comparison, threshold: number): ComparisonRow[] {
  return c.rows.filter(
    (r) =>
      r.change === 'regressed' &&
      (r.deltaRatio === null ? threshold === 0 : Math.abs(r.deltaRatio) >= threshold - 1e-12),
  );
}

/** The reasons the comparison gates trip (empty when none does). */
export function trippedComparisonGates(
  c: Comparison,
  gates: string[],
  threshold = DEFAULT_THRESHOLD,
): string[] {
  const out: string[] = [];
  if (gates.includes('regression'))
    for (const r of regressions(c, threshold)) out.push(`regression: ${rowText(r)}`);
  if (gates.includes('unverified'))
    for (const [side, t] of [
      ['baseline', c.loadGenerator.base],
      ['candidate', c.loadGenerator.cand],
    ] as const)
      if (t.status !== 'verified')
        out.push(`unverified: ${side} load generator ${t.status} (${t.reasons.join('; ')})`);
  if (gates.includes('incomplete'))
    for (const r of [...c.baseRuns, ...c.candRuns])
      if (r.status !== 'complete') out.push(`incomplete: run ${r.id} is ${r.status}`);
  return out;
}

// The canonical metrics and exactly which raw field each comes from: the provenance every
// figure in a report carries.
import type { MetricName, Provenance } from '../model/types.js';

/**
 * Which raw field each canonical metric comes from and how it is derived.
 *
 * @example
 * ```ts
 * import { PROVENANCE, provenanceText } from 'bench-report';
 * console.log(PROVENANCE['cpu.busy_pct'].derivation, '|', provenanceText(PROVENANCE['mem.used_pct']));
 * ```
 */
export const PROVENANCE: Record<MetricName, Provenance> = {
  'cpu.busy_pct': {
    measurement: 'cpu',
    filter: 'cpu=cpu-total',
    field: 'usage_idle',
    derivation: '100 - usage_idle',
  },
  'mem.used_pct': { measurement: 'mem', filter: '', field: 'used_percent', derivation: 'used_percent' },
};

/**
 * The canonical metrics, in report order.
 *
 * @example
 * ```ts
 * import { METRICS } from 'bench-report';
 * console.log(METRICS.join(', '));
 * ```
 */
export const METRICS: MetricName[] = ['cpu.busy_pct', 'mem.used_pct'];

/** Human label used in reports and flags. */
export const METRIC_LABEL: Record<MetricName, string> = { 'cpu.busy_pct': 'CPU', 'mem.used_pct': 'memory' };

/**
 * `cpu,cpu=cpu-total usage_idle`: the compact provenance string shown next to a figure.
 *
 * @example
 * ```ts
 * import { PROVENANCE, provenanceText } from 'bench-report';
 * console.log(provenanceText(PROVENANCE['cpu.busy_pct']));
 * ```
 */
export function provenanceText(p: Provenance): string {
  return `${p.measurement}${p.filter ? `,${p.filter}` : ''} ${p.field}${p.derivation !== p.field ? ` (${p.derivation})` : ''}`;
}

// --fail-on gates: conditions under which a built report still fails CI (exit 2).
import { loadGeneratorTrust } from '../compare/saturation.js';
import type { RunSummary } from '../model/types.js';

export const GATES = {
  missing: 'a node has no samples (status missing)',
  partial: 'a node is missing or below the coverage threshold',
  incomplete: 'the run is not complete (same as partial)',
  'no-data': 'no node has any sample',
  rejected: 'any input record was rejected as malformed',
  regression: 'a compared metric regressed beyond the noise by at least --threshold',
  unverified: 'a bot node was saturated or its saturation could not be checked',
} as const;
export type Gate = keyof typeof GATES;

export function isGate(s: string): s is Gate {
  return Object.hasOwn(GATES, s);
}

/** The reasons the gates trip for this summary (empty when none does). */
export function trippedGates(s: RunSummary, gates: Gate[]): string[] {
  const out: string[] = [];
  for (const g of gates) {
    if (g === 'missing' && s.nodes.some((n) => n.status === 'missing'))
      out.push(
        `missing: ${s.nodes
          .filter((n) => n.status === 'missing')
          .map((n) => n.host)
          .join(', ')} not measured`,
      );
    if ((g === 'partial' || g === 'incomplete') && s.run.status !== 'complete')
      out.push(`${g}: run is ${s.run.status}`);
    if (g === 'no-data' && s.run.status === 'no-data') out.push('no-data: no node reported any sample');
    if (g === 'rejected' && s.inputs.some((i) => i.rejected > 0))
      out.push(`rejected: ${s.inputs.reduce((a, i) => a + i.rejected, 0)} malformed record(s)`);
    if (g === 'unverified') {
      const t = loadGeneratorTrust(s);
      if (t.status !== 'verified')
        out.push(`unverified: load generator ${t.status} (${t.reasons.join('; ')})`);
    }
  }
  return out;
}

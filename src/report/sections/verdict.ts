// Verdict section: what was measured and what was not, first.
import { loadGeneratorTrust } from '../../compare/saturation.js';
import type { NodeSummary, RunSummary } from '../../model/types.js';
import { pct } from '../format.js';
import type { Block, Section, Verdict } from '../model.js';

function nodeLabel(n: NodeSummary): string {
  return `${n.host} (${n.role}${n.role === 'bots' || n.bots > 0 ? `, ${n.bots} bots` : ''})`;
}

/**
 * The one-line verdict of a run: what was measured and what was not.
 *
 * @example
 * ```ts
 * import { summarize, verdictOf } from 'bench-report';
 * const v = verdictOf(await summarize('distributed-20-partial', { runsDir: 'fixtures/runs' }));
 * console.log(v.status, v.headline, v.notMeasured);
 * ```
 */
export function verdictOf(s: RunSummary): Verdict {
  const measured = s.nodes
    .filter((n) => n.status !== 'missing')
    .map(
      (n) =>
        `${nodeLabel(n)}: ${pct(n.coverage.ratio)} coverage${n.status === 'partial' ? ' (partial)' : ''}`,
    );
  const notMeasured = s.nodes
    .filter((n) => n.status === 'missing')
    .map((n) => {
      if (s.flags.some((f) => f.code === 'source-failed' && f.host === n.host)) {
        return `${nodeLabel(n)}: data could not be loaded (see data quality)`;
      }
      // When Telegraf's own log says why, say it right here.
      const why = n.flags.find((f) => f.code === 'telegraf-errors');
      return `${nodeLabel(n)}: no samples in the window${why ? ` (${why.message})` : ''}`;
    });
  for (const n of s.nodes) {
    if (n.status === 'missing') continue;
    if (!n.cpu) notMeasured.push(`${n.host}: CPU`);
    if (!n.memory) notMeasured.push(`${n.host}: memory`);
  }
  const total = s.nodes.length;
  const missing = s.nodes.filter((n) => n.status === 'missing').length;
  const partial = s.nodes.filter((n) => n.status === 'partial').length;
  let headline: string;
  if (s.run.status === 'no-data') {
    headline = `No metrics: none of the ${total} nodes reported CPU or memory in the window. This run has no performance figures.`;
  } else if (s.run.status === 'incomplete') {
    const parts = [];
    if (missing) parts.push(`${missing} of ${total} nodes not measured`);
    if (partial) parts.push(`${partial} of ${total} nodes only partly measured`);
    if (s.run.serverCrashed) parts.push('the server failed during the run (see Evidence from logs)');
    headline = `Incomplete: ${parts.join('; ')}. Figures below cover only what was measured.`;
  } else {
    headline = `Complete: all ${total} nodes reported CPU and memory for at least ${pct(s.thresholds.coverage, 0)} of the window.`;
  }
  // A saturated load generator means the server got less load than intended: say so first.
  const trust = loadGeneratorTrust(s);
  if (trust.status === 'unverified')
    headline = `Unverified load: ${trust.reasons.join('; ')}; the server figures understate the intended load. ${headline}`;
  return { status: s.run.status, headline, measured, notMeasured };
}

export function verdictSection(v: Verdict): Section {
  const blocks: Block[] = [{ kind: 'paragraph', text: v.headline, strong: true }];
  if (v.measured.length)
    blocks.push({ kind: 'paragraph', text: 'Measured:' }, { kind: 'list', items: v.measured });
  if (v.notMeasured.length)
    blocks.push({ kind: 'paragraph', text: 'Not measured:' }, { kind: 'list', items: v.notMeasured });
  return { id: 'verdict', title: 'Verdict', blocks };
}

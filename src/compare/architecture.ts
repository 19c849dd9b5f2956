// Single vs distributed: two runs with the same bot total but a different number of bot nodes,
// lined up per role. The caveats are computed from the summaries (what is missing, what differs),
// never written by hand.
import type { NodeSummary, RunSummary } from '../model/types.js';
import { loadGeneratorTrust } from './saturation.js';

export interface ArchitectureLine {
  role: string;
  quantity: string;
  unit: string;
  base: number | null;
  cand: number | null;
  /** Why a side is null (run and node). */
  missing: string[];
}

export interface ArchitectureSide {
  id: string;
  layout: string;
  botNodes: number;
}

export interface ArchitectureView {
  totalBots: number;
  base: ArchitectureSide;
  cand: ArchitectureSide;
  lines: ArchitectureLine[];
  caveats: string[];
}

function layoutOf(s: RunSummary): ArchitectureSide {
  const bots = s.nodes.filter((n) => n.role === 'bots');
  const layout =
    bots.length === 1
      ? `single bot node (${bots[0]!.host}, ${bots[0]!.bots} bots)`
      : `${bots.length} bot nodes (${bots.map((n) => `${n.host}: ${n.bots}`).join(', ')})`;
  return { id: s.run.id, layout, botNodes: bots.length };
}

/** Σ of a per-node figure over bot nodes, or null with the nodes that lack it. */
function sumOver(
  s: RunSummary,
  get: (n: NodeSummary) => number | null | undefined,
  what: string,
): { value: number | null; missing: string[] } {
  const bots = s.nodes.filter((n) => n.role === 'bots');
  const lacking = bots.filter((n) => get(n) == null).map((n) => `${s.run.id}: ${n.host} has no ${what}`);
  if (lacking.length || bots.length === 0) return { value: null, missing: lacking };
  return { value: bots.reduce((a, n) => a + get(n)!, 0), missing: [] };
}

/**
 * The single-vs-distributed view, or null when the runs are not that comparison (different bot
 * totals, or the same number of bot nodes).
 */
export function architectureView(base: RunSummary, cand: RunSummary): ArchitectureView | null {
  const b = layoutOf(base);
  const c = layoutOf(cand);
  if (base.run.totalBots !== cand.run.totalBots || b.botNodes === c.botNodes || !b.botNodes || !c.botNodes)
    return null;
  const server = (s: RunSummary) => s.nodes.find((n) => n.role === 'server');
  const serverLine = (quantity: string, unit: string, get: (n: NodeSummary) => number | null | undefined) => {
    const sides = [base, cand].map((s) => {
      const n = server(s);
      if (!n) return { value: null, missing: [`${s.run.id} has no server node`] };
      const v = get(n);
      return v == null
        ? { value: null, missing: [`${s.run.id}: ${n.host} has no ${quantity}`] }
        : { value: v, missing: [] };
    });
    return {
      role: 'server',
      quantity,
      unit,
      base: sides[0]!.value,
      cand: sides[1]!.value,
      missing: [...sides[0]!.missing, ...sides[1]!.missing],
    };
  };
  const sumLine = (
    quantity: string,
    unit: string,
    get: (n: NodeSummary) => number | null | undefined,
    what: string,
  ) => {
    const x = sumOver(base, get, what);
    const y = sumOver(cand, get, what);
    return {
      role: 'load generation',
      quantity,
      unit,
      base: x.value,
      cand: y.value,
      missing: [...x.missing, ...y.missing],
    };
  };
  const perBot = (s: RunSummary) => {
    const sum = sumOver(s, (n) => n.cpu?.mean, 'CPU data');
    return sum.value === null || s.run.totalBots === 0 ? null : sum.value / s.run.totalBots;
  };
  const lines: ArchitectureLine[] = [
    serverLine('CPU mean', '%', (n) => n.cpu?.mean),
    serverLine('CPU per bot', '%', (n) => n.cpuPerBot),
    serverLine('memory mean', '%', (n) => n.memory?.mean),
    sumLine('bot-node CPU, summed over nodes', '% of one machine', (n) => n.cpu?.mean, 'CPU data'),
    {
      role: 'load generation',
      quantity: 'bot-node CPU per bot',
      unit: '% of one machine',
      base: perBot(base),
      cand: perBot(cand),
      missing: [], // filled below from the summed line: the same nodes are missing
    },
  ];
  lines[4]!.missing = lines[3]!.missing;
  const caveats: string[] = [];
  caveats.push(
    `Same bot total (${base.run.totalBots}), different layout: ${b.id} uses a ${b.layout}; ${c.id} uses ${c.layout}.`,
  );
  for (const s of [base, cand]) {
    const missing = s.nodes.filter((n) => n.status === 'missing').map((n) => n.host);
    const partial = s.nodes.filter((n) => n.status === 'partial').map((n) => n.host);
    if (missing.length)
      caveats.push(
        `${s.run.id}: ${missing.join(', ')} not measured, so that run's bot-side totals cannot be formed.`,
      );
    if (partial.length)
      caveats.push(
        `${s.run.id}: ${partial.join(', ')} only partly measured (coverage below ${(s.thresholds.coverage * 100).toFixed(0)}%).`,
      );
    const t = loadGeneratorTrust(s);
    if (t.status !== 'verified')
      caveats.push(`${s.run.id}: load generator ${t.status} (${t.reasons.join('; ')}).`);
  }
  if (b.botNodes !== c.botNodes)
    caveats.push(
      'Bot-node CPU is a percentage of each machine; summing it over nodes assumes machines of the same size, which the manifests do not record.',
    );
  if (
    base.run.intervalSeconds !== cand.run.intervalSeconds ||
    base.run.durationSeconds !== cand.run.durationSeconds
  )
    caveats.push(
      `Sampling differs: ${b.id} ${base.run.intervalSeconds} s over ${base.run.durationSeconds} s; ${c.id} ${cand.run.intervalSeconds} s over ${cand.run.durationSeconds} s.`,
    );
  return { totalBots: base.run.totalBots, base: b, cand: c, lines, caveats };
}

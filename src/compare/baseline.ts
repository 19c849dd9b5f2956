// compare: a baseline run beside a candidate, metric by metric. Nodes are matched by role (the
// server with the server; bot nodes by their order in the manifest). A figure missing on either
// side stays in the table as null with the reason; it is never dropped and never estimated.
import { messages } from '../model/messages.js';
import type { Flag, NodeSummary, RunSummary } from '../model/types.js';

export type Direction = 'lower-is-better' | 'higher-is-better' | 'neutral';

export interface ComparedValue {
  value: number | null;
  /** Why the value is null (which run and node lacked it). */
  missing?: string;
}

/** One metric of one node group, baseline beside candidate, with the delta when both exist. */
export interface ComparisonRow {
  /** Which node group the row is about, e.g. `server` or `bot node 1`. */
  group: string;
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
}

/** A baseline and a candidate run compared row by row, with the warnings the comparison raised. */
export interface Comparison {
  base: RunSummary['run'];
  cand: RunSummary['run'];
  rows: ComparisonRow[];
  warnings: Flag[];
}

interface MetricDef {
  metric: string;
  unit: string;
  direction: Direction;
  get: (n: NodeSummary) => number | null | undefined;
  what: string;
}

const METRICS: MetricDef[] = [
  { metric: 'CPU mean', unit: '%', direction: 'lower-is-better', get: (n) => n.cpu?.mean, what: 'CPU data' },
  { metric: 'CPU p95', unit: '%', direction: 'lower-is-better', get: (n) => n.cpu?.p95, what: 'CPU data' },
  { metric: 'CPU peak', unit: '%', direction: 'lower-is-better', get: (n) => n.cpu?.peak, what: 'CPU data' },
  {
    metric: 'CPU per bot',
    unit: '%',
    direction: 'lower-is-better',
    get: (n) => n.cpuPerBot,
    what: 'CPU per bot',
  },
  {
    metric: 'memory mean',
    unit: '%',
    direction: 'lower-is-better',
    get: (n) => n.memory?.mean,
    what: 'memory data',
  },
  {
    metric: 'memory slope',
    unit: 'pp/min',
    direction: 'neutral',
    get: (n) => n.memory?.slopePerMinute,
    what: 'memory data',
  },
];

function groups(s: RunSummary): Map<string, NodeSummary> {
  const out = new Map<string, NodeSummary>();
  let bots = 0;
  let other = 0;
  for (const n of s.nodes) {
    if (n.role === 'server' && !out.has('server')) out.set('server', n);
    else if (n.role === 'bots') out.set(`bot node ${++bots}`, n);
    else out.set(`${n.role === 'server' ? 'server' : 'other node'} ${++other}`, n);
  }
  return out;
}

function side(run: string, node: NodeSummary | undefined, def: MetricDef): ComparedValue {
  if (!node) return { value: null, missing: `${run} has no such node` };
  const v = def.get(node);
  if (v === null || v === undefined)
    return { value: null, missing: `${run}: ${node.host} has no ${def.what}` };
  return { value: v };
}

/**
 * Side-by-side comparison of a baseline and a candidate run.
 *
 * @example
 * ```ts
 * import { compareRuns, summarize } from 'bench-report';
 * const base = await summarize('single-node-20', { runsDir: 'fixtures/runs' });
 * const cand = await summarize('distributed-20-partial', { runsDir: 'fixtures/runs' });
 * for (const r of compareRuns(base, cand).rows) console.log(r.group, r.metric, r.base.value, r.cand.value, r.delta);
 * ```
 */
export function compareRuns(base: RunSummary, cand: RunSummary): Comparison {
  const bg = groups(base);
  const cg = groups(cand);
  const keys = [...new Set([...bg.keys(), ...cg.keys()])];
  const rows: ComparisonRow[] = [];
  for (const key of keys) {
    const b = bg.get(key);
    const c = cg.get(key);
    for (const def of METRICS) {
      const bv = side(base.run.id, b, def);
      const cv = side(cand.run.id, c, def);
      const both = bv.value !== null && cv.value !== null;
      rows.push({
        group: key,
        baseHost: b?.host ?? null,
        candHost: c?.host ?? null,
        metric: def.metric,
        unit: def.unit,
        direction: def.direction,
        base: bv,
        cand: cv,
        delta: both ? cv.value! - bv.value! : null,
        deltaRatio: both && bv.value !== 0 ? (cv.value! - bv.value!) / Math.abs(bv.value!) : null,
      });
    }
  }
  const warnings: Flag[] = [];
  const differs: string[] = [];
  if (base.run.totalBots !== cand.run.totalBots)
    differs.push(`total bots (${base.run.totalBots} vs ${cand.run.totalBots})`);
  if (base.nodes.length !== cand.nodes.length)
    differs.push(`node count (${base.nodes.length} vs ${cand.nodes.length})`);
  if (base.run.intervalSeconds !== cand.run.intervalSeconds)
    differs.push(`interval (${base.run.intervalSeconds} s vs ${cand.run.intervalSeconds} s)`);
  if (base.run.durationSeconds !== cand.run.durationSeconds)
    differs.push(`duration (${base.run.durationSeconds} s vs ${cand.run.durationSeconds} s)`);
  for (const d of differs) warnings.push(messages.baselineDiffers(d));
  return { base: base.run, cand: cand.run, rows, warnings };
}

// Which nodes of a run stand for which comparison row: the server, all bot nodes pooled, and each
// bot (or other) node by host name. Matching "bot node 1" of a one-node run with "bot node 1" of a
// two-node run would compare different loads, so single nodes are matched only by host.
import type { NodeSummary, RunSummary } from '../model/types.js';

export type Scope = 'server' | 'bots-pooled' | 'bots-node' | 'other-node';

export interface RoleGroup {
  key: string;
  label: string;
  scope: Scope;
  nodes: NodeSummary[];
  bots: number;
}

/** The row groups of one run, keyed so the same key in two runs means the same thing. */
export function roleGroups(s: RunSummary): Map<string, RoleGroup> {
  const out = new Map<string, RoleGroup>();
  const servers = s.nodes.filter((n) => n.role === 'server');
  const bots = s.nodes.filter((n) => n.role === 'bots');
  if (servers.length > 0)
    out.set('server', {
      key: 'server',
      label: 'server',
      scope: 'server',
      nodes: servers,
      bots: s.run.totalBots,
    });
  if (bots.length > 0)
    out.set('bots', {
      key: 'bots',
      label: 'bot nodes (pooled)',
      scope: 'bots-pooled',
      nodes: bots,
      bots: bots.reduce((a, n) => a + n.bots, 0),
    });
  for (const n of bots)
    out.set(`bots:${n.host}`, {
      key: `bots:${n.host}`,
      label: `bot node ${n.host}`,
      scope: 'bots-node',
      nodes: [n],
      bots: n.bots,
    });
  for (const n of s.nodes.filter((x) => x.role === 'other'))
    out.set(`other:${n.host}`, {
      key: `other:${n.host}`,
      label: `other node ${n.host}`,
      scope: 'other-node',
      nodes: [n],
      bots: n.bots,
    });
  return out;
}

/** Human label for a group key when one side lacks it. */
export function describeAbsent(key: string): string {
  if (key === 'server') return 'server node';
  if (key === 'bots') return 'bot node';
  const [kind, host] = key.split(/:(.*)/s);
  return `${kind === 'bots' ? 'bot' : 'other'} node named ${host}`;
}

/**
 * Row keys in display order: server, pooled bots, then per-node rows. Per-node rows are left out
 * when every run has exactly one bot node with the same host (they would repeat the pooled rows).
 */
export function rowKeys(runs: RunSummary[]): string[] {
  const maps = runs.map(roleGroups);
  const keys = new Set<string>();
  for (const m of maps) for (const k of m.keys()) keys.add(k);
  const nodeKeys = [...keys].filter((k) => k.startsWith('bots:'));
  const single =
    nodeKeys.length === 1 && maps.every((m) => m.has(nodeKeys[0]!) && m.get('bots')?.nodes.length === 1);
  const order = (k: string) => (k === 'server' ? 0 : k === 'bots' ? 1 : k.startsWith('bots:') ? 2 : 3);
  return [...keys]
    .filter((k) => !(single && k.startsWith('bots:')))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

// Yardstick results directories (lineage A, see docs): the runner's run.json becomes a RunSpec
// with no manifest of ours. Nodes come from server_host / workload_hosts / influxdb_host, the
// data from the annotated-CSV exports (one per measurement) with `yardstick_node` as host tag.
import path from 'node:path';
import { InputError } from '../model/errors.js';
import type { NodeSpec, RunSpec, SourceSpec } from '../model/types.js';

/**
 * Telegraf interval of Yardstick's agents: its telegraf.conf.j2 sets `interval = "5s"`.
 * run.json does not record it; `config.monitoring.interval` wins when present.
 */
export const YARDSTICK_INTERVAL_SECONDS = 5;

/**
 * True when a parsed run.json is Yardstick's (it has started_at and server_host, not our start/nodes).
 *
 * @example
 * ```ts
 * import { isYardstickRunJson } from 'bench-report';
 * const runJson = {
 *   started_at: '2026-09-19T10:15:00+00:00',
 *   finished_at: '2026-09-19T10:20:00+00:00',
 *   total_bots: 16,
 *   server_host: '10.0.0.1',
 *   workload_hosts: ['10.0.0.2'],
 * };
 * console.log(isYardstickRunJson(runJson), isYardstickRunJson({ id: 'r', nodes: [] })); // true false
 * ```
 */
export function isYardstickRunJson(raw: unknown): raw is Record<string, unknown> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return false;
  const o = raw as Record<string, unknown>;
  return typeof o.started_at === 'string' && 'server_host' in o && !('nodes' in o);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const strList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Splits `total` bots over `n` nodes as evenly as whole bots allow (earlier nodes take the remainder). */
export function splitBots(total: number, n: number): number[] {
  if (n === 0) return [];
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, i) => base + (i < total % n ? 1 : 0));
}

/** Yardstick's `workload_saturation` record, when it has the documented shape. */
function saturation(v: unknown): { saturation?: NonNullable<RunSpec['recorded']>['saturation'] } {
  if (!v || typeof v !== 'object') return {};
  const s = v as Record<string, unknown>;
  if (typeof s.checked !== 'boolean' || typeof s.ok !== 'boolean') return {};
  const findings = (Array.isArray(s.findings) ? s.findings : []).flatMap((f) => {
    const x = f as Record<string, unknown>;
    return typeof x.node === 'string' &&
      typeof x.observed_pct === 'number' &&
      typeof x.threshold_pct === 'number'
      ? [
          {
            node: x.node,
            resource: String(x.resource ?? ''),
            observedPct: x.observed_pct,
            thresholdPct: x.threshold_pct,
          },
        ]
      : [];
  });
  return { saturation: { checked: s.checked, ok: s.ok, findings } };
}

/**
 * Translates Yardstick's run.json (already parsed) into a RunSpec; `file` names it in errors.
 *
 * @example
 * ```ts
 * import { yardstickToRunSpec } from 'bench-report';
 * const runJson = {
 *   started_at: '2026-09-19T10:15:00+00:00',
 *   finished_at: '2026-09-19T10:20:00+00:00',
 *   total_bots: 16,
 *   server_host: '10.0.0.1',
 *   workload_hosts: ['10.0.0.2'],
 * };
 * const spec = yardstickToRunSpec(runJson, 'run.json', 'runs/walkaround');
 * console.log(spec.id, spec.nodes.map((n) => `${n.host} ${n.role} ${n.bots ?? ''}`));
 * ```
 */
export function yardstickToRunSpec(o: Record<string, unknown>, file: string, dir: string): RunSpec {
  const start = Date.parse(String(o.started_at));
  const end = Date.parse(String(o.finished_at ?? ''));
  if (Number.isNaN(start)) throw new InputError('key "started_at": expected an ISO 8601 time', file);
  if (Number.isNaN(end) || !(end > start))
    throw new InputError(
      'key "finished_at": expected an ISO 8601 time after started_at (the run did not finish?)',
      file,
    );
  const config = (o.config && typeof o.config === 'object' ? o.config : {}) as Record<
    string,
    Record<string, unknown>
  >;
  const workloadCfg = config.workload ?? {};
  const server = str(o.server_host);
  const workers = strList(o.workload_hosts);
  const totalBots = typeof o.total_bots === 'number' ? o.total_bots : 0;
  const perNode =
    typeof workloadCfg.bots_per_node === 'number' && workloadCfg.bots_per_node * workers.length === totalBots
      ? workers.map(() => workloadCfg.bots_per_node as number)
      : splitBots(totalBots, workers.length);
  const nodes: NodeSpec[] = [];
  const seen = new Set<string>();
  const add = (host: string, role: NodeSpec['role'], bots: number) => {
    if (seen.has(host)) return;
    seen.add(host);
    nodes.push({ host, role, bots });
  };
  if (server) add(server, 'server', 0);
  for (const [i, h] of workers.entries()) add(h, 'bots', perNode[i] ?? 0);
  for (const h of [str(o.influxdb_host), ...strList(o.hosts)]) if (h) add(h, 'other', 0);
  if (nodes.length === 0)
    throw new InputError('no server_host, workload_hosts or hosts: no nodes to report on', file);
  const files = strList(o.files).filter((f) => !f.includes('/') && !f.includes('\\'));
  const sources: SourceSpec[] = (files.length > 0 ? files : ['*.csv']).map((p) => ({
    kind: 'file',
    path: p,
    format: 'flux-csv',
    hostTag: 'yardstick_node',
  }));
  const monitoring = config.monitoring ?? {};
  const interval = typeof monitoring.interval === 'number' ? monitoring.interval : YARDSTICK_INTERVAL_SECONDS;
  const base = path.basename(dir).replace(/[^A-Za-z0-9._-]/g, '-') || 'yardstick-run';
  const workload = str(o.workload) ?? 'workload';
  const game = str(o.game) ?? 'game';
  return {
    id: base,
    title: `${workload} on ${game}`,
    dir,
    manifestPath: file,
    start,
    end,
    intervalSeconds: interval,
    nodes,
    sources,
    timezone: 'UTC',
    recorded: {
      source: 'yardstick',
      ...(typeof o.server_crashed === 'boolean' ? { serverCrashed: o.server_crashed } : {}),
      ...(typeof o.players_failed_to_join === 'boolean'
        ? { playersFailedToJoin: o.players_failed_to_join }
        : {}),
      ...saturation(o.workload_saturation),
    },
  };
}

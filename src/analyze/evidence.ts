// What the logs say about a run, beside the metrics: players online over time and at peak,
// bots declared versus observed per node, a server crash (which makes the run incomplete, with
// the line quoted) and, for nodes without metrics, what Telegraf's own log said.
import type {
  Evidence,
  EvidenceSummary,
  LogEvent,
  NodeEvidence,
  QuotedLine,
  TickHealth,
} from '../model/events.js';
import type { Flag, RunSpec, RunSummary } from '../model/types.js';
import { DEFAULT_TICK_BUDGET_MS, tickHealth } from './tick-health.js';

const quote = (e: LogEvent): QuotedLine => ({ location: e.location, text: e.text });

/**
 * The Telegraf error that best says why metrics are missing: the last one naming where it could
 * not write or connect (it carries the URL and the cause), else the last error.
 */
function telegrafReason(errors: LogEvent[]): QuotedLine | null {
  const specific = errors.filter((e) =>
    /When writing to|Failed to connect|could not write to|dial tcp|http/.test(e.text),
  );
  const pick = specific[specific.length - 1] ?? errors[errors.length - 1];
  return pick ? quote(pick) : null;
}

/**
 * Summarises the evidence of a run (pure).
 *
 * @example
 * ```ts
 * import { loadRun, readLogs, summarizeEvidence } from 'bench-report';
 * const spec = await loadRun('logs-18-of-20', 'fixtures/runs');
 * const s = summarizeEvidence(spec, await readLogs(spec));
 * console.log(s.joinedPlayers, s.nodes.map((n) => `${n.host}: ${n.observedBots}/${n.declaredBots}`));
 * ```
 */
export function summarizeEvidence(spec: RunSpec, ev: Evidence): EvidenceSummary {
  const serverLog = ev.logs.some((l) => l.kind === 'luanti');
  const server = ev.events.filter((e) => ['join', 'leave', 'timeout'].includes(e.kind));
  const joined = new Set(server.filter((e) => e.kind === 'join').map((e) => e.player));
  let peak: number | null = null;
  let peakAt: string | null = null;
  const online: EvidenceSummary['online'] = [];
  for (const e of server) {
    if (e.online === undefined || e.time === null) continue;
    online.push({ time: new Date(e.time).toISOString(), online: e.online });
    if (peak === null || e.online > peak) {
      peak = e.online;
      peakAt = new Date(e.time).toISOString();
    }
  }
  const crashes = ev.events.filter((e) => e.kind === 'server-error');
  const nodes: NodeEvidence[] = spec.nodes.map((n) => {
    const botLogs = ev.logs.filter((l) => l.kind === 'bots' && l.host === n.host);
    const mine = ev.events.filter((e) => e.host === n.host);
    const ready = new Set<string>();
    let unnamed = 0;
    for (const e of mine)
      if (e.kind === 'bot-ready') {
        if (e.player) ready.add(e.player);
        else unnamed++;
      }
    const tErr = mine.filter((e) => e.kind === 'telegraf-error');
    return {
      host: n.host,
      declaredBots: n.bots,
      observedBots: botLogs.length > 0 ? ready.size + unnamed : null,
      botFailures: mine.filter((e) => e.kind === 'bot-failed').length,
      telegrafErrors: tErr.length,
      telegrafWarnings: mine.filter((e) => e.kind === 'telegraf-warning').length,
      telegrafLastError: telegrafReason(tErr),
    };
  });
  return {
    serverLog,
    joinedPlayers: serverLog ? joined.size : null,
    peakOnline: peak,
    peakOnlineAt: peakAt,
    online,
    leaves: server.filter((e) => e.kind === 'leave').length,
    timeouts: server.filter((e) => e.kind === 'timeout').length,
    serverCrashed: crashes.length > 0 || spec.recorded?.serverCrashed === true,
    crashLines: crashes.map(quote),
    shutdown: ev.events.some((e) => e.kind === 'shutdown'),
    nodes,
    logs: ev.logs,
    ...(spec.recorded?.saturation ? { recordedSaturation: spec.recorded.saturation } : {}),
  };
}

/** Flags the evidence raises (message catalogue for logs). */
export function evidenceFlags(spec: RunSpec, s: EvidenceSummary, statusOf: (host: string) => string): Flag[] {
  const flags: Flag[] = [];
  const declared = spec.nodes.reduce((a, n) => a + n.bots, 0);
  if (s.serverCrashed) {
    const first = s.crashLines[0];
    flags.push({
      code: 'server-crashed',
      message: first
        ? `the server failed during the run: ${first.location}: ${first.text}`
        : `the harness recorded a server crash (${spec.recorded?.source ?? 'run record'}: server_crashed = true)`,
    });
  }
  if (s.joinedPlayers !== null && declared > 0 && s.joinedPlayers !== declared)
    flags.push({
      code: 'bots-mismatch',
      message: `server log shows ${s.joinedPlayers} of ${declared} declared bots joining`,
    });
  if (spec.recorded?.playersFailedToJoin === true)
    flags.push({
      code: 'bots-mismatch',
      message: `the harness recorded that players failed to join (${spec.recorded.source}: players_failed_to_join = true)`,
    });
  for (const n of s.nodes) {
    if (n.observedBots !== null && n.observedBots !== n.declaredBots)
      flags.push({
        code: 'bots-mismatch',
        host: n.host,
        message: `${n.host}: ${n.observedBots} of ${n.declaredBots} declared bots came up per its bot log${n.botFailures ? ` (${n.botFailures} failed to connect)` : ''}`,
      });
    if (n.telegrafLastError && statusOf(n.host) !== 'ok')
      flags.push({
        code: 'telegraf-errors',
        host: n.host,
        message: `Telegraf on ${n.host}: ${n.telegrafLastError.text} (${n.telegrafLastError.location})`,
      });
  }
  return flags;
}

/**
 * Adds the evidence to a run summary (additive keys only): `evidence`, `tickHealth`,
 * `run.serverCrashed`, `nodes[].observedBots`; a crash makes a complete run `incomplete`.
 *
 * @example
 * ```ts
 * import { applyEvidence, loadRun, readRun, summarizeRun } from 'bench-report';
 * const spec = await loadRun('server-error', 'fixtures/runs');
 * const read = await readRun(spec);
 * const summary = applyEvidence(summarizeRun(spec, read.series, read.inputs, read.flags), spec, read.evidence);
 * console.log(summary.run.status, summary.run.serverCrashed);
 * ```
 */
export function applyEvidence(summary: RunSummary, spec: RunSpec, ev: Evidence): RunSummary {
  const hasAny = ev.logs.length > 0 || spec.recorded !== undefined || (ev.unmatched ?? []).length > 0;
  if (!hasAny) return summary;
  const s = summarizeEvidence(spec, ev);
  const statusOf = (h: string) => summary.nodes.find((n) => n.host === h)?.status ?? 'missing';
  const flags = evidenceFlags(spec, s, statusOf);
  for (const p of ev.unmatched ?? [])
    flags.push({ code: 'no-sources-matched', message: `log ${JSON.stringify(p)} matched no file` });
  const nodes = summary.nodes.map((n) => {
    const e = s.nodes.find((x) => x.host === n.host)!;
    return {
      ...n,
      observedBots: e.observedBots,
      flags: [...n.flags, ...flags.filter((f) => f.host === n.host)],
    };
  });
  const status = s.serverCrashed && summary.run.status === 'complete' ? 'incomplete' : summary.run.status;
  const th: TickHealth | null = tickHealth(ev, spec.tickBudgetMs ?? DEFAULT_TICK_BUDGET_MS);
  return {
    ...summary,
    run: { ...summary.run, status, serverCrashed: s.serverCrashed, observedPlayers: s.joinedPlayers },
    nodes,
    flags: [...summary.flags, ...flags],
    evidence: s,
    tickHealth: th,
  };
}

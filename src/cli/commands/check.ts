// `bench-report check`: is every node reporting to InfluxDB right now? A table (or --json);
// exit 0 when all report, 2 when any is silent or stale, 1 on errors.
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { type CheckReport, checkRun } from '../../check.js';
import { parseDuration } from '../../run/duration.js';
import { EXIT } from '../exit.js';
import type { CliIO } from '../io.js';

interface CheckFlags {
  runs?: string;
  json?: boolean;
  measurements?: string[];
  recent?: string;
  stale?: string;
  now?: string;
  queries?: string;
  timeout?: string;
}

function positiveInt(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new CommanderError(
      EXIT.input,
      'bench-report.badOption',
      `error: ${name} expects a whole number ≥ 1, got "${v}"`,
    );
  return n;
}

/** The table a person reads: one row per node and measurement, worst first within each node. */
export function checkTable(r: CheckReport): string {
  const rows = [
    [
      'host',
      'measurement',
      'last report',
      'age',
      `points (last ${r.recentIntervals}×${r.intervalSeconds}s)`,
      'status',
    ],
  ];
  for (const n of r.nodes)
    for (const m of n.measurements)
      rows.push([
        n.host,
        m.measurement,
        m.lastReport ?? 'never',
        m.ageSeconds === null ? '—' : `${Math.round(m.ageSeconds)} s`,
        String(m.recentPoints),
        m.status === 'reporting' ? 'reporting' : m.status.toUpperCase(),
      ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) =>
    r
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
  const bad = r.nodes.filter((n) => n.status !== 'reporting');
  const head = `${r.run}: checked ${r.checkedAt} against ${r.sources.join(', ')}; stale after ${r.staleIntervals} intervals`;
  const tail =
    bad.length === 0
      ? `all ${r.nodes.length} node(s) reporting`
      : `${bad.length} node(s) not reporting: ${bad.map((n) => `${n.host} (${n.status})`).join(', ')}`;
  const hint =
    r.unknownHosts.length > 0
      ? `hosts writing ${r.measurements[0]} that the manifest does not name: ${r.unknownHosts.join(', ')} (a host-name mismatch?)\n`
      : '';
  return `${head}\n${lines.join('\n')}\n${tail}\n${hint}`;
}

export function checkCommand(io: CliIO, setExit: (code: number) => void): Command {
  return new Command('check')
    .description('Preflight / in-flight check: is every node of a run reporting to InfluxDB now?')
    .argument('<run>', 'run id (a folder under --runs) or a run directory or manifest file')
    .option('--runs <dir>', 'folder holding run directories', 'runs')
    .option('--json', 'print the result as JSON')
    .option('--measurements <name...>', 'measurements every node must report', ['cpu', 'mem'])
    .option('--recent <n>', 'count points over the last n intervals', '6')
    .option('--stale <n>', 'a node is stale when its newest point is older than n intervals', '3')
    .option('--now <time>', 'check as of this ISO time instead of the clock (for replays and tests)')
    .option('--queries <dir>', 'folder with influxql/last_report.influxql replacing the bundled one')
    .option('--timeout <duration>', 'per-request timeout, e.g. 10s', '10s')
    .addHelpText(
      'after',
      `
Exit codes: 0 every node reporting, 2 a node is silent or stale, 1 error.
The run's manifest must name an InfluxQL source ({influxql: URL, database}); file and Flux
sources cannot be checked live, so check needs a reachable InfluxDB.
Examples:
  $ bench-report check my-run                 # before starting the bots
  $ bench-report check my-run --json --stale 6
  $ while bench-report check my-run; do sleep 30; done   # during the run: stops when a node goes quiet`,
    )
    .action(async (runRef: string, flags: CheckFlags) => {
      const now = flags.now === undefined ? Date.now() : Date.parse(flags.now);
      if (Number.isNaN(now))
        throw new CommanderError(
          EXIT.input,
          'bench-report.badOption',
          `error: --now expects an ISO time, got "${flags.now}"`,
        );
      const timeout = parseDuration(flags.timeout ?? '10s');
      if (timeout === null)
        throw new CommanderError(
          EXIT.input,
          'bench-report.badOption',
          `error: --timeout expects a duration such as 10s`,
        );
      const report = await checkRun(runRef, {
        runsDir: path.resolve(io.cwd, flags.runs ?? 'runs'),
        cwd: io.cwd,
        now,
        measurements: flags.measurements ?? ['cpu', 'mem'],
        recentIntervals: positiveInt(flags.recent, '--recent', 6),
        staleIntervals: positiveInt(flags.stale, '--stale', 3),
        remote: {
          env: io.env,
          timeoutMs: timeout * 1000,
          ...(flags.queries ? { queriesDir: path.resolve(io.cwd, flags.queries) } : {}),
        },
      });
      io.stdout(flags.json ? `${JSON.stringify(report, null, 2)}\n` : checkTable(report));
      if (report.status !== 'ok') setExit(EXIT.gate);
    });
}

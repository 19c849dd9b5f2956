// `bench-report ls`: the runs under a folder with their status, bots and duration, as a table for
// people or as JSON for scripts. Status comes from reading each run's data, never from the manifest alone.
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { Command } from 'commander';
import { InputError, isInputError } from '../../model/errors.js';
import { summarize } from '../../pipeline.js';
import { MANIFEST_NAMES, loadRun } from '../../run/load.js';
import { paint, paintStatus } from '../color.js';
import { loadConfig } from '../config.js';
import type { CliIO } from '../io.js';
import { countBar } from '../progress.js';

interface LsFlags {
  runs?: string;
  json?: boolean;
  quiet?: boolean;
  config?: string;
}

/** One row of the listing; `status` is the run's (complete | incomplete | no-data) or `invalid`. */
export interface RunListing {
  id: string;
  dir: string;
  title: string | null;
  status: 'complete' | 'incomplete' | 'no-data' | 'invalid';
  start: string | null;
  durationSeconds: number | null;
  bots: number | null;
  nodes: number | null;
  nodesMeasured: number | null;
  /** Why the run could not be listed (invalid manifest, unreadable input). */
  error: string | null;
}

function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return [h ? `${h}h` : '', m ? `${m}m` : '', s || (!h && !m) ? `${s}s` : ''].join('');
}

async function listRun(
  dir: string,
  io: CliIO,
  runsDir: string,
  config: Awaited<ReturnType<typeof loadConfig>>,
) {
  const rel = path.relative(io.cwd, dir) || '.';
  const row: RunListing = {
    id: path.basename(dir),
    dir: rel,
    title: null,
    status: 'invalid',
    start: null,
    durationSeconds: null,
    bots: null,
    nodes: null,
    nodesMeasured: null,
    error: null,
  };
  try {
    const spec = await loadRun(rel, runsDir, io.cwd);
    row.id = spec.id;
    const s = await summarize(rel, {
      runsDir,
      cwd: io.cwd,
      thresholds: config.thresholds,
      defaultSources: config.sources,
    });
    row.title = s.run.title;
    row.status = s.run.status;
    row.start = s.run.start;
    row.durationSeconds = s.run.durationSeconds;
    row.bots = s.run.totalBots;
    row.nodes = s.nodes.length;
    row.nodesMeasured = s.nodes.filter((n) => n.status !== 'missing').length;
  } catch (e) {
    if (!isInputError(e)) throw e;
    row.error = e.message;
  }
  return row;
}

export function lsCommand(io: CliIO): Command {
  return new Command('ls')
    .description('List the runs in a folder with their status, bots and duration')
    .option('--runs <dir>', 'folder holding run directories (default runs, or the config file)')
    .option('--json', 'print JSON (schemaVersion 1) instead of a table')
    .option('-q, --quiet', 'draw no progress bar')
    .option('--config <file>', 'config file (default bench-report.config.yaml, or $BENCH_REPORT_CONFIG)')
    .addHelpText(
      'after',
      `
Status is read from each run's data: complete, incomplete (a node missing or partial), no-data,
or invalid (the manifest or an input could not be read; the reason is shown).

Examples:
  $ bench-report ls --runs fixtures/runs
  $ bench-report ls --runs fixtures/runs --json`,
    )
    .action(async (flags: LsFlags) => {
      const config = await loadConfig(io, flags.config);
      const runsDir = path.resolve(io.cwd, flags.runs ?? config.runs);
      const entries = await readdir(runsDir, { withFileTypes: true }).catch(() => {
        throw new InputError(
          'runs folder not found; pass --runs DIR',
          path.relative(io.cwd, runsDir) || runsDir,
        );
      });
      const dirs = entries
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => e.name)
        .sort();
      const runDirs: string[] = [];
      for (const name of dirs) {
        const children = await readdir(path.join(runsDir, name));
        if (MANIFEST_NAMES.some((m) => children.includes(m))) runDirs.push(path.join(runsDir, name));
      }
      const bar = countBar(io, 'reading runs', runDirs.length, flags.quiet || flags.json);
      const rows: RunListing[] = [];
      try {
        for (const dir of runDirs) {
          bar?.update(rows.length, { item: path.basename(dir) });
          rows.push(await listRun(dir, io, runsDir, config));
        }
      } finally {
        bar?.stop();
      }
      if (flags.json) {
        io.stdout(
          `${JSON.stringify({ schemaVersion: 1, runsDir: path.relative(io.cwd, runsDir) || '.', runs: rows }, null, 2)}\n`,
        );
        return;
      }
      if (rows.length === 0) {
        io.stderr(
          `no runs (folders with ${MANIFEST_NAMES.join(', ')}) in ${path.relative(io.cwd, runsDir) || '.'}\n`,
        );
        return;
      }
      const p = paint(io, 'stdout');
      const table = [
        ['RUN', 'STATUS', 'BOTS', 'DURATION', 'NODES MEASURED', 'START'],
        ...rows.map((r) => [
          // The folder name is what `build` takes; the manifest id is shown too when it differs.
          path.basename(r.dir) === r.id ? r.id : `${path.basename(r.dir)} (id ${r.id})`,
          r.status,
          r.bots === null ? '—' : String(r.bots),
          duration(r.durationSeconds),
          r.nodes === null ? '—' : `${r.nodesMeasured}/${r.nodes}`,
          r.start ?? '—',
        ]),
      ];
      const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
      const lines = table.map((row, ri) =>
        row
          .map((cell, i) => {
            const padded = cell.padEnd(widths[i]!);
            if (ri === 0) return p.bold(padded);
            return i === 1 ? paintStatus(p, padded, cell) : padded;
          })
          .join('  ')
          .trimEnd(),
      );
      io.stdout(`${lines.join('\n')}\n`);
      for (const r of rows) if (r.error) io.stderr(`${r.id}: ${r.error}\n`);
    });
}

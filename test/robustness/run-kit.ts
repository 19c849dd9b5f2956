// Small helpers for robustness tests: write a run to a temp dir and build it through the CLI
// in-process, capturing what a user would see.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIO } from '../../src/cli/io.js';
import { run } from '../../src/cli/program.js';
import { formatLine } from '../../src/sources/line-protocol.js';

export const START = Date.parse('2025-06-19T14:00:00Z');
/** Window of 10 minutes at 10 s: 60 expected samples per node and metric. */
export const EXPECTED = 60;

/** Line-protocol lines: one CPU and one memory sample per 10 s over the window, values by index. */
export function lpSamples(host: string, opts: { offsetMs?: number; count?: number } = {}): string[] {
  const lines: string[] = [];
  for (let i = 0; i < (opts.count ?? EXPECTED); i++) {
    const time = START + i * 10_000 + (opts.offsetMs ?? 0);
    lines.push(
      formatLine({
        measurement: 'cpu',
        tags: { cpu: 'cpu-total', host },
        fields: { usage_idle: 90 - (i % 7) },
        time,
      }),
    );
    lines.push(
      formatLine({ measurement: 'mem', tags: { host }, fields: { used_percent: 40 + (i % 5) / 10 }, time }),
    );
  }
  return lines;
}

/** Telegraf CSV (with header) for the same samples: CPU only. */
export function csvCpu(host: string): string[] {
  const rows = ['timestamp,measurement,cpu,host,usage_idle'];
  for (let i = 0; i < EXPECTED; i++)
    rows.push(`${(START + i * 10_000) / 1000},cpu,cpu-total,${host},${90 - (i % 7)}`);
  return rows;
}

export interface RunDir {
  dir: string;
  out: string;
}

/** Writes run.json (window 10 min, interval 10 s) and the given files under a fresh temp dir. */
export function writeRun(
  files: Record<string, string | Buffer>,
  opts: { nodes?: { host: string; role: string; bots?: number }[]; sources?: unknown[] } = {},
): RunDir {
  const root = mkdtempSync(path.join(os.tmpdir(), 'worst-'));
  const dir = path.join(root, 'run');
  mkdirSync(dir);
  const manifest = {
    id: 'worst',
    start: new Date(START).toISOString(),
    duration: '10m',
    interval: '10s',
    nodes: opts.nodes ?? [{ host: 'a', role: 'server' }],
    sources: opts.sources ?? Object.keys(files).map((p) => ({ path: p })),
  };
  writeFileSync(path.join(dir, 'run.json'), JSON.stringify(manifest));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  return { dir, out: path.join(root, 'out') };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  // biome-ignore lint/suspicious/noExplicitAny: summary.json is checked field by field in tests
  summary: any;
  markdown: string;
}

/** Runs `bench-report build <dir> --out <out>` in-process. A thrown error (a crash) fails the test. */
export async function buildCli(r: RunDir, extra: string[] = []): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: {},
    cwd: path.dirname(r.dir),
    isTTY: false,
  };
  const code = await run(['build', r.dir, '--out', r.out, ...extra], io);
  const read = (f: string) => {
    try {
      return readFileSync(path.join(r.out, f), 'utf8');
    } catch {
      return '';
    }
  };
  const json = read('summary.json');
  return { code, stdout, stderr, summary: json ? JSON.parse(json) : null, markdown: read('report.md') };
}

/** A user-facing failure: exactly one line on stderr, naming `where`, and no stack trace. */
export function isOneClearError(r: CliResult, where: string): boolean {
  return (
    r.code === 1 &&
    r.stderr.trim().split('\n').length === 1 &&
    r.stderr.includes(where) &&
    !/\n\s+at /.test(r.stderr)
  );
}

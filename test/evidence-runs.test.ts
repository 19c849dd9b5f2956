// The fixture runs with logs, and a Yardstick results directory, built end to end.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/program.js';
import type { CliIO } from '../src/cli/io.js';
import { build } from '../src/pipeline.js';
import { REPO_ROOT } from './real-data.js';

const RUNS = path.join(REPO_ROOT, 'fixtures', 'runs');

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const t: CliIO = { stdout: (s) => out.push(s), stderr: (s) => err.push(s), env: {}, cwd, isTTY: false };
  return { io: t, out, err };
}

describe('logs-18-of-20', () => {
  it('flags that the server log shows 18 of 20 bots joining and bots-b short by two', async () => {
    const r = await build('logs-18-of-20', { runsDir: RUNS, cwd: REPO_ROOT });
    const s = r.summary;
    expect(s.run.observedPlayers).toBe(18);
    expect(s.run.serverCrashed).toBe(false);
    expect(s.evidence?.peakOnline).toBe(18);
    expect(s.flags.map((f) => f.message)).toContain('server log shows 18 of 20 declared bots joining');
    const byHost = Object.fromEntries(s.nodes.map((n) => [n.host, n]));
    expect(byHost['bots-a']!.observedBots).toBe(10);
    expect(byHost['bots-b']!.observedBots).toBe(8);
    expect(byHost['luanti-server']!.observedBots).toBeNull();
    expect(byHost['bots-b']!.flags.some((f) => f.code === 'bots-mismatch')).toBe(true);
    // bots-b's Telegraf collected counters only: its CPU says so.
    expect(byHost['bots-b']!.cpu?.provenance.field).toBe('time_*');
    expect(byHost['bots-a']!.cpu?.provenance.field).toBe('usage_idle');
    expect(r.markdown).toContain('18 of 20 declared bots joined (MISMATCH)');
    // Step file: 120 rows, one 131.2 ms step over the 100 ms default budget.
    expect(s.tickHealth?.steps?.samples).toBe(120);
    expect(s.tickHealth?.steps?.max).toBe(131.2);
    expect(s.tickHealth?.steps?.overBudget).toBe(1);
    expect(s.tickHealth?.lag?.maxSeconds).toBe(1.31);
  });
});

describe('server-error', () => {
  it('reports a failed run, quoting the ServerError line, and says why bots-1 has no metrics', async () => {
    const r = await build('server-error', { runsDir: RUNS, cwd: REPO_ROOT });
    expect(r.summary.run.status).toBe('incomplete');
    expect(r.summary.run.serverCrashed).toBe(true);
    const line =
      "ServerError: AsyncErr: Lua: Runtime error from mod 'bench_tools' in callback on_step(): ...bench_tools/init.lua:42: attempt to index a nil value";
    expect(r.summary.evidence?.crashLines[0]?.text).toBe(line);
    expect(r.summary.evidence?.crashLines[0]?.location).toMatch(/server-error\/logs\/debug\.txt:7$/);
    expect(r.markdown).toContain(line.replaceAll('_', '\\_').slice(0, 60));
    expect(r.report.verdict.headline).toContain('the server failed during the run');
    const why = r.summary.flags.find((f) => f.code === 'telegraf-errors');
    expect(why?.host).toBe('bots-1');
    expect(why?.message).toContain(
      'Telegraf on bots-1: [outputs.influxdb] When writing to [http://10.0.0.9:8086]',
    );
    expect(why?.message).toContain('connection refused');
    expect(r.report.verdict.notMeasured[0]).toContain(
      'bots-1 (bots, 5 bots): no samples in the window (Telegraf on bots-1:',
    );
  });

  it('leaves runs without logs unchanged (no evidence keys)', async () => {
    const r = await build('single-node-20', { runsDir: RUNS, cwd: REPO_ROOT });
    expect('evidence' in r.summary).toBe(false);
    expect('serverCrashed' in r.summary.run).toBe(false);
  });
});

describe('Yardstick results directory', () => {
  const dir = path.join(REPO_ROOT, 'fixtures', 'yardstick', 'walkaround-20260919-101500');

  it('builds with no manifest of ours, nodes and roles from run.json, figures from the exports', async () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'br-ys-'));
    const t = io(REPO_ROOT);
    const code = await run(['build', dir, '--out', out, '--quiet'], t.io);
    expect(t.err.join('')).toBe('');
    expect(code).toBe(0);
    const s = JSON.parse(readFileSync(path.join(out, 'summary.json'), 'utf8'));
    expect(s.run.id).toBe('walkaround-20260919-101500');
    expect(s.run.totalBots).toBe(16);
    expect(
      s.nodes.map((n: { host: string; role: string; bots: number }) => [n.host, n.role, n.bots]),
    ).toEqual([
      ['10.0.0.1', 'server', 0],
      ['10.0.0.2', 'bots', 16],
    ]);
    // Independent: mean of 100 − _value over the data rows of cpu.csv per yardstick_node.
    const rows = readFileSync(path.join(dir, 'cpu.csv'), 'utf8')
      .split('\r\n')
      .filter((l) => l.startsWith(',,'))
      .map((l) => l.split(','));
    for (const node of s.nodes) {
      const busy = rows.filter((c) => c[11] === node.host).map((c) => 100 - Number(c[6]));
      expect(busy).toHaveLength(60);
      expect(node.cpu.mean).toBeCloseTo(busy.reduce((a, b) => a + b, 0) / busy.length, 9);
    }
    expect(s.inputs.every((i: { rejected: number }) => i.rejected === 0)).toBe(true);
  });
});

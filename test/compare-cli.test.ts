// The compare and scaling commands end to end on the fixture runs, in-process.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../src/cli/io.js';
import { run } from '../src/cli/program.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
let out: string;

function io() {
  const o = { stdout: '', stderr: '' };
  const cli: CliIO = {
    stdout: (t) => {
      o.stdout += t;
    },
    stderr: (t) => {
      o.stderr += t;
    },
    env: {},
    cwd: repoRoot,
    isTTY: false,
  };
  return { o, cli };
}

beforeAll(async () => {
  out = await mkdtemp(path.join(tmpdir(), 'bench-report-compare-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('bench-report compare', () => {
  it('exits 2 on --fail-on regression when a group of candidates uses 30% more server CPU', async () => {
    const { o, cli } = io();
    const dir = path.join(out, 'groups');
    const code = await run(
      ['compare', 'rep-base', 'rep-cand', '--runs', 'fixtures/runs', '--out', dir, '--fail-on', 'regression'],
      cli,
    );
    expect(code).toBe(2);
    expect(o.stderr).toContain('gate tripped: regression: server CPU mean');
    expect(o.stderr).toContain('p=0.029, n=4+4');
    expect(o.stderr).toContain('runs differ in luanti version (baseline 5.11.0; candidate 5.12.0)');
    const json = JSON.parse(await readFile(path.join(dir, 'comparison.json'), 'utf8'));
    expect(json.schemaVersion).toBe(1);
    expect(json.comparison.mode).toBe('repeated');
    const row = json.comparison.rows.find(
      (r: { group: string; metric: string }) => r.group === 'server' && r.metric === 'CPU mean',
    );
    expect(row.verdict).toBe('regressed');
    expect(row.base.runs).toHaveLength(4);
    const md = await readFile(path.join(dir, 'report.md'), 'utf8');
    expect(md).toContain('\\~ (p=');
  });

  it('shows a missing baseline bot node as — with a footnote and does not gate on it', async () => {
    const { o, cli } = io();
    const dir = path.join(out, 'nobots');
    const code = await run(
      [
        'compare',
        'rep-base-nobots',
        'rep-cand-1',
        '--runs',
        'fixtures/runs',
        '--out',
        dir,
        '--fail-on',
        'regression',
      ],
      cli,
    );
    expect(code).toBe(2); // the server regressed …
    const gates = o.stderr.split('\n').filter((l) => l.startsWith('gate tripped'));
    expect(gates.length).toBeGreaterThan(0);
    expect(gates.every((l) => l.startsWith('gate tripped: regression: server'))).toBe(true); // … not the bots
    const md = await readFile(path.join(dir, 'report.md'), 'utf8');
    expect(md).toMatch(/\| — → 39\.\d\d \\\[1\\\] \|/);
    expect(md).toContain('1. rep-base-nobots: bots-1 has no CPU data');
  });

  it('compares a run with itself as ~ everywhere and passes the gate', async () => {
    const { cli } = io();
    const dir = path.join(out, 'self');
    const code = await run(
      [
        'compare',
        'rep-base-1',
        'rep-base-1',
        '--runs',
        'fixtures/runs',
        '--out',
        dir,
        '--fail-on',
        'regression',
      ],
      cli,
    );
    expect(code).toBe(0);
    const json = JSON.parse(await readFile(path.join(dir, 'comparison.json'), 'utf8'));
    expect(json.comparison.rows.every((r: { verdict: string }) => r.verdict === 'unchanged')).toBe(true);
  });

  it('takes the saturation thresholds from the command line', async () => {
    const { o, cli } = io();
    const dir = path.join(out, 'saturation');
    // The fixtures' bot node runs at about 40% CPU: a 30% threshold makes both runs unverified.
    const code = await run(
      [
        'compare',
        'rep-base-1',
        'rep-cand-1',
        '--runs',
        'fixtures/runs',
        '--out',
        dir,
        '--saturation-cpu',
        '30',
        '--fail-on',
        'unverified',
      ],
      cli,
    );
    expect(code).toBe(2);
    expect(o.stderr).toMatch(
      /gate tripped: unverified: baseline load generator unverified \(rep-base-1: bots-1 CPU mean \d+\.\d% exceeds 30%\)/,
    );
    const json = JSON.parse(await readFile(path.join(dir, 'comparison.json'), 'utf8'));
    expect(json.comparison.rows.every((r: { verdict: string }) => r.verdict === 'unverified')).toBe(true);
    const md = await readFile(path.join(dir, 'report.md'), 'utf8');
    expect(md.indexOf('Unverified')).toBeLessThan(md.indexOf('| Role'));
  });

  it('writes byte-identical outputs for the same inputs', async () => {
    const a = path.join(out, 'det-a');
    const b = path.join(out, 'det-b');
    for (const d of [a, b])
      expect(
        await run(
          ['compare', 'rep-base-1', 'rep-cand-1', '--runs', 'fixtures/runs', '--out', d, '-q'],
          io().cli,
        ),
      ).toBe(0);
    for (const f of ['report.md', 'report.html', 'comparison.json'])
      expect(await readFile(path.join(a, f), 'utf8')).toBe(await readFile(path.join(b, f), 'utf8'));
  });

  it('rejects an unknown gate and an unknown run with exit 1', async () => {
    const x = io();
    expect(
      await run(
        ['compare', 'rep-base-1', 'rep-cand-1', '--runs', 'fixtures/runs', '--fail-on', 'slower'],
        x.cli,
      ),
    ).toBe(1);
    expect(x.o.stderr).toContain('unknown --fail-on gate "slower"');
    const y = io();
    expect(await run(['compare', 'nope', 'rep-cand-1', '--runs', 'fixtures/runs', '--out', out], y.cli)).toBe(
      1,
    );
    expect(y.o.stderr).toContain('"nope" is neither a run nor a group');
  });
});

describe('bench-report compare charts', () => {
  it('overlays two single runs as inline SVG and writes each chart .vl.json beside the report', async () => {
    const { o, cli } = io();
    const dir = path.join(out, 'compare-charts');
    expect(
      await run(['compare', 'rep-base-1', 'rep-cand-1', '--runs', 'fixtures/runs', '--out', dir], cli),
    ).toBe(0);
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    const figure = html.match(/<figure class="chart" id="chart-cpu-overlay">[\s\S]*?<\/figure>/)?.[0];
    expect(figure).toContain('<svg');
    expect(figure).toContain('baseline rep-base-1 (dashed, 2 node(s) with data) and candidate rep-cand-1');
    const spec = JSON.parse(await readFile(path.join(dir, 'cpu-overlay.vl.json'), 'utf8'));
    const runs = new Set(spec.data.values.map((v: { run: string }) => v.run));
    expect([...runs].sort()).toEqual(['baseline rep-base-1', 'candidate rep-cand-1']);
    expect(o.stdout).toContain(path.join('compare-charts', 'memory-overlay.vl.json'));
  });

  it('draws no overlay for groups (no single timeline) and writes no chart file', async () => {
    const { o, cli } = io();
    const dir = path.join(out, 'compare-groups-charts');
    await run(['compare', 'rep-base', 'rep-cand', '--runs', 'fixtures/runs', '--out', dir], cli);
    expect(o.stdout).not.toContain('.vl.json');
    expect(await readFile(path.join(dir, 'report.html'), 'utf8')).not.toContain('<svg');
  });
});

describe('bench-report scaling', () => {
  it('fits five runs of 10 to 100 bots and lists the excluded one', async () => {
    const { o, cli } = io();
    const dir = path.join(out, 'scaling');
    const code = await run(
      ['scaling', '--glob', 'fixtures/runs/scaling-*', '--out', dir, '--predict', '200'],
      cli,
    );
    expect(code).toBe(0);
    expect(o.stderr).toContain('excluded: scaling-75: server luanti-server has no CPU data');
    const json = JSON.parse(await readFile(path.join(dir, 'scaling.json'), 'utf8'));
    expect(json.scaling.points.map((p: { totalBots: number }) => p.totalBots)).toEqual([10, 25, 50, 100]);
    const fit = json.scaling.fits[0].fit;
    // The fixtures are generated with server CPU = 2 + 0.18·bots plus noise.
    expect(fit.slopeLow).toBeLessThan(0.18);
    expect(fit.slopeHigh).toBeGreaterThan(0.18);
    expect(fit.r2).toBeGreaterThan(0.99);
    const md = await readFile(path.join(dir, 'report.md'), 'utf8');
    expect(md).toContain('## Model values (not measurements)');
    expect(md).toContain('model, extrapolated beyond measured range');
  });

  it('inlines the scatter with its fit as SVG in the HTML and writes its .vl.json beside the report', async () => {
    const { o, cli } = io();
    const dir = path.join(out, 'scaling-charts');
    expect(await run(['scaling', '--glob', 'fixtures/runs/scaling-*', '--out', dir], cli)).toBe(0);
    const html = await readFile(path.join(dir, 'report.html'), 'utf8');
    const figure = html.match(/<figure class="chart" id="chart-scaling-cpu-mean">[\s\S]*?<\/figure>/)?.[0];
    expect(figure).toBeDefined();
    expect(figure).toContain('<svg');
    expect(figure).toContain('Excluded, not drawn: scaling-75 (server luanti-server has no CPU data)');
    expect(o.stdout).toContain('scaling-cpu-mean.vl.json');
    const spec = JSON.parse(await readFile(path.join(dir, 'scaling-cpu-mean.vl.json'), 'utf8'));
    const json = JSON.parse(await readFile(path.join(dir, 'scaling.json'), 'utf8'));
    const pts: { totalBots: number; cpuMean: number; id: string }[] = json.scaling.points;
    // Least squares computed here from the measured points: the drawn line must be that fit.
    const n = pts.length;
    const mx = pts.reduce((a, p) => a + p.totalBots, 0) / n;
    const my = pts.reduce((a, p) => a + p.cpuMean, 0) / n;
    const slope =
      pts.reduce((a, p) => a + (p.totalBots - mx) * (p.cpuMean - my), 0) /
      pts.reduce((a, p) => a + (p.totalBots - mx) ** 2, 0);
    const intercept = my - slope * mx;
    const line = spec.layer.find((l: { mark: { type: string } }) => l.mark.type === 'line');
    expect(line.data.values.map((v: { x: number }) => v.x)).toEqual([10, 100]);
    for (const v of line.data.values as { x: number; y: number }[])
      expect(v.y).toBeCloseTo(intercept + slope * v.x, 4);
    // One drawn point per measured run; the excluded run (no CPU data) is not among them.
    expect(spec.data.values.map((v: { run: string }) => v.run)).toEqual(pts.map((p) => p.id));
    expect(spec.data.values.map((v: { run: string }) => v.run)).not.toContain('scaling-75');
  });

  it('accepts the runs as a --runs glob', async () => {
    const { o, cli } = io();
    const dir = path.join(out, 'scaling-runs-glob');
    expect(await run(['scaling', '--runs', 'fixtures/runs/scaling-*', '--out', dir], cli)).toBe(0);
    expect(o.stderr).toContain('over 4 runs; 1 excluded');
  });

  it('keeps model values out unless --predict is given', async () => {
    const { cli } = io();
    const dir = path.join(out, 'scaling-plain');
    expect(
      await run(
        ['scaling', 'scaling-10', 'scaling-50', 'scaling-100', '--runs', 'fixtures/runs', '--out', dir],
        cli,
      ),
    ).toBe(0);
    const md = await readFile(path.join(dir, 'report.md'), 'utf8');
    expect(md).not.toContain('Model values');
  });
});

describe('bench-report build with a baseline', () => {
  it('adds the comparison to summary.json and gates on regression', async () => {
    const { o, cli } = io();
    const dir = path.join(out, 'build');
    const code = await run(
      [
        'build',
        'rep-cand-1',
        '--runs',
        'fixtures/runs',
        '--baseline',
        'rep-base-1',
        '--out',
        dir,
        '--fail-on',
        'regression',
      ],
      cli,
    );
    expect(code).toBe(2);
    expect(o.stderr).toContain('gate tripped: regression: server CPU mean');
    const json = JSON.parse(await readFile(path.join(dir, 'summary.json'), 'utf8'));
    expect(json.run.group).toBe('rep-cand');
    expect(json.run.versions).toEqual({ luanti: '5.12.0' });
    expect(json.comparison.rows.find((r: { metric: string }) => r.metric === 'CPU mean').verdict).toBe(
      'regressed',
    );
  });
});

// Every notebook-style script in examples/ runs under Node (tsx) and under Deno, importing the built
// package the way each user would (Node: the package name; Deno: examples/deno.json's import map), and
// prints the same output under both. Deno runs offline: a fresh DENO_DIR, --cached-only, and no network
// namespace at all when `unshare` allows it.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../src/pipeline.js';
import { ensureBuilt, repoRoot } from '../helpers/dist.js';

const run = promisify(execFile);
const examplesDir = path.join(repoRoot, 'examples');
const runsDir = path.join(repoRoot, 'fixtures', 'runs');
const deno = path.join(repoRoot, 'node_modules', '.bin', 'deno');
const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

const canUnshare = (() => {
  try {
    execFileSync('unshare', ['-rn', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let tmp: string;
const outputs = new Map<string, { node: string; deno: string; nodeOut: string; denoOut: string }>();

async function runBoth(name: string) {
  const nodeOut = path.join(tmp, 'node', name);
  const denoOut = path.join(tmp, 'deno', name);
  const denoArgs = ['run', '-A', '--cached-only', '--no-lock', '--node-modules-dir=manual', name];
  const [cmd, args] = canUnshare ? ['unshare', ['-rn', deno, ...denoArgs]] : [deno, denoArgs];
  const [node, d] = await Promise.all([
    run(process.execPath, [tsx, path.join(examplesDir, name)], {
      cwd: repoRoot,
      env: { ...process.env, EXAMPLES_OUT: nodeOut },
    }),
    run(cmd, args as string[], {
      cwd: examplesDir,
      env: { ...process.env, EXAMPLES_OUT: denoOut, DENO_DIR: path.join(tmp, 'deno-dir'), NO_COLOR: '1' },
    }),
  ]);
  return { node: node.stdout, deno: d.stdout, nodeOut, denoOut };
}

beforeAll(async () => {
  await ensureBuilt();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-report-examples-'));
  if (!canUnshare)
    console.warn('unshare -rn is not permitted here: Deno examples run with --cached-only only');
  const names = (await readdir(examplesDir)).filter((f) => /^\d\d-.*\.ts$/.test(f)).sort();
  for (const name of names) outputs.set(name, await runBoth(name));
}, 120_000);
afterAll(() => rm(tmp, { recursive: true, force: true }));

const strip = (s: string, dir: string) => s.split(dir).join('<out>');
const get = (name: string) => outputs.get(name)!;

describe('examples under Node and Deno', () => {
  it('there are at least four examples and each prints the same under both', () => {
    expect(outputs.size).toBeGreaterThanOrEqual(4);
    for (const [name, o] of outputs) {
      expect(o.node.trim(), name).not.toBe('');
      expect(strip(o.deno, o.denoOut), name).toBe(strip(o.node, o.nodeOut));
    }
  });

  it('01 loads two runs: statuses and CPU means as the pipeline computes them', async () => {
    const { node } = get('01-load-two-runs.ts');
    for (const id of ['single-node-20', 'distributed-20-partial']) {
      const s = (await build(id, { runsDir })).summary;
      expect(node).toContain(`${id}: ${s.run.status}, ${s.run.totalBots} bots, ${s.run.durationSeconds} s`);
      for (const n of s.nodes)
        expect(node).toContain(
          `  ${n.host} (${n.role}): cpu mean ${n.cpu ? n.cpu.mean.toFixed(2) : 'not measured'}`,
        );
    }
    // Bot nodes are matched by host name; a side without data keeps its reason, never a figure.
    expect(node).toContain('bot node bots-b: — -> — (distributed-20-partial: bots-b has no CPU data)');
  });

  it('02 explores with arquero: counts and means match the series computed by hand', async () => {
    const { node } = get('02-explore-with-arquero.ts');
    const { series } = await build('distributed-20-partial', { runsDir });
    const total = series.reduce((a, s) => a + s.values.length, 0);
    expect(node).toContain(`samples: ${total} rows`);
    for (const s of series.filter((x) => x.values.length > 0)) {
      const mean = s.values.reduce((a, b) => a + b, 0) / s.values.length;
      expect(node).toContain(`${s.host} ${s.metric}: n=${s.values.length} mean=${mean.toFixed(3)}`);
    }
    expect(node).toContain('not measured: bots-b');
  });

  it('03 plots a vega-lite spec to an SVG with one line per host and run', async () => {
    const { node, nodeOut, denoOut } = get('03-vega-lite-chart.ts');
    let cpuSamples = 0;
    for (const id of ['single-node-20', 'distributed-20-partial'])
      for (const s of (await build(id, { runsDir })).series)
        if (s.metric === 'cpu.busy_pct') cpuSamples += s.values.length;
    expect(node).toContain(`plotted ${cpuSamples} samples from 2 runs`);
    for (const dir of [nodeOut, denoOut]) {
      const svg = await readFile(path.join(dir, 'cpu-over-time.svg'), 'utf8');
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('CPU busy % over time');
    }
  });

  it('04 writes a custom Markdown section that cmark-gfm renders as a table', async () => {
    const { node, nodeOut } = get('04-custom-markdown-section.ts');
    expect(node).toContain('## Bots per node (custom section)');
    expect(node).toContain('| bots-b | 10 | not measured |');
    const md = path.join(nodeOut, 'custom-report.md');
    const full = await readFile(md, 'utf8');
    expect(full.indexOf('## Bots per node')).toBeGreaterThan(full.indexOf('## '));
    if (!existsSync('/usr/bin/cmark-gfm'))
      return console.warn('cmark-gfm not installed: rendering not checked');
    const html = execFileSync('cmark-gfm', ['-e', 'table', md], { encoding: 'utf8' });
    expect(html).toMatch(/<h2>Bots per node \(custom section\)<\/h2>\s*<p>[^<]*<\/p>\s*<table>/);
  });
});

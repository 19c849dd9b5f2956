import { describe, expect, it } from 'vitest';
import { trippedComparisonGates } from '../cli/comparison-gates.js';
import { compareRuns } from './baseline.js';
import { synthRun } from './test-helpers.js';

const layout = (server: number, bots = 30, botCpu = 40) => [
  { host: 'srv', role: 'server' as const, cpu: server, mem: 60 },
  { host: 'bots-a', role: 'bots' as const, bots: bots / 2, cpu: botCpu, mem: 35 },
  { host: 'bots-b', role: 'bots' as const, bots: bots / 2, cpu: botCpu, mem: 35 },
];

describe('compareRuns (single runs, block bootstrap)', () => {
  it('compares two runs drawn from the same distribution as ~ on every metric (seeded example)', () => {
    const c = compareRuns(synthRun('a', layout(20), 1), synthRun('b', layout(20), 2));
    expect(c.rows.length).toBe(4 * 6); // server, pooled, bots-a, bots-b × 6 metrics
    for (const r of c.rows) expect([r.group, r.metric, r.verdict]).toEqual([r.group, r.metric, 'unchanged']);
  });

  it('calls a 30% higher server CPU a regression with an interval that excludes zero, and the gate trips', () => {
    const c = compareRuns(synthRun('a', layout(20), 1), synthRun('b', layout(26), 2));
    const row = c.rows.find((r) => r.group === 'server' && r.metric === 'CPU mean')!;
    expect(row.verdict).toBe('regressed');
    expect(row.noise?.method).toBe('block-bootstrap');
    if (row.noise?.method === 'block-bootstrap') expect(row.noise.low).toBeGreaterThan(0);
    expect(row.deltaRatio!).toBeGreaterThan(0.25);
    const tripped = trippedComparisonGates(c, ['regression'], 0.05);
    expect(tripped.some((t) => t.startsWith('regression: server CPU mean'))).toBe(true);
  });

  it('shows a missing baseline node as null with the run and host, and never gates on it', () => {
    const base = layout(20).map((n) => (n.host === 'bots-b' ? { ...n, cpu: null } : n));
    const c = compareRuns(synthRun('base-run', base, 1), synthRun('cand-run', layout(26), 2));
    const pooled = c.rows.filter((r) => r.group === 'bot nodes (pooled)');
    const node = c.rows.filter((r) => r.group === 'bot node bots-b');
    expect(pooled.length).toBe(6);
    expect(node.length).toBe(6);
    for (const r of [...pooled, ...node]) {
      expect(r.verdict).toBe('missing');
      expect(r.base.value).toBeNull();
      expect(r.base.missing).toContain('base-run');
      expect(r.base.missing).toContain('bots-b');
    }
    const tripped = trippedComparisonGates(c, ['regression'], 0.05);
    expect(tripped.length).toBeGreaterThan(0);
    expect(tripped.every((t) => t.startsWith('regression: server'))).toBe(true);
    expect(c.loadGenerator.base.status).toBe('not-checked');
  });

  it('pools bot nodes: mean over all samples, CPU per bot = Σ node means ÷ Σ bots', () => {
    const run = synthRun('p', layout(20, 30, 40), 5);
    const c = compareRuns(run, run);
    const get = (g: string, m: string) => c.rows.find((r) => r.group === g && r.metric === m)!.base.value!;
    const a = run.summary.nodes.find((n) => n.host === 'bots-a')!.cpu!;
    const b = run.summary.nodes.find((n) => n.host === 'bots-b')!.cpu!;
    // Equal sample counts: pooled mean = (mean_a + mean_b)/2; per bot = (mean_a + mean_b)/(15 + 15).
    expect(get('bot nodes (pooled)', 'CPU mean')).toBeCloseTo((a.mean + b.mean) / 2, 10);
    expect(get('bot nodes (pooled)', 'CPU per bot')).toBeCloseTo((a.mean + b.mean) / 30, 10);
    expect(get('bot nodes (pooled)', 'CPU peak')).toBe(Math.max(a.peak, b.peak));
    // Identical runs: every difference is exactly zero and inside the noise.
    for (const r of c.rows) expect(r.verdict).toBe('unchanged');
  });

  it('matches single bot nodes by host and lists unmatched ones, with comparability warnings', () => {
    const one = [
      { host: 'srv', role: 'server' as const, cpu: 20 },
      { host: 'bots-1', role: 'bots' as const, bots: 30, cpu: 60 },
    ];
    const c = compareRuns(
      synthRun('one', one, 1, { versions: { luanti: '5.11.0' } }),
      synthRun('two', layout(20), 2, { versions: { luanti: '5.12.0' } }),
    );
    expect(
      c.rows
        .filter((r) => r.group === 'bot node bots-1')
        .every((r) => r.cand.missing === 'two has no bot node named bots-1'),
    ).toBe(true);
    expect(
      c.rows
        .filter((r) => r.group === 'bot node bots-a')
        .every((r) => r.base.missing === 'one has no bot node named bots-a'),
    ).toBe(true);
    const text = c.warnings.map((w) => w.message).join('\n');
    expect(text).toContain('node count (baseline 2; candidate 3)');
    expect(text).toContain('luanti version (baseline 5.11.0; candidate 5.12.0)');
    expect(text).not.toContain('total bots');
  });

  it('marks every compared row unverified when a bot node is saturated', () => {
    const c = compareRuns(synthRun('a', layout(20, 30, 90), 1), synthRun('b', layout(20), 2));
    expect(c.loadGenerator.base.status).toBe('unverified');
    expect(c.loadGenerator.base.reasons[0]).toMatch(/bots-a CPU mean 9\d\.\d% exceeds 85%/);
    expect(c.rows.every((r) => r.verdict === 'unverified')).toBe(true);
    expect(trippedComparisonGates(c, ['unverified'])).toHaveLength(1);
  });

  it('still works from summaries alone (no series): figures but no verdict', () => {
    const c = compareRuns(synthRun('a', layout(20), 1).summary, synthRun('b', layout(26), 2).summary);
    const mean = c.rows.find((r) => r.group === 'server' && r.metric === 'CPU mean')!;
    expect(mean.verdict).toBe('untested');
    expect(mean.delta).toBeGreaterThan(4);
    const p95 = c.rows.find((r) => r.group === 'bot nodes (pooled)' && r.metric === 'CPU p95')!;
    expect(p95.base.missing).toContain('needs the samples');
  });

  it('is deterministic: the same inputs give the same comparison', () => {
    const a = synthRun('a', layout(20), 1);
    const b = synthRun('b', layout(22), 2);
    expect(JSON.stringify(compareRuns(a, b))).toBe(JSON.stringify(compareRuns(a, b)));
  });
});

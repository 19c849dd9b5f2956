// End to end: a generated run built with the exact-sample limit forced low (every series goes over
// it) gives the exact build's counts, means, extremes, coverage and gaps, percentiles within the
// stated bound, and a report that says which figures come from the streaming summary.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateRun } from '../bench/generate.js';
import { compareRuns } from '../src/compare/baseline.js';
import { PERCENTILE_MAX_ERROR } from '../src/metrics/series-summary.js';
import { build, loadRunData } from '../src/pipeline.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'bench-report-streamed-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('build over the exact-sample limit', () => {
  it('reports summarised figures within their bounds and says so', { timeout: 120_000 }, async () => {
    const run = await generateRun(tmp, 'lp', 1e4);
    const exact = await build(run.dir);
    const streamed = await build(run.dir, { exactSampleLimit: 64 });
    expect(exact.series.some((s) => s.summary)).toBe(false);
    expect(streamed.series.every((s) => s.summary && s.summary.count > 64)).toBe(true);
    for (const [i, e] of exact.summary.nodes.entries()) {
      const s = streamed.summary.nodes[i]!;
      expect(e.streamed).toBeUndefined();
      expect(s.streamed?.map((x) => x.metric)).toEqual(['cpu.busy_pct', 'mem.used_pct']);
      expect(s.streamed![0]!.percentileMaxError).toBe(PERCENTILE_MAX_ERROR);
      expect([s.status, s.coverage, s.metricCoverage, s.gaps]).toEqual([
        e.status,
        e.coverage,
        e.metricCoverage,
        e.gaps,
      ]);
      expect([s.cpu!.samples, s.cpu!.peak, s.cpu!.min]).toEqual([e.cpu!.samples, e.cpu!.peak, e.cpu!.min]);
      expect(s.cpu!.mean).toBeCloseTo(e.cpu!.mean, 9);
      for (const k of ['p50', 'p95', 'p99'] as const)
        expect(Math.abs(s.cpu![k] - e.cpu![k])).toBeLessThanOrEqual(PERCENTILE_MAX_ERROR);
      expect([s.memory!.samples, s.memory!.min, s.memory!.max, s.memory!.stable]).toEqual([
        e.memory!.samples,
        e.memory!.min,
        e.memory!.max,
        e.memory!.stable,
      ]);
      expect(s.memory!.mean).toBeCloseTo(e.memory!.mean, 9);
      expect(s.memory!.stddev!).toBeCloseTo(e.memory!.stddev!, 9);
      expect(s.memory!.slopePerMinute!).toBeCloseTo(e.memory!.slopePerMinute!, 9);
    }
    expect(exact.markdown).not.toContain('streaming summary');
    expect(streamed.markdown).toContain(
      `Figures from a streaming summary: ${streamed.series.length} series on ${run.shape.nodes} node(s) went over 64 samples`,
    );
    expect(streamed.markdown).toContain('within ±0.0020 percentage points of the exact nearest-rank sample');
    expect(streamed.html).toContain('Figures from a streaming summary');
    expect(JSON.parse(streamed.json).nodes[0].streamed[0].histogramBins).toBe(25_600);
    expect(streamed.html.length).toBeLessThan(2e6);
  });

  it('compares summarised runs from their summaries, with batch-means noise for means only', {
    timeout: 120_000,
  }, async () => {
    const run = await generateRun(tmp, 'lp', 1e4);
    const [eb, ec] = [await loadRunData(run.dir), await loadRunData(run.dir)];
    const [sb, sc] = [
      await loadRunData(run.dir, { exactSampleLimit: 64 }),
      await loadRunData(run.dir, { exactSampleLimit: 64 }),
    ];
    const exact = compareRuns(eb, ec);
    const streamed = compareRuns(sb, sc);
    expect(streamed.rows.length).toBe(exact.rows.length);
    for (const [i, e] of exact.rows.entries()) {
      const s = streamed.rows[i]!;
      expect([s.group, s.metric]).toEqual([e.group, e.metric]);
      const tol = s.metric === 'CPU p95' ? PERCENTILE_MAX_ERROR : 1e-9;
      expect(Math.abs(s.base.value! - e.base.value!)).toBeLessThanOrEqual(tol);
      expect(s.delta).toBeCloseTo(0, 12);
      if (s.metric === 'CPU p95' || s.metric === 'CPU peak') expect(s.noise).toBeNull();
      else {
        expect(s.noise?.method).toBe('block-bootstrap');
        const n = s.noise as { low: number; high: number };
        expect((n.low + n.high) / 2).toBeCloseTo(s.delta!, 9);
        expect(s.change).toBe('unchanged');
      }
    }
  });
});

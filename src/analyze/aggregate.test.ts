import { describe, expect, it } from 'vitest';
import { PROVENANCE } from '../metrics/canonical.js';
import type { Series, SeriesAggregate } from '../model/types.js';
import { coverage, findGaps } from './coverage.js';
import { seriesCoverage, seriesGaps, windowTimes } from './aggregate.js';

const S = Date.parse('2025-01-01T00:00:00Z');
const agg = (windows: [number, number][], first: number, last: number): SeriesAggregate => ({
  count: windows.reduce((a, [, c]) => a + c, 0),
  mean: 0,
  min: 0,
  max: 0,
  stddev: null,
  p50: 0,
  p95: 0,
  p99: 0,
  first,
  last,
  windowSeconds: 10,
  windows: windows.map(([k, c]) => ({ start: S + k * 10_000, count: c, mean: 1 })),
});
const series = (a: SeriesAggregate): Series => ({
  host: 'h',
  metric: 'mem.used_pct',
  provenance: PROVENANCE['mem.used_pct'],
  times: [],
  values: [],
  aggregate: a,
});

describe('coverage and gaps from per-window counts', () => {
  it('equal the raw-timestamp figures when each window holds one sample at a steady phase', () => {
    const raw = [0, 1, 2, 6, 7, 8].map((k) => S + k * 10_000 + 3000); // phase 3 s, gap of 3 slots
    const a = agg(
      [0, 1, 2, 6, 7, 8].map((k) => [k, 1]),
      raw[0]!,
      raw.at(-1)!,
    );
    expect(windowTimes(a)).toEqual(raw);
    expect(seriesCoverage(series(a), S, S + 100_000, 10)).toEqual(coverage(raw, S, S + 100_000, 10));
    expect(seriesGaps('mem.used_pct', series(a), S, S + 100_000, 10, 1)).toEqual(
      findGaps('mem.used_pct', raw, S, S + 100_000, 10, 1),
    );
  });
  it('count every raw sample even when a window holds several (samples from counts, not windows)', () => {
    const a = agg(
      [
        [0, 2],
        [1, 1],
      ],
      S,
      S + 10_000,
    );
    const c = seriesCoverage(series(a), S, S + 30_000, 10);
    expect(c.samples).toBe(3);
    expect(c.ratio).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import type { Point, SeriesAggregate } from '../model/types.js';
import { COUNTER_PARTS, COUNTER_PROVENANCE } from './cpu-counters.js';
import { createSeriesBuilder } from './derive.js';

const cpu = (time: number, idle: number): Point => ({
  measurement: 'cpu',
  tags: { cpu: 'cpu-total', host: 'a' },
  fields: { usage_idle: idle },
  time,
});
const mem = (time: number, used: number): Point => ({
  measurement: 'mem',
  tags: { host: 'a' },
  fields: { used_percent: used },
  time,
});
/** A counters-only cpu point: every part advances by `busy` except idle, which advances by `idle`. */
const counters = (time: number, busy: number, idle: number): Point => ({
  measurement: 'cpu',
  tags: { cpu: 'cpu-total', host: 'a' },
  fields: Object.fromEntries(
    COUNTER_PARTS.map((p) => [`time_${p}`, p === 'idle' ? idle : p === 'user' ? busy : 0]),
  ),
  time,
});

describe('series builder', () => {
  it('keeps in-order samples as they came, past the growth of its buffers', () => {
    const b = createSeriesBuilder(['a']);
    for (let i = 0; i < 1000; i++) b.add('a', mem(i * 1000, i % 100));
    const [, m] = b.finish();
    expect(m!.times).toEqual(Array.from({ length: 1000 }, (_, i) => i * 1000));
    expect(m!.values).toEqual(Array.from({ length: 1000 }, (_, i) => i % 100));
    expect(b.stats).toEqual({ outOfRange: 0, duplicates: 0, counterResets: 0 });
  });

  it('sorts out-of-order samples and keeps the last of repeated timestamps', () => {
    const b = createSeriesBuilder(['a']);
    for (const [t, idle] of [
      [3000, 90],
      [1000, 80],
      [3000, 70],
      [2000, 60],
      [1000, 50],
    ] as const)
      b.add('a', cpu(t, idle));
    const [c] = b.finish();
    expect(c!.times).toEqual([1000, 2000, 3000]);
    expect(c!.values).toEqual([50, 40, 30]); // 100 - idle of the last arrival at each time
    expect(b.stats.duplicates).toBe(2);
  });

  it('merges a repeated timestamp in otherwise ordered input', () => {
    const b = createSeriesBuilder(['a']);
    for (const [t, u] of [
      [1000, 10],
      [1000, 11],
      [2000, 12],
    ] as const)
      b.add('a', mem(t, u));
    const [, m] = b.finish();
    expect(m!.times).toEqual([1000, 2000]);
    expect(m!.values).toEqual([11, 12]);
    expect(b.stats.duplicates).toBe(1);
  });

  it('counts out-of-range values and never keeps them', () => {
    const b = createSeriesBuilder(['a']);
    b.add('a', mem(1000, 101));
    b.add('a', mem(2000, -1));
    b.add('a', mem(3000, 50));
    const [, m] = b.finish();
    expect(m!.times).toEqual([3000]);
    expect(b.stats.outOfRange).toBe(2);
  });

  it('derives CPU from time_* counters only when no usage_idle arrived', () => {
    const b = createSeriesBuilder(['a']);
    // Out of order on purpose: 25 % busy over each 10 s interval (2.5 s user, 7.5 s idle).
    b.add('a', counters(20_000, 5, 15));
    b.add('a', counters(0, 0, 0));
    b.add('a', counters(10_000, 2.5, 7.5));
    const [c] = b.finish();
    expect(c!.provenance).toBe(COUNTER_PROVENANCE);
    expect(c!.times).toEqual([10_000, 20_000]);
    expect(c!.values).toEqual([25, 25]);

    const both = createSeriesBuilder(['a']);
    both.add('a', counters(0, 0, 0));
    both.add('a', counters(10_000, 2.5, 7.5));
    both.add('a', cpu(10_000, 60));
    const [d] = both.finish();
    expect(d!.provenance.field).toBe('usage_idle');
    expect(d!.values).toEqual([40]);
  });

  it('keeps a pushed-down aggregate only when no raw sample of that series arrived', () => {
    const agg = { count: 3, windows: [{ start: 0, mean: 5 }] } as unknown as SeriesAggregate;
    const b = createSeriesBuilder(['a']);
    b.add('a', mem(1000, 10));
    b.addAggregate('a', 'mem.used_pct', agg);
    b.addAggregate('a', 'cpu.busy_pct', agg);
    const [c, m] = b.finish();
    expect(m!.values).toEqual([10]);
    expect(m!.aggregate).toBeUndefined();
    expect(c!.aggregate).toBe(agg);
    expect(b.stats.duplicates).toBe(3);
  });
});

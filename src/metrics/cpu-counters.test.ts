import { describe, expect, it } from 'vitest';
import { busyFromCounters, type CounterSample } from './cpu-counters.js';

const s = (time: number, idle: number, user: number, iowait = 0): CounterSample => ({
  time,
  parts: { user, system: 0, idle, nice: 0, iowait, irq: 0, softirq: 0, steal: 0 },
});

describe('busyFromCounters', () => {
  it('computes 1 − Δidle/Δtotal per interval, stamped at the later sample', () => {
    // Δidle 30, Δuser 10 → busy 25 %; then Δidle 10, Δuser 30 → busy 75 %.
    const r = busyFromCounters([s(2000, 130, 20), s(1000, 100, 10), s(3000, 140, 50)]);
    expect(r.times).toEqual([2000, 3000]);
    expect(r.values).toEqual([25, 75]);
    expect(r.resets).toBe(0);
  });

  it('counts iowait as busy, like 100 − usage_idle', () => {
    const r = busyFromCounters([s(0, 0, 0, 0), s(1000, 50, 0, 50)]);
    expect(r.values).toEqual([50]);
  });

  it('skips a counter reset instead of turning it into a spike', () => {
    const r = busyFromCounters([s(0, 1000, 1000), s(1000, 1010, 1010), s(2000, 5, 1), s(3000, 14, 2)]);
    expect(r.resets).toBe(1);
    expect(r.times).toEqual([1000, 3000]);
    expect(r.values[0]).toBe(50);
    expect(r.values[1]).toBeCloseTo(10, 12);
  });
});

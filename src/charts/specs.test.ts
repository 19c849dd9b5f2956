import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleMinMax, type XY } from './downsample.js';
import {
  nodeBarSpec,
  overlaySpec,
  ROLE_COLORS,
  scalingSpec,
  type StepSample,
  stepTimeSpec,
  type TimeSeriesInput,
  timeSeriesSpec,
} from './specs.js';

type Row = Record<string, unknown>;
const T0 = Date.UTC(2025, 5, 19, 14, 0, 0);
const layers = (spec: Row) => spec.layer as Row[];
/** A time-series spec over [T0, T0 + ms) whose titles do not matter to the test. */
const windowSpec = (ms: number, rest: Omit<TimeSeriesInput, 'title' | 'yTitle' | 'start' | 'end'>) =>
  timeSeriesSpec({ title: 't', yTitle: 'y', start: T0, end: T0 + ms, ...rest });
const rows = (spec: Row) => (spec.data as { values: Row[] }).values;
/** The rows a time series plots, without the rows that end a line (no x, no y). */
const points = (spec: Row) => rows(spec).filter((r) => r.min !== null);
/** The pieces each role's path is drawn in: the plotted rows between two rows without x and y. */
function pieces(spec: Row): Row[][] {
  const out: Row[][] = [[]];
  for (const r of rows(spec)) {
    if (r.min === null) {
      expect(r.value).toBe(null);
      out.push([]);
    } else out.at(-1)!.push(r);
  }
  return out;
}

function evenSeries(n: number, stepMs: number, f: (i: number) => number, skip?: (t: number) => boolean) {
  const times: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = T0 + i * stepMs;
    if (skip?.(t)) continue;
    times.push(t);
    values.push(f(i));
  }
  return { times, values };
}

describe('timeSeriesSpec', () => {
  const gapFrom = T0 + 240_000;
  const gapTo = T0 + 420_000;
  const a = evenSeries(
    120,
    5000,
    (i) => 2 + (i % 7),
    (t) => t >= gapFrom && t < gapTo,
  );
  const spec = timeSeriesSpec({
    title: 'CPU',
    yTitle: 'CPU busy (%)',
    start: T0,
    end: T0 + 600_000,
    series: [
      { host: 'srv', role: 'server', ...evenSeries(120, 5000, () => 1) },
      { host: 'bots-a', role: 'bots', ...a },
    ],
    gaps: [{ host: 'bots-a', start: gapFrom, end: gapTo }],
    events: [
      { time: T0 + 60_000, kind: 'join' },
      { time: T0 + 10 * 600_000, kind: 'after the window' },
    ],
  });

  it('puts elapsed minutes on x, measured from the run start', () => {
    const xs = points(spec).map((r) => r.min as number);
    expect(Math.min(...xs)).toBe(0);
    expect(Math.max(...xs)).toBeCloseTo(595 / 60, 5);
  });

  it('breaks a line at a window without data instead of bridging it', () => {
    const lines = pieces(spec).filter((p) => p[0]!.node === 'bots-a');
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((p) => p.map((r) => r.min as number));
    expect(Math.max(...first!)).toBeLessThan(4);
    expect(Math.min(...second!)).toBeGreaterThanOrEqual(7);
    // Every piece is one node's: a path never joins two nodes' lines.
    for (const p of pieces(spec)) expect(new Set(p.map((r) => r.line)).size).toBe(1);
  });

  it("draws one path per role, in the data's order, broken by rows without x and y", () => {
    const line = layers(spec).find((l) => (l.mark as Row).type === 'line')!;
    expect((line.encoding as Row).detail).toBeUndefined();
    expect((line.encoding as Row).order).toEqual({ value: null });
    expect((line.mark as Row).invalid).toBe('break-paths-show-domains');
    // srv, then bots-a in two pieces: a row without x and y after each piece but the last.
    expect(pieces(spec).map((p) => p[0]!.line)).toEqual(['srv#0', 'bots-a#0', 'bots-a#1']);
    expect(
      rows(spec)
        .filter((r) => r.min === null)
        .map((r) => r.role),
    ).toEqual(['server', 'bots']);
    expect(rows(spec).at(-1)!.min).not.toBe(null);
  });

  it('breaks lines at the step the caller names (the analysis gap threshold)', () => {
    const pts = { times: [T0, T0 + 5000, T0 + 15_000, T0 + 30_000], values: [1, 2, 3, 4] };
    const lines = (breakAfterMs: number) =>
      pieces(
        windowSpec(60_000, {
          series: [{ host: 'h', role: 'bots', ...pts }],
          breakAfterMs,
        }),
      ).length;
    // Steps are 5, 10 and 15 s; a step longer than the limit breaks.
    expect(lines(4_000)).toBe(4);
    expect(lines(5_000)).toBe(3);
    expect(lines(10_000)).toBe(2);
    expect(lines(15_000)).toBe(1);
  });

  it('breaks a display series exactly at its listed gaps, not at long steps', () => {
    // Points a slice (20 s) apart, as a summarised series' display points are; one gap 60–100 s.
    const pts = {
      times: [0, 20, 40, 60, 100, 120, 140].map((s) => T0 + s * 1000),
      values: [1, 2, 3, 4, 5, 6, 7],
    };
    const lines = pieces(
      windowSpec(160_000, {
        series: [{ host: 'h', role: 'bots', ...pts, breaks: [{ start: T0 + 65_000, end: T0 + 100_000 }] }],
        breakAfterMs: 10_000,
      }),
    ).map((p) => p.map((r) => `${r.line}@${r.value}`));
    expect(lines).toEqual([
      ['h#0@1', 'h#0@2', 'h#0@3', 'h#0@4'],
      ['h#1@5', 'h#1@6', 'h#1@7'],
    ]);
  });

  it('shades each gap as a rectangle over its minutes', () => {
    const rect = layers(spec).find((l) => (l.mark as Row).type === 'rect')!;
    expect((rect.data as { values: Row[] }).values).toEqual([{ nodes: 'bots-a', from: 4, to: 7 }]);
  });

  it('merges overlapping gaps of several nodes into one shaded window', () => {
    const s = windowSpec(600_000, {
      series: [],
      gaps: [
        { host: 'b', start: T0 + 60_000, end: T0 + 180_000 },
        { host: 'a', start: T0 + 60_000, end: T0 + 120_000 },
        { host: 'c', start: T0 + 300_000, end: T0 + 360_000 },
      ],
    });
    const rect = layers(s).find((l) => (l.mark as Row).type === 'rect')!;
    expect((rect.data as { values: Row[] }).values).toEqual([
      { nodes: 'a, b', from: 1, to: 3 },
      { nodes: 'c', from: 5, to: 6 },
    ]);
  });

  it('colours by role with the fixed role palette', () => {
    const line = layers(spec).find((l) => (l.mark as Row).type === 'line')!;
    const color = (line.encoding as Row).color as Row;
    expect(color.field).toBe('role');
    expect((color.scale as Row).range).toEqual([ROLE_COLORS.server, ROLE_COLORS.bots, ROLE_COLORS.other]);
  });

  it('marks only events inside the window', () => {
    const rule = layers(spec).find((l) => (l.mark as Row).type === 'rule')!;
    expect((rule.data as { values: Row[] }).values).toEqual([{ kind: 'join', node: '', min: 1 }]);
  });

  it('draws a segment of one sample as a dot and adds no dot layer when every segment is a line', () => {
    // bots-a has a lone sample between two holes: a line cannot show it.
    const lone = windowSpec(600_000, {
      series: [
        { host: 'srv', role: 'server', ...evenSeries(120, 5000, () => 1) },
        {
          host: 'bots-a',
          role: 'bots',
          times: [T0, T0 + 5000, T0 + 300_000, T0 + 590_000, T0 + 595_000],
          values: [3, 4, 9, 5, 6],
        },
      ],
      breakAfterMs: 60_000,
    });
    const dots = layers(lone).filter((l) => (l.mark as Row).type === 'point');
    expect(dots).toHaveLength(1);
    expect((dots[0]!.data as { values: Row[] }).values).toEqual([
      { node: 'bots-a', role: 'bots', line: 'bots-a#1', min: 5, value: 9 },
    ]);
    expect(layers(spec).some((l) => (l.mark as Row).type === 'point')).toBe(false);
  });

  it('tells vega-lite not to parse inline data, which is already typed', () => {
    expect((spec.data as Row).format).toEqual({ parse: null });
    for (const l of layers(spec)) if (l.data) expect((l.data as Row).format).toEqual({ parse: null });
  });

  it('plots exactly the points that splitting every sample into points and then downsampling gave', () => {
    // The way points were made before only kept points became objects: the reference.
    const round = (x: number) => Math.round(x * 1e6) / 1e6;
    const reference = (times: number[], values: number[], maxStep: number, budget: number) => {
      const pieces: XY[][] = [];
      let cur: XY[] = [];
      times.forEach((t, i) => {
        if (i > 0 && t - times[i - 1]! > maxStep) {
          pieces.push(cur);
          cur = [];
        }
        cur.push({ x: round((t - T0) / 60000), y: round(values[i]!) });
      });
      if (cur.length) pieces.push(cur);
      return pieces.map((p) =>
        downsampleMinMax(p, Math.max(4, Math.floor((budget * p.length) / (times.length || 1)))),
      );
    };
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.integer({ min: 1, max: 30_000 }), fc.double({ min: -1e3, max: 1e3, noNaN: true })),
          {
            minLength: 1,
            maxLength: 600,
          },
        ),
        fc.integer({ min: 16, max: 200 }),
        (steps, budget) => {
          const times: number[] = [];
          const values: number[] = [];
          let t = T0;
          for (const [step, v] of steps) {
            t += step;
            times.push(t);
            values.push(v);
          }
          const spec = windowSpec(t - T0 + 1000, {
            series: [{ host: 'h', role: 'bots', times, values }],
            breakAfterMs: 10_000,
            pointBudget: budget,
          });
          expect(pieces(spec).map((p) => p.map((r) => ({ x: r.min, y: r.value })))).toEqual(
            reference(times, values, 10_000, budget),
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('downsamples long series to the point budget but keeps each peak', () => {
    const n = 50_000;
    const long = evenSeries(n, 1000, (i) => (i === 31_337 ? 97 : 10 + (i % 3)));
    const s = windowSpec(n * 1000, {
      series: [{ host: 'h', role: 'server', ...long }],
      pointBudget: 1000,
    });
    const vals = rows(s);
    expect(vals.length).toBeLessThanOrEqual(1000);
    expect(vals.some((r) => r.value === 97 && r.min === Math.round((31_337 / 60) * 1e6) / 1e6)).toBe(true);
    // The caller's arrays are not touched: statistics elsewhere still see every sample.
    expect(long.values.length).toBe(n);
  });
});

describe('nodeBarSpec', () => {
  it('draws no bar for a node not measured and labels it instead', () => {
    const spec = nodeBarSpec('t', 'CPU per bot (%)', [
      { host: 'srv', role: 'server', value: 0.072 },
      { host: 'bots-b', role: 'bots', value: null },
    ]);
    expect(rows(spec)).toEqual([
      { node: 'srv', role: 'server', value: 0.072, label: '0.072' },
      { node: 'bots-b', role: 'bots', value: null, label: 'not measured' },
    ]);
    const bar = layers(spec).find((l) => (l.mark as Row).type === 'bar')!;
    expect(bar.transform).toEqual([{ filter: 'datum.value !== null' }]);
  });
});

describe('overlaySpec', () => {
  it('aligns both runs at elapsed minute 0 although they started on different days', () => {
    const base = {
      label: 'baseline r1',
      start: T0,
      end: T0 + 60_000,
      series: [{ host: 's', role: 'server' as const, times: [T0, T0 + 30_000], values: [1, 2] }],
    };
    const c0 = T0 + 86_400_000;
    const cand = {
      label: 'this run r2',
      start: c0,
      end: c0 + 60_000,
      series: [{ host: 's', role: 'server' as const, times: [c0, c0 + 30_000], values: [3, 4] }],
    };
    const spec = overlaySpec('t', 'y', base, cand);
    expect(rows(spec).map((r) => [r.run, r.min, r.value])).toEqual([
      ['baseline r1', 0, 1],
      ['baseline r1', 0.5, 2],
      ['this run r2', 0, 3],
      ['this run r2', 0.5, 4],
    ]);
  });
});

describe('scalingSpec', () => {
  it('draws the fit over the points’ x range with y from the fit', () => {
    const spec = scalingSpec(
      't',
      'Bots',
      'CPU (%)',
      [
        { x: 10, y: 1, label: 'a' },
        { x: 40, y: 4.1, label: 'b' },
      ],
      { slope: 0.1, intercept: 0.05, r2: 0.99 },
    );
    const fit = layers(spec).find((l) => (l.mark as Row).type === 'line')!;
    const v = (fit.data as { values: Row[] }).values;
    expect(v.map((r) => [r.x, r.y])).toEqual([
      [10, 1.05],
      [40, 4.05],
    ]);
    expect(String(v[0]!.fit)).toContain('R² 0.990');
  });

  it('draws excluded runs hollow grey and labelled excluded, and fits over the included points only', () => {
    const spec = scalingSpec(
      't',
      'Total bots',
      'CPU (%)',
      [
        { x: 10, y: 4, label: 'a' },
        { x: 50, y: 12, label: 'b' },
      ],
      { slope: 0.2, intercept: 2 },
      [{ x: 80, y: 9, label: 'sat' }],
    );
    // The main points are only the included runs.
    expect(rows(spec).map((r) => r.run)).toEqual(['a', 'b']);
    const ex = layers(spec).find((l) => Array.isArray(l.layer))!;
    expect(rows(ex)).toEqual([{ x: 80, y: 9, run: 'sat (excluded)' }]);
    const marks = (ex.layer as Row[]).map((l) => l.mark as Row);
    expect(marks[0]).toMatchObject({ type: 'point', filled: false });
    expect(marks[1]).toMatchObject({ type: 'text' });
    const fit = layers(spec).find((l) => (l.mark as Row | undefined)?.type === 'line')!;
    // Line from x 10 to 50 (not 80): y = 2 + 0.2·x.
    expect(rows(fit).map((r) => [r.x, r.y])).toEqual([
      [10, 4],
      [50, 12],
    ]);
  });

  it('has no fit layer without a fit', () => {
    const spec = scalingSpec('t', 'x', 'y', [{ x: 1, y: 1, label: 'a' }], null);
    expect(layers(spec).some((l) => (l.mark as Row).type === 'line')).toBe(false);
  });
});

describe('stepTimeSpec', () => {
  // 5000 steps every 0.1 s of uptime from 12 s, one spike of 400 ms and a dip of 1 ms.
  const samples: StepSample[] = Array.from({ length: 5000 }, (_, i) => ({
    clockSeconds: 12 + i * 0.1,
    stepMs: i === 3210 ? 400 : i === 777 ? 1 : 40 + (i % 13),
    players: Math.min(25, Math.floor(i / 100)),
  }));
  const spec = stepTimeSpec('Step time', samples, 100, { pointBudget: 400 });
  const stepLayers = layers(spec)[0]!.layer as Row[];
  const steps = rows(stepLayers[0]!);
  const players = rows(layers(spec)[1]!);

  it('puts server uptime (not wall time) on x and step time in ms on y', () => {
    const enc = stepLayers[0]!.encoding as Record<string, Row>;
    expect(enc.x!.title).toMatch(/uptime/i);
    expect(enc.x!.title).toMatch(/not wall time/);
    expect(enc.y!.title).toBe('Step time (ms)');
    expect(steps[0]).toEqual({ session: 0, uptime: 12, step: samples[0]!.stepMs });
  });

  it('draws the budget as a rule at the budget in ms, on the step-time scale', () => {
    const rule = stepLayers.find((l) => (l.mark as Row).type === 'rule')!;
    expect(rows(rule)[0]!.budget).toBe(100);
    // The rule is layered with the step line, so it shares its y scale (players resolve independently).
    expect(spec.resolve).toEqual({ scale: { y: 'independent' } });
  });

  it('downsamples for display but keeps the highest and lowest step', () => {
    expect(steps.length).toBeLessThanOrEqual(200);
    const ys = steps.map((r) => r.step as number);
    expect(Math.max(...ys)).toBe(400);
    expect(Math.min(...ys)).toBe(1);
    const spike = steps.find((r) => r.step === 400)!;
    expect(spike.uptime).toBeCloseTo(12 + 3210 * 0.1, 6);
  });

  it('draws players online on a right axis, keeping the peak', () => {
    const enc = layers(spec)[1]!.encoding as Record<string, Row>;
    expect((enc.y!.axis as Row).orient).toBe('right');
    expect(Math.max(...players.map((r) => r.players as number))).toBe(25);
  });

  it('starts a new line where the server clock goes back (a restart) instead of joining sessions', () => {
    const restarted = stepTimeSpec(
      't',
      [
        { clockSeconds: 100, stepMs: 40, players: null },
        { clockSeconds: 101, stepMs: 41, players: null },
        { clockSeconds: 2, stepMs: 90, players: null },
        { clockSeconds: 3, stepMs: 50, players: null },
      ],
      100,
    );
    // No players column: a single step-time layer group and no independent scales.
    expect(layers(restarted)).toHaveLength(1);
    expect(restarted.resolve).toBeUndefined();
    const r = rows((layers(restarted)[0]!.layer as Row[])[0]!);
    expect(r.map((x) => x.session)).toEqual([0, 0, 1, 1]);
    expect(r.map((x) => x.uptime)).toEqual([100, 101, 2, 3]);
  });
});

// Display downsampling for long series: min/max per bucket, so a plotted line still shows every
// peak and trough. Only charts use it; statistics are always computed on the full series.

/** A plotted point: x (any monotonic unit, e.g. elapsed seconds) and y. */
export interface XY {
  x: number;
  y: number;
}

/**
 * Reduces `points` (sorted by x) to at most about `maxPoints` by splitting the x-range into
 * equal-count buckets and keeping, per bucket, the first, minimum, maximum and last point in x order.
 * Every local extreme survives in the bucket it falls in, so the global min and max are always kept.
 * Input at or below `maxPoints` is returned unchanged (a copy).
 *
 * @example
 * ```ts
 * import { downsampleMinMax } from 'bench-report';
 * const points = Array.from({ length: 10_000 }, (_, i) => ({ x: i, y: Math.sin(i / 100) + (i === 5000 ? 5 : 0) }));
 * const few = downsampleMinMax(points, 400);
 * console.log(few.length, Math.max(...few.map((p) => p.y))); // the spike at x = 5000 survives
 * ```
 */
export function downsampleMinMax(points: readonly XY[], maxPoints: number): XY[] {
  if (maxPoints < 4) throw new RangeError('maxPoints must be at least 4');
  if (points.length <= maxPoints) return points.slice();
  return keptIndices(points.length, (i) => points[i]!.y, maxPoints).map((i) => points[i]!);
}

/**
 * The indices {@link downsampleMinMax} keeps of `n` points (sorted by x) whose y is `y(i)`, in
 * increasing order: all of them when `n` is at most `maxPoints`. For callers that make a point
 * only for what is kept (a 50-node chart keeps 4,000 of 83,000 samples).
 */
export function keptIndices(n: number, y: (i: number) => number, maxPoints: number): number[] {
  if (maxPoints < 4) throw new RangeError('maxPoints must be at least 4');
  if (n <= maxPoints) return Array.from({ length: n }, (_, i) => i);
  // Four points per bucket at most (first, min, max, last).
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  const size = n / buckets;
  const out: number[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(n, Math.floor((b + 1) * size));
    if (to <= from) continue;
    let lo = from;
    let hi = from;
    let yLo = y(from);
    let yHi = yLo;
    for (let i = from + 1; i < to; i++) {
      // Ties keep the earliest index, so the result does not depend on anything but the input.
      const yi = y(i);
      if (yi < yLo) {
        lo = i;
        yLo = yi;
      }
      if (yi > yHi) {
        hi = i;
        yHi = yi;
      }
    }
    const keep = [...new Set([from, lo, hi, to - 1])].sort((a, c) => a - c);
    for (const i of keep) out.push(i);
  }
  return out;
}

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
  // Four points per bucket at most (first, min, max, last).
  const buckets = Math.max(1, Math.floor(maxPoints / 4));
  const size = points.length / buckets;
  const out: XY[] = [];
  for (let b = 0; b < buckets; b++) {
    const from = Math.floor(b * size);
    const to = Math.min(points.length, Math.floor((b + 1) * size));
    if (to <= from) continue;
    let lo = from;
    let hi = from;
    for (let i = from + 1; i < to; i++) {
      // Ties keep the earliest index, so the result does not depend on anything but the input.
      if (points[i]!.y < points[lo]!.y) lo = i;
      if (points[i]!.y > points[hi]!.y) hi = i;
    }
    const keep = [...new Set([from, lo, hi, to - 1])].sort((a, c) => a - c);
    for (const i of keep) out.push(points[i]!);
  }
  return out;
}

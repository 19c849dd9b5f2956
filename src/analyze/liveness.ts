// Whether each node is reporting, from when it last wrote each measurement: pure judgement over
// what `check` asked the database, with the thresholds in intervals so they scale with the run.
import type { NodeSpec } from '../model/types.js';

export type Liveness = 'reporting' | 'stale' | 'silent';

export interface MeasurementLiveness {
  measurement: string;
  /** ISO time of the newest point, or null when none was found. */
  lastReport: string | null;
  /** Seconds between the newest point and the check time; null when none. */
  ageSeconds: number | null;
  recentPoints: number;
  status: Liveness;
}

export interface NodeLiveness {
  host: string;
  role: NodeSpec['role'];
  status: Liveness;
  measurements: MeasurementLiveness[];
}

export interface LivenessOptions {
  intervalSeconds: number;
  /** A node is stale when its newest point is older than this many intervals (default 3). */
  staleIntervals: number;
}

const RANK: Record<Liveness, number> = { reporting: 0, stale: 1, silent: 2 };

/** Judges one node from its newest point and recent count per measurement. */
export function judgeNode(
  node: NodeSpec,
  reports: { measurement: string; last: number | null; recentPoints: number }[],
  now: number,
  o: LivenessOptions,
): NodeLiveness {
  const measurements = reports.map((r): MeasurementLiveness => {
    if (r.last === null)
      return {
        measurement: r.measurement,
        lastReport: null,
        ageSeconds: null,
        recentPoints: r.recentPoints,
        status: 'silent',
      };
    const age = (now - r.last) / 1000;
    return {
      measurement: r.measurement,
      lastReport: new Date(r.last).toISOString(),
      ageSeconds: Math.round(age * 1000) / 1000,
      recentPoints: r.recentPoints,
      status: age > o.staleIntervals * o.intervalSeconds || r.recentPoints === 0 ? 'stale' : 'reporting',
    };
  });
  const status = measurements.reduce<Liveness>(
    (w, m) => (RANK[m.status] > RANK[w] ? m.status : w),
    'reporting',
  );
  return { host: node.host, role: node.role, status, measurements };
}

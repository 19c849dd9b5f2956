// Memory section: used % statistics, drift and the stability verdict.
import { PROVENANCE, provenanceText } from '../../metrics/canonical.js';
import type { RunSummary } from '../../model/types.js';
import { NOT_MEASURED, num, signed } from '../format.js';
import type { Cell, Section } from '../model.js';

export function memorySection(s: RunSummary): Section {
  const r = 'right' as const;
  const t = s.thresholds;
  const rows: Cell[][] = s.nodes.map((n) => {
    const m = n.memory;
    const f = (x: number | null | undefined, d = 2) => (m ? num(x, d, 'n/a') : NOT_MEASURED);
    const verdict = !m
      ? NOT_MEASURED
      : m.stable === null
        ? 'too few samples'
        : m.stable
          ? 'stable'
          : 'not stable';
    return [
      { text: n.host, code: true },
      m ? String(m.samples) : '0',
      f(m?.mean),
      f(m?.min),
      f(m?.max),
      f(m?.stddev, 3),
      m && m.slopePerMinute !== null ? signed(m.slopePerMinute, 4) : f(null),
      verdict,
    ];
  });
  return {
    id: 'memory',
    title: 'Memory stability',
    blocks: [
      {
        kind: 'table',
        columns: [
          { label: 'Node' },
          { label: 'Samples', align: r },
          { label: 'Mean (%)', align: r },
          { label: 'Min (%)', align: r },
          { label: 'Max (%)', align: r },
          { label: 'Std dev (pp)', align: r },
          { label: 'Slope (pp/min)', align: r },
          { label: 'Verdict' },
        ],
        rows,
        footnotes: [
          `Memory is \`${provenanceText(PROVENANCE['mem.used_pct'])}\`: memory used as a percentage of total, not free or available memory.`,
          `Stable means the least-squares drift over the window (|slope| × duration) is at most ${t.memoryDriftPoints} pp (percentage points) and the sample standard deviation at most ${t.memoryStddevPoints} pp; at least 3 samples are needed to judge.`,
        ],
      },
    ],
  };
}

// Coverage section: expected versus received samples and every window without data.
import { METRIC_LABEL } from '../../metrics/canonical.js';
import type { RunSummary } from '../../model/types.js';
import { duration, isoTime, pct } from '../format.js';
import type { Block, Cell, Section } from '../model.js';

export function coverageSection(s: RunSummary): Section {
  const r = 'right' as const;
  const rows: Cell[][] = s.nodes.flatMap((n) =>
    (['cpu.busy_pct', 'mem.used_pct'] as const).map((m): Cell[] => {
      const c = n.metricCoverage[m];
      return [
        { text: n.host, code: true },
        METRIC_LABEL[m],
        String(c.expectedSamples),
        String(c.samples),
        pct(c.ratio),
        duration(c.largestGapSeconds),
      ];
    }),
  );
  const blocks: Block[] = [
    {
      kind: 'table',
      columns: [
        { label: 'Node' },
        { label: 'Metric' },
        { label: 'Expected samples', align: r },
        { label: 'Received', align: r },
        { label: 'Coverage', align: r },
        { label: 'Largest gap', align: r },
      ],
      rows,
      footnotes: [
        `Expected samples = window ÷ interval. Coverage below ${pct(s.thresholds.coverage, 0)} makes a node partial. The largest gap is the longest stretch of the window without a sample beyond one interval, computed from timestamps (no fill()).`,
      ],
    },
  ];
  const gaps = s.nodes.flatMap((n) => n.gaps.map((g) => ({ host: n.host, ...g })));
  if (gaps.length > 0) {
    blocks.push({ kind: 'paragraph', text: 'Windows without data (longer than one interval):' });
    blocks.push({
      kind: 'table',
      columns: [
        { label: 'Node' },
        { label: 'Metric' },
        { label: 'From (UTC)' },
        { label: 'To (UTC)' },
        { label: 'Length', align: r },
      ],
      rows: gaps.map((g) => [
        { text: g.host, code: true },
        METRIC_LABEL[g.metric],
        isoTime(g.start),
        isoTime(g.end),
        duration(g.seconds),
      ]),
    });
  }
  return { id: 'coverage', title: 'Coverage and missing windows', blocks };
}

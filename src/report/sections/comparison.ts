// Comparison section: baseline beside this run; a missing side is "—" with a footnote.
import type { Comparison } from '../../compare/baseline.js';
import { num, signed } from '../format.js';
import type { Block, Cell, Section } from '../model.js';

function deltaText(row: Comparison['rows'][number]): string {
  if (row.delta === null) return '—';
  const p = row.deltaRatio === null ? '' : ` (${signed(row.deltaRatio * 100, 1)}%)`;
  let judgement = '';
  if (row.direction !== 'neutral' && row.delta !== 0) {
    const better = row.direction === 'lower-is-better' ? row.delta < 0 : row.delta > 0;
    judgement = better ? ' better' : ' worse';
  }
  return `${signed(row.delta, row.unit === 'pp/min' ? 4 : 3)}${p}${judgement}`;
}

export function comparisonSection(c: Comparison): Section {
  const notes: string[] = [];
  const cell = (v: Comparison['rows'][number]['base'], digits: number): Cell => {
    if (v.value !== null) return num(v.value, digits);
    notes.push(v.missing ?? 'missing');
    return { text: '—', note: notes.length };
  };
  const rows: Cell[][] = c.rows.map((row) => {
    const d = row.unit === 'pp/min' ? 4 : row.metric === 'CPU per bot' ? 3 : 2;
    return [
      row.group,
      { text: [row.baseHost ?? '—', row.candHost ?? '—'].join(' → '), code: true },
      `${row.metric} (${row.unit})`,
      cell(row.base, d),
      cell(row.cand, d),
      deltaText(row),
    ];
  });
  const blocks: Block[] = [];
  for (const w of c.warnings) blocks.push({ kind: 'note', level: 'warning', text: w.message });
  blocks.push({
    kind: 'paragraph',
    text: `Baseline ${c.base.id} (${c.base.status}) against this run ${c.cand.id} (${c.cand.status}). Nodes are matched by role: the server with the server, bot nodes in manifest order. Deltas are this run minus the baseline; for CPU and memory lower is better. A figure missing on either side is shown as "—" with a footnote and no delta; it is never estimated.`,
  });
  blocks.push({
    kind: 'table',
    columns: [
      { label: 'Group' },
      { label: 'Nodes (baseline → this run)' },
      { label: 'Metric' },
      { label: `Baseline ${c.base.id}`, align: 'right' },
      { label: `This run ${c.cand.id}`, align: 'right' },
      { label: 'Change', align: 'right' },
    ],
    rows,
    footnotes: notes,
  });
  return { id: 'comparison', title: 'Comparison with baseline', blocks };
}

// CPU section: per-node busy % statistics and CPU per bot, with provenance.
import { PROVENANCE } from '../../metrics/canonical.js';
import type { RunSummary } from '../../model/types.js';
import { NOT_MEASURED, num } from '../format.js';
import type { Cell, Section } from '../model.js';

const STATUS_TEXT = { ok: 'ok', partial: 'partial', missing: 'missing' } as const;

export function cpuSection(s: RunSummary): Section {
  const rows: Cell[][] = s.nodes.map((n) => {
    const c = n.cpu;
    const dash = (x: number | undefined) => (c ? num(x) : NOT_MEASURED);
    return [
      { text: n.host, code: true },
      n.role,
      String(n.bots),
      STATUS_TEXT[n.status],
      c ? String(c.samples) : '0',
      dash(c?.mean),
      dash(c?.p50),
      dash(c?.p95),
      dash(c?.p99),
      dash(c?.peak),
      dash(c?.min),
      n.cpuPerBot === null ? (c ? 'n/a' : NOT_MEASURED) : num(n.cpuPerBot, 3),
    ];
  });
  const r = 'right' as const;
  const footnotes = [
    `CPU busy % = ${PROVENANCE['cpu.busy_pct'].derivation}, from \`${PROVENANCE['cpu.busy_pct'].measurement},${PROVENANCE['cpu.busy_pct'].filter} ${PROVENANCE['cpu.busy_pct'].field}\` (the whole machine, all cores), per node, from that node's own samples only. Peak is the largest single sample.`,
    'CPU/bot: on the server, mean CPU ÷ all bots of the run; on a bot node, mean CPU ÷ that node\'s bots; "n/a" where the node has no bots.',
  ];
  for (const n of s.nodes)
    if (n.cpu && n.cpu.provenance.field !== PROVENANCE['cpu.busy_pct'].field)
      footnotes.push(
        `${n.host}: CPU busy % is not usage_idle but ${n.cpu.provenance.derivation} (\`${n.cpu.provenance.measurement},${n.cpu.provenance.filter} ${n.cpu.provenance.field}\`).`,
      );
  for (const n of s.nodes) if (n.cpuPerBotBasis) footnotes.push(`${n.host}: CPU/bot = ${n.cpuPerBotBasis}.`);
  return {
    id: 'cpu',
    title: 'CPU per node',
    blocks: [
      {
        kind: 'table',
        columns: [
          { label: 'Node' },
          { label: 'Role' },
          { label: 'Bots', align: r },
          { label: 'Status' },
          { label: 'Samples', align: r },
          { label: 'Mean (%)', align: r },
          { label: 'p50 (%)', align: r },
          { label: 'p95 (%)', align: r },
          { label: 'p99 (%)', align: r },
          { label: 'Peak (%)', align: r },
          { label: 'Min (%)', align: r },
          { label: 'CPU/bot (%)', align: r },
        ],
        rows,
        footnotes,
      },
    ],
  };
}

// Single vs distributed section: two layouts at the same bot total, per role, with the caveats
// the comparison computed.
import type { ArchitectureView } from '../../compare/architecture.js';
import { num } from '../format.js';
import type { Cell, Section } from '../model.js';

export function architectureSection(a: ArchitectureView): Section {
  const notes: string[] = [];
  const cell = (v: number | null, missing: string[], digits: number): Cell => {
    if (v !== null) return num(v, digits);
    const text = missing.length ? missing.join('; ') : 'not available';
    const i = notes.indexOf(text);
    return { text: '—', note: i >= 0 ? i + 1 : notes.push(text) };
  };
  const side = (l: ArchitectureView['lines'][number], which: 'base' | 'cand') =>
    l.missing.filter((m) => m.startsWith(`${which === 'base' ? a.base.id : a.cand.id}`));
  return {
    id: 'architecture',
    title: `Single vs distributed at ${a.totalBots} bots`,
    blocks: [
      { kind: 'list', items: a.caveats },
      {
        kind: 'table',
        columns: [
          { label: 'Role' },
          { label: 'Quantity' },
          {
            label: `${a.base.id} (${a.base.botNodes} bot node${a.base.botNodes > 1 ? 's' : ''})`,
            align: 'right',
          },
          {
            label: `${a.cand.id} (${a.cand.botNodes} bot node${a.cand.botNodes > 1 ? 's' : ''})`,
            align: 'right',
          },
        ],
        rows: a.lines.map((l) => {
          const d = l.quantity.includes('per bot') ? 3 : 2;
          return [
            l.role,
            `${l.quantity} (${l.unit})`,
            cell(l.base, side(l, 'base'), d),
            cell(l.cand, side(l, 'cand'), d),
          ];
        }),
        footnotes: notes,
      },
    ],
  };
}

// Configuration section: window, interval, nodes, roles and declared bots.
import type { RunSummary } from '../../model/types.js';
import { duration, isoTime } from '../format.js';
import type { Section } from '../model.js';

export function configuration(s: RunSummary): Section {
  const r = s.run;
  return {
    id: 'configuration',
    title: 'Configuration',
    blocks: [
      {
        kind: 'table',
        columns: [{ label: 'Setting' }, { label: 'Value' }],
        rows: [
          ['Run', { text: r.id, code: true }],
          ['Title', r.title],
          ['Window (UTC, half-open)', `[${isoTime(r.start)}, ${isoTime(r.end)})`],
          ['Duration', duration(r.durationSeconds)],
          ['Sample interval', `${r.intervalSeconds} s`],
          ['Nodes', String(s.nodes.length)],
          ['Total bots (declared)', String(r.totalBots)],
        ],
      },
      {
        kind: 'table',
        columns: [{ label: 'Node' }, { label: 'Role' }, { label: 'Bots (declared)', align: 'right' }],
        rows: s.nodes.map((n) => [{ text: n.host, code: true }, n.role, String(n.bots)]),
      },
    ],
  };
}

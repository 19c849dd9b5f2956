// The failure this product exists to end: a run whose metrics were never collected must say so,
// and must never print a figure for a node that was not measured.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GOLDEN_DIR } from '../scripts/golden-cases.js';

const read = (c: string, f: string) => readFileSync(path.join(GOLDEN_DIR, c, f), 'utf8');

describe('distributed-20 (Telegraf never reached the nodes)', () => {
  const md = read('distributed-20', 'report.md');
  const summary = JSON.parse(read('distributed-20', 'summary.json'));

  it('says plainly, first, that no node was measured', () => {
    const verdict = md.slice(0, md.indexOf('## Configuration'));
    expect(verdict).toMatch(/No metrics: none of the 3 nodes reported/);
    for (const host of ['luanti-server', 'bots-a', 'bots-b']) expect(verdict).toContain(`${host} (`);
  });

  it('gives no CPU or memory figure for any node', () => {
    for (const n of summary.nodes) {
      expect(n.status).toBe('missing');
      expect(n.cpu).toBeNull();
      expect(n.memory).toBeNull();
      expect(n.cpuPerBot).toBeNull();
      expect(n.flags.map((f: { code: string }) => f.code)).toContain('metrics-missing');
    }
    const cpuTable = md.slice(md.indexOf('## CPU per node'), md.indexOf('## Memory stability'));
    const rows = cpuTable.split('\n').filter((l) => l.startsWith('| `'));
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      const cells = row
        .split('|')
        .slice(6, 13)
        .map((c) => c.trim());
      expect(cells.every((c) => c === 'not measured')).toBe(true);
    }
  });

  it('never prints an expected, estimated or predicted figure', () => {
    for (const c of ['distributed-20', 'distributed-20-partial', 'distributed-20--vs--single-node-20']) {
      for (const f of ['report.md', 'report.html']) {
        // "never estimated" is our own promise; any other estimate, prediction or "~1.2" figure is not.
        const text = read(c, f).toLowerCase().replaceAll('never estimated', '');
        expect(text).not.toMatch(
          /\bexpected (cpu|memory|performance)|estimat|predict|extrapolat|theoretical|~\s*\d/,
        );
      }
    }
  });

  it('run status is no-data and the data the export did hold is accounted for', () => {
    expect(summary.run.status).toBe('no-data');
    expect(summary.inputs[0].ignored.unknownHost).toBeGreaterThan(0);
    expect(summary.inputs[0].unknownHosts).toEqual(['influx-db']);
  });

  it('against the single-node baseline, every distributed figure is "—" with a footnote naming run and node', () => {
    const cmp = read('distributed-20--vs--single-node-20', 'report.md');
    const section = cmp.slice(cmp.indexOf('## Comparison with baseline'), cmp.indexOf('## Data quality'));
    expect(section).toMatch(/distributed-20: luanti-server has no CPU data/);
    const table = section.slice(section.indexOf('| Role |'));
    const rows = table
      .slice(0, table.indexOf('\n\n'))
      .split('\n')
      .filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| Role'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      // The figures column reads "baseline → candidate"; the candidate side is always "—" with a note.
      const figures = row.split('|')[4]!.trim();
      expect(figures).toMatch(/→ — \\\[\d+\\\]$/);
    }
  });
});

describe('distributed-20-partial', () => {
  const summary = JSON.parse(read('distributed-20-partial', 'summary.json'));
  it('marks the missing node missing and the node with a gap partial, and the run incomplete', () => {
    const byHost = Object.fromEntries(summary.nodes.map((n: { host: string }) => [n.host, n]));
    expect(byHost['luanti-server'].status).toBe('ok');
    expect(byHost['bots-a'].status).toBe('partial');
    expect(byHost['bots-a'].coverage.largestGapSeconds).toBe(180);
    expect(byHost['bots-b'].status).toBe('missing');
    expect(summary.run.status).toBe('incomplete');
  });
  it('counts malformed lines per input and shows them with file:line', () => {
    const server = summary.inputs.find((i: { source: string }) => i.source.endsWith('luanti-server.lp'));
    expect(server.rejected).toBe(3);
    expect(server.examples[0].location).toMatch(/luanti-server\.lp:12$/);
    const md = read('distributed-20-partial', 'report.md');
    expect(md).toContain('luanti-server.lp:12');
  });
});

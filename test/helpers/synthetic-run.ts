// Writes a run directory (run.json + one line-protocol file) with any number of nodes and any
// host names, from a seeded generator: for size tests (50 nodes) and hostile-content tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatLine } from '../../src/sources/line-protocol.js';
import { seededRandom as rng } from '../../src/model/random.js';

export interface SyntheticNode {
  host: string;
  role: 'server' | 'bots' | 'other';
  bots?: number;
  /** Leave this node without samples (a "not measured" node). */
  silent?: boolean;
  /** Skip samples in [from, to) minutes, making a gap. */
  gap?: [number, number];
}

/** Creates `dir/<id>/` with a 10-minute, 5-second-interval run and returns the run directory. */
export function writeSyntheticRun(
  dir: string,
  id: string,
  nodes: SyntheticNode[],
  options: { title?: string; start?: string; seed?: number; baseline?: string } = {},
): string {
  const runDir = path.join(dir, id);
  mkdirSync(path.join(runDir, 'metrics'), { recursive: true });
  const start = Date.parse(options.start ?? '2025-07-01T12:00:00Z');
  const r = rng(options.seed ?? 7);
  const lines: string[] = [];
  nodes.forEach((n, k) => {
    if (n.silent) return;
    for (let i = 0; i < 120; i++) {
      const t = start + i * 5000;
      const minute = (i * 5) / 60;
      if (n.gap && minute >= n.gap[0] && minute < n.gap[1]) continue;
      const busy = (n.role === 'server' ? 2 : 5) + (k % 5) + 2 * r();
      lines.push(
        formatLine({
          measurement: 'cpu',
          tags: { cpu: 'cpu-total', host: n.host },
          fields: { usage_idle: 100 - busy },
          time: t,
        }),
      );
      lines.push(
        formatLine({
          measurement: 'mem',
          tags: { host: n.host },
          fields: { used_percent: 40 + (k % 30) + 0.2 * r() },
          time: t,
        }),
      );
    }
  });
  writeFileSync(path.join(runDir, 'metrics', 'all.lp'), `${lines.join('\n')}\n`);
  const manifest = {
    id,
    title: options.title ?? `Synthetic ${nodes.length}-node run`,
    start: new Date(start).toISOString(),
    duration: '10m',
    interval: '5s',
    ...(options.baseline ? { baseline: options.baseline } : {}),
    nodes: nodes.map((n) => ({
      host: n.host,
      role: n.role,
      ...(n.bots !== undefined ? { bots: n.bots } : {}),
    })),
    sources: [{ path: 'metrics/all.lp' }],
  };
  writeFileSync(path.join(runDir, 'run.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return runDir;
}

/** A server and `botNodes` bot nodes of 10 bots each. */
export function largeRun(botNodes: number): SyntheticNode[] {
  return [
    { host: 'luanti-server', role: 'server' },
    ...Array.from({ length: botNodes }, (_, i) => ({
      host: `bots-${String(i + 1).padStart(2, '0')}`,
      role: 'bots' as const,
      bots: 10,
      ...(i % 7 === 3 ? { gap: [3, 5] as [number, number] } : {}),
      ...(i === 11 ? { silent: true } : {}),
    })),
  ];
}

/** Host names that try to become Markdown, HTML, links or Mermaid syntax. */
export const HOSTILE_HOSTS = [
  '<script>alert(1)</script>',
  '[click](http://evil.example/x)',
  'www.evil.example',
  '*bold*_under_|pipe|`tick`',
  '"]; x-axis "pwn',
  '<img src=x onerror=alert(1)>',
];

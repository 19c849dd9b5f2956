// A seeded Telegraf-like dataset (cpu with cpu-total and cpu0, mem) for a few hosts, written
// both as a line-protocol file and to an InfluxDB server, so two builds can be compared.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Point } from '../../src/model/types.js';
import { formatLine } from '../../src/sources/line-protocol.js';
import type { Influxd } from './influxd.js';
import { seededRandom as seeded } from '../../src/model/random.js';

export interface HostPlan {
  host: string;
  /** Sample indexes (0-based interval slots) with no data, e.g. a gap or a silent tail. */
  skip?: (i: number) => boolean;
  /** Emit nothing at all for this host. */
  silent?: boolean;
}

export interface Dataset {
  start: number;
  end: number;
  intervalSeconds: number;
  points: Point[];
}

/** Points for every host: one cpu-total, one cpu0 and one mem point per interval, plus strays outside the window. */
export function makeDataset(
  hosts: HostPlan[],
  opts: { start: number; minutes: number; intervalSeconds: number; seed: number },
): Dataset {
  const rnd = seeded(opts.seed);
  const iv = opts.intervalSeconds * 1000;
  const n = Math.floor((opts.minutes * 60000) / iv);
  const points: Point[] = [];
  for (const h of hosts) {
    if (h.silent) continue;
    let mem = 30 + rnd() * 20;
    for (let i = -2; i < n + 2; i++) {
      if (i >= 0 && h.skip?.(i)) continue;
      const time = opts.start + i * iv;
      const idle = Math.round((60 + rnd() * 39) * 1e6) / 1e6;
      mem += (rnd() - 0.45) * 0.3;
      points.push({
        measurement: 'cpu',
        tags: { cpu: 'cpu-total', host: h.host },
        fields: { usage_idle: idle, usage_user: 100 - idle },
        time,
      });
      points.push({
        measurement: 'cpu',
        tags: { cpu: 'cpu0', host: h.host },
        fields: { usage_idle: Math.min(100, idle + 1) },
        time,
      });
      points.push({
        measurement: 'mem',
        tags: { host: h.host },
        fields: { used_percent: Math.round(mem * 1e6) / 1e6, total: 8e9 },
        time,
      });
    }
  }
  return { start: opts.start, end: opts.start + n * iv, intervalSeconds: opts.intervalSeconds, points };
}

/** Line protocol as InfluxDB 1.x parses it: tag values escape `,`, `=` and space only. */
export function influxLine(p: Point): string {
  const esc = (s: string) => s.replace(/[, =]/g, (c) => `\\${c}`);
  const tags = Object.keys(p.tags)
    .sort()
    .map((k) => `,${esc(k)}=${esc(p.tags[k]!)}`)
    .join('');
  const fields = Object.entries(p.fields)
    .map(([k, v]) => `${esc(k)}=${v}`)
    .join(',');
  return `${p.measurement}${tags} ${fields} ${p.time}`;
}

/** Writes the dataset to `db` (ms precision). */
export async function seedInflux(server: Influxd, db: string, data: Dataset): Promise<void> {
  await server.query(`CREATE DATABASE "${db}"`);
  await server.write(db, data.points.map(influxLine), 'ms');
}

/** Writes a run directory with the dataset as a .lp file, or pointing at an InfluxQL source. */
export async function writeRun(
  dir: string,
  id: string,
  data: Dataset,
  hosts: { host: string; role: string; bots?: number }[],
  source:
    | { file: true }
    | { influxql: string; database: string; retentionPolicy?: string }
    | { flux: string; org: string; bucket: string },
): Promise<string> {
  const runDir = path.join(dir, id);
  await mkdir(path.join(runDir, 'metrics'), { recursive: true });
  const sources: unknown[] = [];
  if ('file' in source) {
    await writeFile(path.join(runDir, 'metrics', 'all.lp'), `${data.points.map(formatLine).join('\n')}\n`);
    sources.push({ path: 'metrics/all.lp' });
  } else sources.push(source);
  const manifest = {
    id,
    start: new Date(data.start).toISOString(),
    end: new Date(data.end).toISOString(),
    interval: `${data.intervalSeconds}s`,
    nodes: hosts,
    sources,
  };
  await writeFile(path.join(runDir, 'run.json'), JSON.stringify(manifest, null, 2));
  return runDir;
}

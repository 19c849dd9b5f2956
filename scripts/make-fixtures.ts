// Regenerates the fixture runs under fixtures/runs from a fixed seed: Telegraf-shaped line
// protocol and CSV as a real cluster would leave them, mirroring the story in DEVELOPERS.md.
// Usage: npm run fixtures   (then `npm run golden` to refresh the expected reports)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', 'fixtures', 'runs');

/** mulberry32: a small seeded PRNG so fixtures are identical on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** A CPU busy-% series with noise and a few spikes, scaled so its mean and peak are as given. */
function cpuSeries(r: () => number, n: number, mean: number, peak: number): number[] {
  const raw = Array.from({ length: n }, () => 1 + 0.25 * gauss(r) + (r() < 0.04 ? 1.5 * r() : 0));
  const m = raw.reduce((a, b) => a + b, 0) / n;
  const mx = Math.max(...raw);
  const b = (peak - mean) / (mx - m);
  return raw.map((v) => Math.max(0.01, mean + b * (v - m)));
}

function memSeries(r: () => number, n: number, level: number, sd: number, slopePerSample: number): number[] {
  return Array.from({ length: n }, (_, i) => level + slopePerSample * i + sd * gauss(r));
}

const TOTAL_BYTES = 16_653_647_872;

function cpuFields(busy: number, r: () => number): Record<string, number> {
  const idle = 100 - busy;
  const system = busy * (0.25 + 0.1 * r());
  const iowait = busy * 0.02 * r();
  const softirq = busy * 0.03;
  const user = busy - system - iowait - softirq;
  // Telegraf does not sort fields by default: keep its map order, not alphabetical.
  return {
    usage_user: user,
    usage_system: system,
    usage_idle: idle,
    usage_nice: 0,
    usage_iowait: iowait,
    usage_irq: 0,
    usage_softirq: softirq,
    usage_steal: 0,
    usage_guest: 0,
    usage_guest_nice: 0,
  };
}

function memFields(usedPct: number): Record<string, number> {
  const used = Math.round((TOTAL_BYTES * usedPct) / 100);
  const available = TOTAL_BYTES - used;
  return {
    active: Math.round(used * 0.8),
    available,
    available_percent: (available / TOTAL_BYTES) * 100,
    buffered: 412_000_256,
    cached: Math.round(available * 0.6),
    free: Math.round(available * 0.3),
    inactive: Math.round(available * 0.5),
    total: TOTAL_BYTES,
    used,
    used_percent: usedPct,
  };
}

const INT_FIELDS = new Set([
  'active',
  'available',
  'buffered',
  'cached',
  'free',
  'inactive',
  'total',
  'used',
]);

function lp(
  measurement: string,
  tags: Record<string, string>,
  fields: Record<string, number>,
  tMs: number,
): string {
  const t = Object.entries(tags)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `,${k}=${v}`)
    .join('');
  const f = Object.entries(fields)
    .map(([k, v]) => `${k}=${INT_FIELDS.has(k) ? `${v}i` : String(v)}`)
    .join(',');
  return `${measurement}${t} ${f} ${BigInt(tMs) * 1_000_000n}`;
}

interface NodeGen {
  host: string;
  cpuMean: number;
  cpuPeak: number;
  mem: number;
  memSd: number;
  memSlope: number;
  /** Sample indexes with no data (Telegraf down). */
  skip?: (i: number) => boolean;
}

function nodeLines(
  g: NodeGen,
  start: number,
  n: number,
  intervalMs: number,
  seed: number,
  perCpu = 4,
): string[] {
  const r = rng(seed);
  const cpu = cpuSeries(r, n, g.cpuMean, g.cpuPeak);
  const mem = memSeries(r, n, g.mem, g.memSd, g.memSlope);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    if (g.skip?.(i)) continue;
    const t = start + i * intervalMs;
    out.push(lp('cpu', { cpu: 'cpu-total', host: g.host }, cpuFields(cpu[i]!, r), t));
    for (let c = 0; c < perCpu; c++) {
      out.push(
        lp('cpu', { cpu: `cpu${c}`, host: g.host }, cpuFields(Math.min(100, cpu[i]! * (0.5 + r())), r), t),
      );
    }
    out.push(lp('mem', { host: g.host }, memFields(mem[i]!), t));
    out.push(
      `system,host=${g.host} load1=${(cpu[i]! / 25).toFixed(2)},load5=${(g.cpuMean / 25).toFixed(2)},load15=${(g.cpuMean / 25).toFixed(2)},n_cpus=${perCpu}i,n_users=1i ${BigInt(t) * 1_000_000n}`,
    );
  }
  return out;
}

/** Telegraf CSV (csv_header = true) for one measurement, columns as Telegraf orders them. */
function csvFile(
  measurement: 'cpu' | 'mem',
  g: NodeGen,
  start: number,
  n: number,
  intervalMs: number,
  seed: number,
): string {
  const r = rng(seed);
  const cpu = cpuSeries(r, n, g.cpuMean, g.cpuPeak);
  const mem = memSeries(r, n, g.mem, g.memSd, g.memSlope);
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    if (g.skip?.(i)) continue;
    const ts = Math.round((start + i * intervalMs) / 1000);
    if (measurement === 'cpu') {
      const f = cpuFields(cpu[i]!, r);
      const keys = Object.keys(f).sort();
      if (rows.length === 0) rows.push(['timestamp', 'measurement', 'cpu', 'host', ...keys].join(','));
      rows.push([ts, 'cpu', 'cpu-total', g.host, ...keys.map((k) => f[k])].join(','));
    } else {
      const f = memFields(mem[i]!);
      const keys = Object.keys(f).sort();
      if (rows.length === 0) rows.push(['timestamp', 'measurement', 'host', ...keys].join(','));
      rows.push([ts, 'mem', g.host, ...keys.map((k) => f[k])].join(','));
    }
  }
  return `${rows.join('\n')}\n`;
}

function writeRun(id: string, manifest: string, files: Record<string, string>): void {
  const dir = path.join(ROOT, id);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'metrics'), { recursive: true });
  writeFileSync(path.join(dir, 'run.yaml'), manifest);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
}

const INTERVAL_MS = 5000;
const N = 120; // 10 minutes at 5 s

// single-node-20: the complete reference run (server + one node with 20 bots).
{
  const start = Date.parse('2025-06-19T14:00:00Z');
  const server: NodeGen = {
    host: 'luanti-server',
    cpuMean: 1.44,
    cpuPeak: 3.1,
    mem: 91.7,
    memSd: 0.04,
    memSlope: 0.0004,
  };
  const bots: NodeGen = {
    host: 'bots-1',
    cpuMean: 6.8,
    cpuPeak: 11.9,
    mem: 38.2,
    memSd: 0.15,
    memSlope: 0.001,
  };
  writeRun(
    'single-node-20',
    `# Reference run: one Luanti server and one node running all 20 bots.
id: single-node-20
title: Single bot node, 20 bots
start: 2025-06-19T14:00:00Z
duration: 10m
interval: 5s
nodes:
  - { host: luanti-server, role: server }
  - { host: bots-1, role: bots, bots: 20 }
sources:
  - path: metrics/luanti-server.lp
  - path: metrics/bots-1-*.csv
`,
    {
      'metrics/luanti-server.lp': `${nodeLines(server, start, N, INTERVAL_MS, 1).join('\n')}\n`,
      'metrics/bots-1-cpu.csv': csvFile('cpu', bots, start, N, INTERVAL_MS, 2),
      'metrics/bots-1-mem.csv': csvFile('mem', bots, start, N, INTERVAL_MS, 3),
    },
  );
}

// distributed-20: the story's failure. Telegraf never reached the benchmark nodes; the only
// data in the export comes from the InfluxDB host itself, which is not a node of the run.
{
  const start = Date.parse('2025-06-20T10:00:00Z');
  const influxHost: NodeGen = {
    host: 'influx-db',
    cpuMean: 0.9,
    cpuPeak: 2.2,
    mem: 22.5,
    memSd: 0.05,
    memSlope: 0,
  };
  writeRun(
    'distributed-20',
    `# The 3-node distributed run (1 server, 2 bot nodes of 10 bots) whose Telegraf never reached
# the nodes: the export holds no sample from any of them.
id: distributed-20
title: Distributed, 2 bot nodes x 10 bots
start: 2025-06-20T10:00:00Z
end: 2025-06-20T10:10:00Z
interval: 5s
nodes:
  - host: luanti-server
    role: server
  - host: bots-a
    role: bots
    bots: 10
  - host: bots-b
    role: bots
    bots: 10
sources:
  - path: metrics/*.lp
`,
    {
      'metrics/influx-export.lp': `# influx export of database telegraf for the run window\n${nodeLines(influxHost, start, N, INTERVAL_MS, 4, 2).join('\n')}\n`,
    },
  );
}

// distributed-20-partial: the server reported, bots-a lost 3 minutes mid-run, bots-b never
// reported; the server's file also has a few malformed and out-of-window lines.
{
  const start = Date.parse('2025-06-21T09:00:00Z');
  const server: NodeGen = {
    host: 'luanti-server',
    cpuMean: 1.52,
    cpuPeak: 3.4,
    mem: 91.9,
    memSd: 0.05,
    memSlope: 0.0005,
  };
  const botsA: NodeGen = {
    host: 'bots-a',
    cpuMean: 3.6,
    cpuPeak: 6.5,
    mem: 31.4,
    memSd: 0.1,
    memSlope: 0.0008,
    skip: (i) => i >= 48 && i < 84,
  };
  const serverLines = nodeLines(server, start, N, INTERVAL_MS, 5);
  serverLines.splice(10, 0, 'cpu,cpu=cpu-total,host=luanti-server usage_idle=ninety 1750496450000000000');
  serverLines.splice(200, 0, 'mem,host=luanti-server used_percent=91.8,total=16653647872i');
  serverLines.splice(300, 0, 'cpu,cpu=cpu-total,host=luanti-server');
  const before = lp('mem', { host: 'luanti-server' }, memFields(91.5), start - 60_000);
  writeRun(
    'distributed-20-partial',
    `# The distributed layout again: bots-b's Telegraf never started, bots-a's stopped for 3 minutes.
id: distributed-20-partial
title: Distributed, 2 bot nodes x 10 bots (partial metrics)
start: 2025-06-21T09:00:00Z
duration: 10m
interval: 5s
baseline: single-node-20
nodes:
  - { host: luanti-server, role: server }
  - { host: bots-a, role: bots, bots: 10 }
  - { host: bots-b, role: bots, bots: 10 }
sources:
  - path: metrics/luanti-server.lp
  - path: metrics/bots-a.lp
`,
    {
      'metrics/luanti-server.lp': `${[before, ...serverLines].join('\n')}\n`,
      'metrics/bots-a.lp': `${nodeLines(botsA, start, N, INTERVAL_MS, 6).join('\r\n')}\r\n`,
    },
  );
}

// ---- Runs for comparisons (repeated runs sharing a group) and scaling across bot counts. ----
// Sample noise is AR(1) (phi 0.6), as real utilisation is: a busy interval is followed by a busy
// one. Only cpu-total, mem and system are written to keep the files small.

/** AR(1) series around `mean` with marginal standard deviation `sd`. */
function arSeries(r: () => number, n: number, mean: number, sd: number, phi = 0.6): number[] {
  const innov = sd * Math.sqrt(1 - phi * phi);
  let e = sd * gauss(r);
  return Array.from({ length: n }, () => {
    e = phi * e + innov * gauss(r);
    return Math.min(99.9, Math.max(0.05, mean + e));
  });
}

interface ArNode {
  host: string;
  cpu: number;
  cpuSd: number;
  mem: number;
  memSd: number;
}

function arNodeLines(g: ArNode, start: number, n: number, intervalMs: number, seed: number): string[] {
  const r = rng(seed);
  const cpu = arSeries(r, n, g.cpu, g.cpuSd);
  const mem = arSeries(r, n, g.mem, g.memSd, 0.9);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = start + i * intervalMs;
    out.push(lp('cpu', { cpu: 'cpu-total', host: g.host }, cpuFields(cpu[i]!, r), t));
    out.push(lp('mem', { host: g.host }, memFields(mem[i]!), t));
    out.push(`system,host=${g.host} load1=${(cpu[i]! / 25).toFixed(2)},n_cpus=4i ${BigInt(t) * 1_000_000n}`);
  }
  return out;
}

const AR_INTERVAL_MS = 10_000;
const AR_N = 60; // 10 minutes at 10 s

interface ArRun {
  id: string;
  comment: string;
  start: string;
  group?: string;
  luanti: string;
  server: ArNode | null;
  bots: { node: ArNode; bots: number; reported: boolean }[];
  seed: number;
}

function writeArRun(run: ArRun): void {
  const start = Date.parse(run.start);
  const nodes = [
    '  - { host: luanti-server, role: server }',
    ...run.bots.map((b) => `  - { host: ${b.node.host}, role: bots, bots: ${b.bots} }`),
  ];
  const files: Record<string, string> = {};
  if (run.server)
    files['metrics/luanti-server.lp'] =
      `${arNodeLines(run.server, start, AR_N, AR_INTERVAL_MS, run.seed).join('\n')}\n`;
  run.bots.forEach((b, i) => {
    if (b.reported)
      files[`metrics/${b.node.host}.lp`] =
        `${arNodeLines(b.node, start, AR_N, AR_INTERVAL_MS, run.seed + 100 + i).join('\n')}\n`;
  });
  writeRun(
    run.id,
    `# ${run.comment}
id: ${run.id}
start: ${new Date(start).toISOString().replace('.000Z', 'Z')}
duration: 10m
interval: 10s
${run.group ? `group: ${run.group}\n` : ''}versions: { luanti: "${run.luanti}" }
nodes:
${nodes.join('\n')}
sources:
  - path: metrics/*.lp
`,
    files,
  );
}

// rep-base-1..4 and rep-cand-1..4: four repetitions each of a 20-bot run; the candidate's server
// CPU is 30% higher (20% → 26%). Run-to-run variation of the mean is small (sd 0.2 points).
for (const [side, cpu, luanti, day] of [
  ['base', 20, '5.11.0', 22],
  ['cand', 26, '5.12.0', 23],
] as const) {
  const r = rng(side === 'base' ? 1000 : 2000);
  for (let k = 1; k <= 4; k++) {
    writeArRun({
      id: `rep-${side}-${k}`,
      comment: `Repetition ${k} of the ${side === 'base' ? 'baseline' : 'candidate'} configuration (group rep-${side}).`,
      start: `2025-06-${day}T${String(9 + k).padStart(2, '0')}:00:00Z`,
      group: `rep-${side}`,
      luanti,
      server: {
        host: 'luanti-server',
        cpu: cpu + 0.2 * gauss(r),
        cpuSd: 1.5,
        mem: 60 + 0.1 * gauss(r),
        memSd: 0.1,
      },
      bots: [
        {
          node: { host: 'bots-1', cpu: 40 + 0.3 * gauss(r), cpuSd: 2, mem: 35 + 0.1 * gauss(r), memSd: 0.1 },
          bots: 20,
          reported: true,
        },
      ],
      seed: (side === 'base' ? 3000 : 4000) + k,
    });
  }
}

// rep-base-nobots: the baseline configuration again, but the bot node's Telegraf never reported.
writeArRun({
  id: 'rep-base-nobots',
  comment: "The baseline configuration, but bots-1's Telegraf never reported.",
  start: '2025-06-24T10:00:00Z',
  luanti: '5.11.0',
  server: { host: 'luanti-server', cpu: 20, cpuSd: 1.5, mem: 60, memSd: 0.1 },
  bots: [{ node: { host: 'bots-1', cpu: 40, cpuSd: 2, mem: 35, memSd: 0.1 }, bots: 20, reported: false }],
  seed: 5000,
});

// scaling-N: server CPU grows with the bots (2% + 0.18% per bot), memory slightly; bot nodes
// carry at most 50 bots each. scaling-75's server never reported, so a scaling report excludes it.
for (const bots of [10, 25, 50, 75, 100]) {
  const perNode = bots > 50 ? [Math.ceil(bots / 2), Math.floor(bots / 2)] : [bots];
  writeArRun({
    id: `scaling-${bots}`,
    comment: `Scaling series: ${bots} bots on ${perNode.length} bot node(s).${bots === 75 ? " The server's Telegraf never reported." : ''}`,
    start: `2025-06-25T${String(8 + [10, 25, 50, 75, 100].indexOf(bots)).padStart(2, '0')}:00:00Z`,
    luanti: '5.11.0',
    server:
      bots === 75
        ? null
        : { host: 'luanti-server', cpu: 2 + 0.18 * bots, cpuSd: 1, mem: 40 + 0.05 * bots, memSd: 0.1 },
    bots: perNode.map((b, i) => ({
      node: { host: `bots-${i + 1}`, cpu: 1.2 * b, cpuSd: 2, mem: 30 + 0.2 * b, memSd: 0.1 },
      bots: b,
      reported: true,
    })),
    seed: 6000 + bots,
  });
}

console.log(`fixtures written to ${path.relative(process.cwd(), ROOT)}`);

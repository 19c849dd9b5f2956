// Regenerates the fixture runs under fixtures/runs from a fixed seed: Telegraf-shaped line
// protocol and CSV as a real cluster would leave them, mirroring the story in DEVELOPERS.md.
// Usage: npm run fixtures   (then `npm run golden` to refresh the expected reports)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom as rng } from '../src/model/random.js';

const ROOT = path.resolve(import.meta.dirname, '..', 'fixtures', 'runs');

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
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), content);
  }
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

// ---- Luanti-harness runs with logs (issue 4): headerless Telegraf CSV per node, server, bot and
// Telegraf logs, and the benchmark mod's step-time file.

const MEM_COLUMNS = [
  'active',
  'available',
  'available_percent',
  'buffered',
  'cached',
  'commit_limit',
  'committed_as',
  'dirty',
  'free',
  'high_free',
  'high_total',
  'huge_page_size',
  'huge_pages_free',
  'huge_pages_total',
  'inactive',
  'low_free',
  'low_total',
  'mapped',
  'page_tables',
  'shared',
  'slab',
  'sreclaimable',
  'sunreclaim',
  'swap_cached',
  'swap_free',
  'swap_total',
  'total',
  'used',
  'used_percent',
  'vmalloc_chunk',
  'vmalloc_total',
  'vmalloc_used',
  'write_back',
  'write_back_tmp',
];

/**
 * Headerless Telegraf CSV as the Luanti harness leaves it (csv_header = false, core_tags,
 * report_active, collect_cpu_time): per sample a cpu-total time_* row, a usage_* row (not on the
 * first sample, and never when `countersOnly`), a mem row and a quoted system uptime row.
 */
function headerlessCsv(
  g: NodeGen,
  start: number,
  n: number,
  intervalMs: number,
  seed: number,
  countersOnly = false,
): string {
  const r = rng(seed);
  const cpu = cpuSeries(r, n, g.cpuMean, g.cpuPeak);
  const mem = memSeries(r, n, g.mem, g.memSd, g.memSlope);
  const ncpu = 4;
  const c = {
    user: 81234.5,
    system: 20211.25,
    idle: 9_876_543.21,
    nice: 12.5,
    iowait: 345.67,
    irq: 0,
    softirq: 456.78,
    steal: 0,
  };
  const rows: string[] = [];
  const r2 = (x: number) => Math.round(x * 100) / 100;
  for (let i = 0; i < n; i++) {
    const ts = Math.round((start + i * intervalMs) / 1000);
    if (!g.skip?.(i)) {
      const cpuSeconds = (intervalMs / 1000) * ncpu;
      const busy = (cpu[i]! / 100) * cpuSeconds;
      c.idle += cpuSeconds - busy;
      c.user += busy * 0.7;
      c.system += busy * 0.25;
      c.softirq += busy * 0.05;
      const active = c.user + c.system + c.nice + c.iowait + c.irq + c.softirq + c.steal;
      const t = [active, 0, 0, c.idle, c.iowait, c.irq, c.nice, c.softirq, c.steal, c.system, c.user].map(r2);
      rows.push([ts, 'cpu', '', 'cpu-total', g.host, '', ...t].join(','));
      if (i > 0 && !countersOnly) {
        const f = cpuFields(cpu[i]!, r);
        const u = [
          cpu[i]!,
          0,
          0,
          f.usage_idle,
          f.usage_iowait,
          0,
          0,
          f.usage_softirq,
          0,
          f.usage_system,
          f.usage_user,
        ];
        rows.push([ts, 'cpu', '', 'cpu-total', g.host, '', ...u].join(','));
      }
      const mf: Record<string, number> = memFields(mem[i]!);
      rows.push([ts, 'mem', g.host, ...MEM_COLUMNS.map((k) => mf[k] ?? 0)].join(','));
      rows.push(
        `${ts},system,${g.host},"12 days, ${String(10 + Math.floor(i / 720)).padStart(2, ' ')}:${String(Math.floor((i * 5) / 60) % 60).padStart(2, '0')}"`,
      );
    }
  }
  return `${rows.join('\n')}\n`;
}

/** `YYYY-MM-DD HH:MM:SS` of an epoch-ms time shifted by `offsetHours` (Luanti logs local time). */
function localStamp(ms: number, offsetHours: number): string {
  return new Date(ms + offsetHours * 3_600_000).toISOString().replace('T', ' ').slice(0, 19);
}

// logs-18-of-20: 20 bots declared on two nodes, but only 18 joined the server: bots-b's log shows
// two bots failing to connect. Server times are local (Europe/Amsterdam, UTC+2 in June); the server
// log has a Latin-1 line, CRLF line ends, a Separator block and interleaved lines. bots-b's Telegraf
// collects time_* counters only, so its CPU comes from counters.
{
  const start = Date.parse('2025-06-22T12:00:00Z');
  const tz = 2;
  const server: NodeGen = {
    host: 'luanti-server',
    cpuMean: 2.1,
    cpuPeak: 6.2,
    mem: 12.4,
    memSd: 0.05,
    memSlope: 0.0004,
  };
  const botsA: NodeGen = {
    host: 'bots-a',
    cpuMean: 4.2,
    cpuPeak: 8.1,
    mem: 8.5,
    memSd: 0.08,
    memSlope: 0.0005,
  };
  const botsB: NodeGen = {
    host: 'bots-b',
    cpuMean: 3.5,
    cpuPeak: 7.4,
    mem: 8.1,
    memSd: 0.08,
    memSlope: 0.0002,
  };
  const names = (node: string, k: number) =>
    Array.from({ length: k }, (_, i) => `${node === 'bots-a' ? 'a' : 'b'}bot${i + 1}`);
  const joined = [...names('bots-a', 10), ...names('bots-b', 8)];
  const L = (ms: number, level: string, thread: string, text: string) =>
    `${localStamp(ms, tz)}: ${level}[${thread}]: ${text}`;
  const log: string[] = [
    '',
    '',
    '-------------',
    '  Separator',
    '-------------',
    '',
    L(start - 30_000, 'ACTION', 'Main', 'World at [/srv/luanti/worlds/bench]'),
    L(start - 29_000, 'ACTION', 'Main', 'Server for gameid="minetest" listening on 0.0.0.0:30000.'),
    L(
      start - 28_000,
      'WARNING',
      'Main',
      'Mod "caf\xe9_deco" a d\xe9j\xe0 charg\xe9 (Latin-1 bytes, as a French locale writes them)',
    ),
  ];
  const online: string[] = [];
  joined.forEach((p, i) => {
    online.push(p);
    log.push(
      L(
        start + 2000 + i * 500,
        'ACTION',
        'Server',
        `${p} [10.0.0.${i < 10 ? 2 : 3}] joins game. List of players: ${online.join(' ')} ${p}`,
      ),
    );
    if (i === 9)
      log.push(L(start + 7000, 'INFO', 'Server', 'Server: Maximum lag peaked at 0.12 (steplen=0.09)'));
  });
  log.push(L(start + 240_000, 'WARNING', 'Server', 'Server: Maximum lag peaked at 1.31 (steplen=0.09)'));
  log.push(
    L(
      start + 300_000,
      'ACTION',
      'Server',
      `${online.shift()} times out. List of players: ${online.join(' ')} `,
    ),
  );
  for (let i = 0; online.length > 0; i++) {
    const p = online.shift()!;
    log.push(
      L(
        start + 590_000 + i * 100,
        'ACTION',
        'Server',
        `${p} leaves game. List of players: ${online.join(' ')} `,
      ),
    );
  }
  log.push(L(start + 599_000, 'ACTION', 'Main', 'Server: Shutting down'));
  const botLog = (node: string, ready: number, failed: number) => {
    const out = [`Starting ${ready + failed} walkbots against luanti-server:30000`];
    for (const n of names(node, ready))
      out.push(
        `[${n}] Bot is ready and authenticated!`,
        `[${n}] Initial position set: (0, 8.5, 0) (Y fixed to 8.5)`,
      );
    for (let k = 0; k < failed; k++)
      out.push(
        `[${node === 'bots-a' ? 'a' : 'b'}bot${ready + k + 1}] Failed to connect: connection timed out`,
      );
    for (const n of names(node, ready)) out.push(`[${n}] Quitting after time limit...`);
    return `${out.join('\n')}\n`;
  };
  // Mod step file: a row every 100 steps (~5 s), clock = server uptime; header with a literal \t as in the real file.
  const rt = rng(41);
  const ticks = ['timestamp_tick\\tplayers\\tuptime_s\\tstep_ms'];
  for (let i = 1; i <= 120; i++) {
    const players = i < 8 ? 0 : i < 118 ? (i < 60 ? 18 : 17) : 0;
    const step = i === 48 ? 131.2 : 50 + (players > 0 ? 1.5 : 0.15) * gauss(rt) + (players > 0 ? -2 : 0);
    ticks.push(`${i * 100}\t${players}\t${(30 + i * 5.0).toFixed(1)}\t${step.toFixed(2)}`);
  }
  const dir = 'logs-18-of-20';
  writeRun(
    dir,
    `# Luanti-harness run: 20 bots declared, 18 joined (bots-b: 2 failed to connect).
id: logs-18-of-20
title: Two bot nodes x 10 bots, 18 joined
start: 2025-06-22T12:00:00Z
duration: 10m
interval: 5s
timezone: Europe/Amsterdam
nodes:
  - { host: luanti-server, role: server }
  - { host: bots-a, role: bots, bots: 10 }
  - { host: bots-b, role: bots, bots: 10 }
sources:
  - path: metrics/metrics-*.csv
logs:
  - path: logs/debug.txt
  - path: logs/walkbot_*.log
  - path: logs/tick_metrics.tsv
`,
    {
      'metrics/metrics-luanti-server.csv': headerlessCsv(server, start, N, INTERVAL_MS, 51),
      'metrics/metrics-bots-a.csv': headerlessCsv(botsA, start, N, INTERVAL_MS, 52),
      'metrics/metrics-bots-b.csv': headerlessCsv(botsB, start, N, INTERVAL_MS, 53, true),
      'logs/walkbot_bots-a.log': botLog('bots-a', 10, 0),
      'logs/walkbot_bots-b.log': botLog('bots-b', 8, 2),
      'logs/tick_metrics.tsv': `${ticks.join('\n')}\n`,
    },
  );
  // Latin-1 bytes and CRLF line ends, as a Windows or French-locale server writes them.
  writeFileSync(path.join(ROOT, dir, 'logs', 'debug.txt'), Buffer.from(`${log.join('\r\n')}\r\n`, 'latin1'));
}

// server-error: the server dies 4 minutes in with a mod runtime error; bots-1's Telegraf could
// not reach InfluxDB, so its metrics are missing and its own log says why.
{
  const start = Date.parse('2025-06-23T08:00:00Z');
  const server: NodeGen = {
    host: 'luanti-server',
    cpuMean: 1.8,
    cpuPeak: 4.4,
    mem: 11.2,
    memSd: 0.04,
    memSlope: 0.0003,
    skip: (i) => i >= 50,
  };
  const L = (ms: number, level: string, thread: string, text: string) =>
    `${localStamp(ms, 0)}: ${level}[${thread}]: ${text}`;
  const log: string[] = [
    L(start - 20_000, 'ACTION', 'Main', 'Server for gameid="minetest" listening on [::]:30000.'),
  ];
  for (let i = 0; i < 5; i++)
    log.push(
      L(
        start + 1000 + i * 500,
        'ACTION',
        'Server',
        `bot${i + 1} [10.0.0.2] joins game. List of players: ${Array.from({ length: i + 1 }, (_, k) => `bot${k + 1}`).join(' ')}`,
      ),
    );
  log.push(
    L(
      start + 245_000,
      'ERROR',
      'Main',
      "ServerError: AsyncErr: Lua: Runtime error from mod 'bench_tools' in callback on_step(): ...bench_tools/init.lua:42: attempt to index a nil value",
    ),
    L(start + 245_000, 'ERROR', 'Main', 'stack traceback:'),
    L(start + 245_000, 'ERROR', 'Main', "\t[C]: in function 'error'"),
  );
  const telegraf = [
    '2025-06-23T07:59:50Z I! Starting Telegraf 1.30.1 brought to you by InfluxData the makers of InfluxDB',
    '2025-06-23T07:59:50Z I! [agent] Config: Interval:5s, Quiet:false, Hostname:"bots-1", Flush Interval:10s',
    '2025-06-23T08:00:10Z E! [outputs.influxdb] When writing to [http://10.0.0.9:8086]: failed doing req: Post "http://10.0.0.9:8086/write?db=telegraf": dial tcp 10.0.0.9:8086: connect: connection refused',
    '2025-06-23T08:00:10Z E! [agent] Error writing to outputs.influxdb: could not write any address',
    '2025-06-23T08:00:20Z W! [outputs.influxdb] Metric buffer overflow; 120 metrics have been dropped',
    '2025-06-23T08:00:20Z E! [agent] Error writing to outputs.influxdb: could not write any address',
  ];
  writeRun(
    'server-error',
    `# The server crashed 4 minutes in (ServerError in a mod); bots-1 has no metrics: its Telegraf could not write.
id: server-error
title: Server crash mid-run
start: 2025-06-23T08:00:00Z
duration: 10m
interval: 5s
nodes:
  - { host: luanti-server, role: server }
  - { host: bots-1, role: bots, bots: 5 }
sources:
  - path: metrics/luanti-server.lp
logs:
  - { path: logs/debug.txt, kind: luanti }
  - { path: logs/telegraf.log, host: bots-1 }
`,
    {
      'metrics/luanti-server.lp': `${nodeLines(server, start, N, INTERVAL_MS, 61).join('\n')}\n`,
      'logs/debug.txt': `${log.join('\n')}\n`,
      'logs/telegraf.log': `${telegraf.join('\n')}\n`,
    },
  );
}

// Yardstick results directory (lineage A): run.json and Flux annotated-CSV exports, no manifest of
// ours. cpu.csv holds two tables of different shape (the multi-table trap), CRLF as Flux writes.
{
  const ydir = path.resolve(ROOT, '..', 'yardstick', 'walkaround-20260919-101500');
  rmSync(ydir, { recursive: true, force: true });
  mkdirSync(ydir, { recursive: true });
  const start = Date.parse('2026-09-19T10:15:00Z');
  const n = 60;
  const nodesY = [
    { ip: '10.0.0.1', role: 'server', cpu: 22, mem: 41 },
    { ip: '10.0.0.2', role: 'workload', cpu: 61, mem: 37 },
  ];
  const r = rng(71);
  const cpuRows: string[] = [];
  const memRows: string[] = [];
  const ann = (types: string[], groups: string[]) => [
    `#datatype,${types.join(',')}`,
    `#group,${groups.join(',')}`,
    `#default,_result${','.repeat(types.length - 1)}`,
  ];
  nodesY.forEach((nd, k) => {
    const cpu = cpuSeries(r, n, nd.cpu, nd.cpu * 1.4);
    const mem = memSeries(r, n, nd.mem, 0.1, 0.001);
    if (k > 0) cpuRows.push('');
    cpuRows.push(
      ...ann(
        [
          'string',
          'long',
          'dateTime:RFC3339',
          'dateTime:RFC3339',
          'dateTime:RFC3339',
          'double',
          'string',
          'string',
          'string',
          'string',
          'string',
          'string',
        ],
        ['false', 'false', 'true', 'true', 'false', 'false', 'true', 'true', 'true', 'true', 'true', 'true'],
      ),
      ',result,table,_start,_stop,_time,_value,_field,_measurement,cpu,host,yardstick_node,yardstick_role',
    );
    for (let i = 0; i < n; i++)
      cpuRows.push(
        `,,${k},2026-09-19T10:15:00Z,2026-09-19T10:20:00Z,${new Date(start + i * 5000).toISOString().replace('.000', '')},${100 - cpu[i]!},usage_idle,cpu,cpu-total,node${k + 1},${nd.ip},${nd.role}`,
      );
    if (k > 0) memRows.push('');
    memRows.push(
      ...ann(
        ['string', 'long', 'dateTime:RFC3339', 'double', 'string', 'string', 'string', 'string', 'string'],
        ['false', 'false', 'false', 'false', 'true', 'true', 'true', 'true', 'true'],
      ),
      ',result,table,_time,_value,_field,_measurement,host,yardstick_node,yardstick_role',
    );
    for (let i = 0; i < n; i++)
      memRows.push(
        `,,${k},${new Date(start + i * 5000).toISOString().replace('.000', '')},${mem[i]!},used_percent,mem,node${k + 1},${nd.ip},${nd.role}`,
      );
  });
  writeFileSync(path.join(ydir, 'cpu.csv'), `${cpuRows.join('\r\n')}\r\n\r\n`);
  writeFileSync(path.join(ydir, 'mem.csv'), `${memRows.join('\r\n')}\r\n\r\n`);
  const runJson = {
    workload: 'walkaround',
    game: 'minecraft',
    started_at: '2026-09-19T10:15:00+00:00',
    finished_at: '2026-09-19T10:20:00+00:00',
    duration_s: 300.0,
    total_bots: 16,
    hosts: ['10.0.0.1', '10.0.0.2'],
    server_host: '10.0.0.1',
    workload_hosts: ['10.0.0.2'],
    influxdb_host: '10.0.0.2',
    config: {
      game: { type: 'minecraft', version: '1.21.11' },
      workload: { type: 'walkaround', bots_per_node: 16 },
      deployment: { mode: 'local', hosts: ['10.0.0.1', '10.0.0.2'], wd: '/tmp/yardstick', server_host: null },
      monitoring: { enabled: true, jolokia: false, minecraft_ticks: false, influxdb_placement: 'workload' },
      output: { dir: 'results', keep_node_data: false },
    },
    files: ['cpu.csv', 'mem.csv'],
    workload_saturation: { checked: true, ok: true, findings: [] },
  };
  writeFileSync(path.join(ydir, 'run.json'), `${JSON.stringify(runJson, null, 2)}\n`);
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

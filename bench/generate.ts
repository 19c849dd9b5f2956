// Generates synthetic Telegraf runs of a given size for the benchmark: one file per node, in
// InfluxDB line protocol (all the default Telegraf inputs, so most lines are ones the report
// ignores) or in Telegraf CSV with a header (one file per node and measurement, as Telegraf's
// csv serializer requires). Seeded, so the same size always gives the same bytes.
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { seededRandom as rng } from '../src/model/random.js';

export type BenchFormat = 'lp' | 'csv';

/** Lines per node per tick: cpu-total + 4 cores + mem + disk + diskio + kernel + processes + swap + system. */
const LP_LINES_PER_TICK = 12;
/** CSV rows per node per tick: cpu-total + 4 cores (cpu file) + mem (mem file). */
const CSV_ROWS_PER_TICK = 6;
const START = Date.UTC(2025, 0, 1);
const INTERVAL_S = 1;

export interface RunShape {
  nodes: number;
  ticks: number;
  lines: number;
}

/** Nodes × ticks for about `lines` lines: few nodes for small runs, 50 (a real campaign) from 10^6. */
export function shapeFor(lines: number, format: BenchFormat): RunShape {
  const nodes = lines <= 2e4 ? 4 : lines <= 2e5 ? 10 : 50;
  const per = format === 'lp' ? LP_LINES_PER_TICK : CSV_ROWS_PER_TICK;
  const ticks = Math.max(1, Math.round(lines / (nodes * per)));
  return { nodes, ticks, lines: nodes * ticks * per + (format === 'csv' ? nodes * 2 : 0) };
}

function hostName(i: number): string {
  return i === 0 ? 'luanti-server' : `bots-${String(i).padStart(2, '0')}`;
}

function manifest(id: string, shape: RunShape, format: BenchFormat): string {
  const lines = [
    `id: ${id}`,
    `title: Benchmark ${format} run, ${shape.nodes} nodes x ${shape.ticks} s`,
    `start: ${new Date(START).toISOString()}`,
    `end: ${new Date(START + shape.ticks * INTERVAL_S * 1000).toISOString()}`,
    `interval: ${INTERVAL_S}s`,
    'nodes:',
  ];
  for (let i = 0; i < shape.nodes; i++) {
    lines.push(`  - host: ${hostName(i)}`);
    lines.push(i === 0 ? '    role: server' : '    role: bots\n    bots: 10');
  }
  lines.push('sources:', `  - path: metrics/*.${format === 'lp' ? 'lp' : 'csv'}`);
  return `${lines.join('\n')}\n`;
}

/** Writes through a stream in large blocks (string building is the generator's own hot path). */
class BlockWriter {
  private parts: string[] = [];
  private size = 0;
  private stream;
  constructor(file: string) {
    this.stream = createWriteStream(file);
  }
  async write(s: string): Promise<void> {
    this.parts.push(s);
    this.size += s.length;
    if (this.size > 1 << 22) await this.flush();
  }
  private async flush(): Promise<void> {
    const block = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (!this.stream.write(block)) await new Promise((r) => this.stream.once('drain', r));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((r, j) => this.stream.end((e?: Error | null) => (e ? j(e) : r())));
  }
}

const CPU_FIELDS = [
  'usage_guest',
  'usage_guest_nice',
  'usage_idle',
  'usage_iowait',
  'usage_irq',
  'usage_nice',
  'usage_softirq',
  'usage_steal',
  'usage_system',
  'usage_user',
];
const MEM_FIELDS = [
  'active',
  'available',
  'available_percent',
  'buffered',
  'cached',
  'free',
  'inactive',
  'total',
  'used',
  'used_percent',
];

function cpuValues(r: () => number, load: number): number[] {
  const idle = Math.max(0, Math.min(100, 100 - load - (r() - 0.5) * 10));
  const user = (100 - idle) * 0.7;
  return [0, 0, idle, r() * 0.1, 0, 0, r() * 0.2, 0, (100 - idle) * 0.3 - 0.05, user];
}

function memValues(r: () => number, usedPct: number): number[] {
  const total = 16653647872;
  const used = Math.round((total * usedPct) / 100);
  return [
    Math.round(used * 0.8),
    total - used,
    100 - usedPct,
    412000256,
    Math.round((total - used) * 0.6),
    Math.round((total - used) * 0.3),
    Math.round(used * 0.4),
    total,
    used,
    usedPct + r() * 0,
  ];
}

async function writeLpNode(file: string, host: string, seed: number, ticks: number): Promise<void> {
  const r = rng(seed);
  const w = new BlockWriter(file);
  const load = host === 'luanti-server' ? 35 : 15;
  for (let t = 0; t < ticks; t++) {
    const ns = `${START + t * INTERVAL_S * 1000}000000`;
    const cpus = ['cpu-total', 'cpu0', 'cpu1', 'cpu2', 'cpu3'];
    let block = '';
    for (const cpu of cpus) {
      const v = cpuValues(r, load + 10 * Math.sin(t / 300));
      block += `cpu,cpu=${cpu},host=${host} ${CPU_FIELDS.map((f, i) => `${f}=${v[i]}`).join(',')} ${ns}\n`;
    }
    const m = memValues(r, 40 + 10 * Math.sin(t / 900) + r());
    block += `mem,host=${host} ${MEM_FIELDS.map((f, i) => `${f}=${i === 2 || i === 9 ? m[i] : `${m[i]}i`}`).join(',')} ${ns}\n`;
    block += `disk,device=vda1,fstype=ext4,host=${host},mode=rw,path=/ free=${Math.round(r() * 1e11)}i,inodes_free=1234567i,inodes_total=2097152i,inodes_used=862585i,total=105089261568i,used=${Math.round(r() * 1e10)}i,used_percent=${r() * 100} ${ns}\n`;
    block += `diskio,host=${host},name=vda io_time=${t * 13}i,iops_in_progress=0i,merged_reads=120i,merged_writes=${t * 7}i,read_bytes=1048576i,read_time=200i,reads=${t * 3}i,weighted_io_time=${t * 17}i,write_bytes=${t * 4096}i,write_time=${t * 11}i,writes=${t * 5}i ${ns}\n`;
    block += `kernel,host=${host} boot_time=1735600000i,context_switches=${t * 1500}i,entropy_avail=256i,interrupts=${t * 900}i,processes_forked=${t * 3}i ${ns}\n`;
    block += `processes,host=${host} blocked=0i,dead=0i,idle=0i,paging=0i,running=${1 + Math.floor(r() * 4)}i,sleeping=180i,stopped=0i,total=190i,total_threads=400i,unknown=0i,zombies=0i ${ns}\n`;
    block += `swap,host=${host} free=0i,total=0i,used=0i,used_percent=0 ${ns}\n`;
    block += `system,host=${host} load1=${r() * 2},load15=0.5,load5=0.8,n_cpus=4i,n_users=1i,uptime=${t}i,uptime_format="0 days, ${t % 24}:00" ${ns}\n`;
    await w.write(block);
  }
  await w.close();
}

async function writeCsvNode(dir: string, host: string, seed: number, ticks: number): Promise<void> {
  const r = rng(seed);
  const cpu = new BlockWriter(path.join(dir, `${host}-cpu.csv`));
  const mem = new BlockWriter(path.join(dir, `${host}-mem.csv`));
  await cpu.write(`timestamp,measurement,cpu,host,${CPU_FIELDS.join(',')}\n`);
  await mem.write(`timestamp,measurement,host,${MEM_FIELDS.join(',')}\n`);
  const load = host === 'luanti-server' ? 35 : 15;
  for (let t = 0; t < ticks; t++) {
    const s = String(START / 1000 + t * INTERVAL_S);
    let block = '';
    for (const c of ['cpu-total', 'cpu0', 'cpu1', 'cpu2', 'cpu3'])
      block += `${s},cpu,${c},${host},${cpuValues(r, load + 10 * Math.sin(t / 300)).join(',')}\n`;
    await cpu.write(block);
    await mem.write(`${s},mem,${host},${memValues(r, 40 + 10 * Math.sin(t / 900) + r()).join(',')}\n`);
  }
  await cpu.close();
  await mem.close();
}

/**
 * Makes (or reuses, when its stamp matches) the run `bench/data/<format>-<lines>` and returns
 * its directory and shape. Nodes are written two at a time.
 */
export async function generateRun(
  root: string,
  format: BenchFormat,
  lines: number,
): Promise<{ dir: string; id: string; shape: RunShape }> {
  const shape = shapeFor(lines, format);
  const id = `${format}-${lines.toExponential().replace('+', '')}`;
  const dir = path.join(root, id);
  const stampFile = path.join(dir, '.stamp');
  const stamp = JSON.stringify({ v: 1, shape });
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return { dir, id, shape };
  const metrics = path.join(dir, 'metrics');
  mkdirSync(metrics, { recursive: true });
  writeFileSync(path.join(dir, 'run.yaml'), manifest(id, shape, format));
  const jobs: Promise<void>[] = [];
  for (let i = 0; i < shape.nodes; i++) {
    const host = hostName(i);
    jobs.push(
      format === 'lp'
        ? writeLpNode(path.join(metrics, `${host}.lp`), host, 1000 + i, shape.ticks)
        : writeCsvNode(metrics, host, 1000 + i, shape.ticks),
    );
    if (jobs.length >= 2) await Promise.all(jobs.splice(0));
  }
  await Promise.all(jobs);
  writeFileSync(stampFile, stamp);
  return { dir, id, shape };
}

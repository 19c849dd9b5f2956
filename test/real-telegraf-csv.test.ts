// The real headerless Telegraf CSV files of the Yardstick cluster (node001, node002, node031),
// read through a manifest and the whole pipeline, checked against a hand computation.
//
// Hand computation (awk over the raw files; column 10 of a cpu-total row is usage_idle in the
// usage_* row, column 32 of a mem row is used_percent, per telegraf-csv-layouts.ts):
//   awk -F, '$2=="cpu" && $4=="cpu-total" && $10<=100 {b=100-$10; s+=b; c++; if(b>m)m=b}
//            END{printf "n=%d mean=%.6f peak=%.6f\n",c,s/c,m}' metrics-node001.csv
//   awk -F, '$2=="mem" {s+=$32; c++} END{printf "n=%d mean=%.6f\n",c,s/c}' metrics-node001.csv
// gave:
//   node001  cpu n=36 mean=4.375189 peak=31.607925   mem n=37 mean=3.010655 min=1.960381 max=4.287288
//   node002  cpu n=36 mean=0.152343 peak=1.454591    mem n=37 mean=2.035175 min=2.015552 max=2.046159
//   node031  cpu n=35 mean=0.164056 peak=1.541859    mem n=36 mean=2.050001 min=2.028657 max=2.062874
// (The first cpu sample of each node has only time_* counters: Telegraf's usage_* needs two
// samples, hence 36 CPU samples against 37 memory samples.) The test also recomputes these with
// a plain split of each line, independent of the reader.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { build } from '../src/pipeline.js';
import { realFile } from './real-data.js';

const HAND = {
  node001: {
    cpuN: 36,
    cpuMean: 4.375189,
    cpuPeak: 31.607925,
    memN: 37,
    memMean: 3.010655,
    memMin: 1.960381,
    memMax: 4.287288,
  },
  node002: {
    cpuN: 36,
    cpuMean: 0.152343,
    cpuPeak: 1.454591,
    memN: 37,
    memMean: 2.035175,
    memMin: 2.015552,
    memMax: 2.046159,
  },
  node031: {
    cpuN: 35,
    cpuMean: 0.164056,
    cpuPeak: 1.541859,
    memN: 36,
    memMean: 2.050001,
    memMin: 2.028657,
    memMax: 2.062874,
  },
} as const;
type Host = keyof typeof HAND;
const HOSTS = Object.keys(HAND) as Host[];

const files = Object.fromEntries(
  HOSTS.map((h) => [h, realFile('yardstick-telegraf-csv', `metrics-${h}.csv`)]),
) as Record<Host, string | null>;
const present = HOSTS.every((h) => files[h] !== null);

/** Independent recomputation: split each line, no CSV library, no layout table. */
function independent(file: string) {
  const busy: number[] = [];
  const mem: number[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const c = line.split(',');
    if (c[1] === 'cpu' && c[3] === 'cpu-total' && Number(c[9]) <= 100) busy.push(100 - Number(c[9]));
    if (c[1] === 'mem') mem.push(Number(c[31]));
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  return { busy, mem, cpuMean: mean(busy), memMean: mean(mem) };
}

function writeRun(dir: string, extraSource = ''): void {
  // One window covering both Yardstick runs (node031 ran two hours before node001/node002), so
  // every node is partial by coverage but each one's own samples are all inside.
  writeFileSync(
    path.join(dir, 'run.yaml'),
    `id: yardstick-real
start: 2024-06-09T19:53:25Z
end: 2024-06-09T21:59:00Z
interval: 5s
nodes:
  - { host: node001, role: server }
  - { host: node002, role: bots, bots: 16 }
  - { host: node031, role: bots, bots: 16 }
sources:
${HOSTS.map((h) => `  - path: ${JSON.stringify(files[h])}\n`).join('')}${extraSource}`,
  );
}

describe.skipIf(!present)('real headerless Telegraf CSV (Yardstick node001/node002/node031)', () => {
  it('builds a report whose CPU and memory figures match the hand computation', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'br-real-'));
    writeRun(dir);
    const r = await build(dir, { cwd: dir });
    for (const h of HOSTS) {
      const n = r.summary.nodes.find((x) => x.host === h)!;
      const hand = HAND[h];
      const ind = independent(files[h]!);
      expect(n.cpu?.samples).toBe(hand.cpuN);
      expect(ind.busy.length).toBe(hand.cpuN);
      expect(n.cpu?.mean).toBeCloseTo(hand.cpuMean, 5);
      expect(n.cpu?.mean).toBeCloseTo(ind.cpuMean, 9);
      expect(n.cpu?.peak).toBeCloseTo(hand.cpuPeak, 5);
      expect(n.cpu?.provenance.field).toBe('usage_idle');
      expect(n.memory?.samples).toBe(hand.memN);
      expect(n.memory?.mean).toBeCloseTo(hand.memMean, 5);
      expect(n.memory?.mean).toBeCloseTo(ind.memMean, 9);
      expect(n.memory?.min).toBeCloseTo(hand.memMin, 5);
      expect(n.memory?.max).toBeCloseTo(hand.memMax, 5);
    }
    // No row of the three files was rejected; measurements the table does not need are reported as skipped.
    for (const input of r.summary.inputs) {
      expect(input.format).toBe('telegraf-csv-headerless');
      expect(input.rejected).toBe(0);
      expect(input.skipped?.some((s) => s.reason.includes('"net"'))).toBe(true);
    }
    expect(r.markdown).toContain('4.38');
    expect(r.markdown).toContain('31.61');
  });

  it('derives CPU from the time_* counters alone and agrees with Telegraf usage_idle', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'br-real-counters-'));
    // Keep only counter rows of node002: drop every cpu row whose parts add up to 100 (usage rows).
    const src = readFileSync(files.node002!, 'utf8').split('\n');
    const countersOnly = src.filter((l) => {
      const c = l.split(',');
      return !(c[1] === 'cpu' && Number(c[9]) <= 100);
    });
    const f = path.join(dir, 'node002-counters.csv');
    writeFileSync(f, countersOnly.join('\n'));
    writeFileSync(
      path.join(dir, 'run.yaml'),
      `id: counters\nstart: 2024-06-09T21:55:55Z\nend: 2024-06-09T21:59:00Z\ninterval: 5s\nnodes: [{ host: node002, role: bots, bots: 16 }]\nsources: [{ path: node002-counters.csv }]\n`,
    );
    const r = await build(dir, { cwd: dir });
    const n = r.summary.nodes[0]!;
    expect(n.cpu?.provenance.field).toBe('time_*');
    expect(n.cpu?.samples).toBe(36);
    // Counters carry two decimals, so busy % per 5 s interval on 48 cores agrees to ~0.01 points.
    expect(n.cpu?.mean).toBeCloseTo(HAND.node002.cpuMean, 2);
    expect(r.markdown).toContain('node002: CPU busy % is not usage\\_idle but 100 × (1 − Δtime\\_idle');
    expect(r.json).toContain('Δtime_idle');
  });
});

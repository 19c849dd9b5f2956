// CI portion of the fuzz suite: every file format reader, thousands of generated files, fixed seed.
// `npm run fuzz` runs the same harness longer with a fresh seed.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineProtocolReader } from '../../src/sources/line-protocol-reader.js';
import { telegrafCsvReader } from '../../src/sources/telegraf-csv.js';
import { describeFailure, FUZZ_SEED, fuzzReader } from './fuzz-reader.js';
import { lpRecordLine, readerTargets } from './targets.js';

const runs = Number(process.env.FUZZ_RUNS ?? 2000);

describe('fuzzing file readers (fixed seed)', () => {
  for (const t of readerTargets()) {
    it(`${t.reader.name}: ${runs} random/mutated files never crash, hang or lose a record`, async () => {
      const details = await fuzzReader(t.reader, { ...t.options, numRuns: runs, seed: FUZZ_SEED });
      expect(details.failed, describeFailure(details)).toBe(false);
      expect(details.numRuns).toBe(runs);
    });
  }
});

describe('the fuzz harness itself catches a broken reader', () => {
  const fixture = readFileSync(
    path.resolve(import.meta.dirname, '../../fixtures/runs/distributed-20-partial/metrics/bots-a.lp'),
  ).subarray(0, 2000);
  it('reports a reader that throws a plain Error', async () => {
    const broken = { ...lineProtocolReader, read: async () => Promise.reject(new TypeError('boom')) };
    const d = await fuzzReader(broken, { seeds: [fixture], numRuns: 20 });
    expect(d.failed).toBe(true);
    expect(String(d.errorInstance)).toContain('boom');
  });
  it('reports a reader that silently drops a record line', async () => {
    const lossy = {
      ...lineProtocolReader,
      read: (file: string, sink: Parameters<typeof lineProtocolReader.read>[1]) =>
        lineProtocolReader.read(
          file,
          { point: (p, n) => (n === 2 ? undefined : sink.point(p, n)), reject: sink.reject },
          {},
        ),
    };
    const d = await fuzzReader(lossy, { seeds: [fixture], numRuns: 200, isRecordLine: lpRecordLine });
    expect(d.failed).toBe(true);
    expect(String(d.errorInstance)).toMatch(/line 2 .* accounted 0 times/);
  });
  it('reports a reader that hangs', async () => {
    const hung = { ...telegrafCsvReader, read: () => new Promise<void>(() => {}) };
    const d = await fuzzReader(hung, { seeds: [fixture], numRuns: 1, timeoutMs: 200 });
    expect(String(d.errorInstance)).toContain('hung');
  });
});

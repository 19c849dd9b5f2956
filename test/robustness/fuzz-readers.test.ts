// CI portion of the fuzz suite: every file format reader, thousands of generated files, fixed seed.
// `npm run fuzz` runs the same harness longer with a fresh seed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineProtocolReader } from '../../src/sources/line-protocol-reader.js';
import { telegrafCsvReader } from '../../src/sources/telegraf-csv.js';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { checkOutcome, describeFailure, FUZZ_SEED, fuzzReader, readBytes } from './fuzz-reader.js';
import { lpRecordLine, readerTargets } from './targets.js';
import { readFileSync } from 'node:fs';

// 1 000 files per reader keeps the CI portion (five readers) near half a minute; `npm run fuzz` goes longer.
const runs = Number(process.env.FUZZ_RUNS ?? 1000);

describe('fuzzing file readers (fixed seed)', () => {
  for (const t of readerTargets()) {
    it(`${t.reader.name}: ${runs} random/mutated files never crash, hang or lose a record`, async () => {
      const details = await fuzzReader(t.reader, { ...t.options, numRuns: runs, seed: FUZZ_SEED });
      expect(details.failed, describeFailure(details)).toBe(false);
      expect(details.numRuns).toBe(runs);
    });
  }
});

/** Files the fuzzer once broke a reader with (latin1 bytes); each must stay fixed. */
const COUNTEREXAMPLES: { reader: string; bytes: string; why: string }[] = [
  {
    reader: 'line-protocol',
    bytes: 'ó°',
    why: 'a truncated UTF-8 sequence at the end was held back and lost',
  },
  {
    reader: 'line-protocol',
    bytes: 'cpu,host=a f=1 1\n\xef\xbb\xbf',
    why: 'a BOM starting a later chunk was stripped',
  },
  {
    reader: 'telegraf-csv',
    bytes: ' \t\r a\r\n".\r\nx\r\n',
    why: 'csv-parse counted CR and LF apart: lines past the end',
  },
  { reader: 'telegraf-csv', bytes: 'a\nb\nc\n\r##\n,,i"\t#1', why: 'a stray CR shifted the line numbers' },
];

describe('known counterexamples stay fixed', () => {
  for (const c of COUNTEREXAMPLES) {
    it(`${c.reader}: ${c.why}`, async () => {
      const t = readerTargets().find((x) => x.reader.name === c.reader)!;
      const dir = mkdtempSync(path.join(os.tmpdir(), 'fuzz-regress-'));
      try {
        const bytes = Buffer.from(c.bytes, 'latin1');
        checkOutcome(bytes, await readBytes(t.reader, bytes, dir), t.options);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
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

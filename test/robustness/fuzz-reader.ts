// A generic fuzz harness for any FormatReader: random and mutated bytes go to a temp file and the
// reader must never throw anything but InputError, never hang, and account for every record.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { InputError } from '../../src/model/errors.js';
import type { Point } from '../../src/model/types.js';
import type { FormatReader, ReadOptions } from '../../src/sources/reader.js';

/** The fixed seed of the CI fuzz suite; `npm run fuzz` picks its own unless FUZZ_SEED is set. */
export const FUZZ_SEED = 20250619;

/** Bytes that break parsers: separators, quotes, escapes, line ends, NUL, BOM, invalid UTF-8. */
const NASTY: number[][] = [
  [0x0a],
  [0x0d, 0x0a],
  [0x0d],
  [0x00],
  [0x2c],
  [0x20],
  [0x3d],
  [0x22],
  [0x5c],
  [0x23],
  [0x09],
  [0xef, 0xbb, 0xbf],
  [0xff],
  [0xe9],
  [0xc3],
  [0xf0, 0x9f, 0x98],
  [0x1f, 0x8b],
  [0x2d],
  [0x2e],
  [0x65],
  [0x69],
  [0x75],
];

type Mutation =
  | { op: 'insert'; at: number; bytes: number[] }
  | { op: 'delete'; at: number; len: number }
  | { op: 'duplicate'; at: number; len: number }
  | { op: 'truncate'; at: number }
  | { op: 'flip'; at: number; byte: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    op: fc.constant('insert' as const),
    at: fc.nat(),
    bytes: fc.oneof(fc.constantFrom(...NASTY), fc.array(fc.nat(255), { maxLength: 8 })),
  }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('flip' as const), at: fc.nat(), byte: fc.nat(255) }),
);

function mutate(seed: Buffer, ops: Mutation[]): Buffer {
  let b = seed;
  for (const m of ops) {
    const at = b.length === 0 ? 0 : m.at % (b.length + 1);
    switch (m.op) {
      case 'insert':
        b = Buffer.concat([b.subarray(0, at), Buffer.from(m.bytes), b.subarray(at)]);
        break;
      case 'delete':
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + m.len)]);
        break;
      case 'duplicate':
        b = Buffer.concat([b.subarray(0, at + m.len), b.subarray(at)]);
        break;
      case 'truncate':
        b = b.subarray(0, at);
        break;
      case 'flip':
        if (at < b.length) b = Buffer.concat([b.subarray(0, at), Buffer.from([m.byte]), b.subarray(at + 1)]);
        break;
    }
  }
  return b;
}

/** File contents: mutated seeds (sometimes gzipped), random text lines, or raw random bytes. */
export function contentArbitrary(
  seeds: Buffer[],
  extraLines: fc.Arbitrary<string>[] = [],
): fc.Arbitrary<Buffer> {
  const lineText = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 80 }),
    fc.string({
      unit: fc.constantFrom(',', ' ', '=', '"', '\\', '#', 'a', '1', '.', 'i', 'T', '\t', '\r'),
      maxLength: 40,
    }),
    ...extraLines,
  );
  const mutated = fc
    .tuple(fc.constantFrom(...seeds), fc.array(mutation, { minLength: 1, maxLength: 6 }))
    .map(([s, ops]) => mutate(s, ops));
  return fc.oneof(
    { weight: 5, arbitrary: mutated },
    { weight: 1, arbitrary: mutated.map((b) => gzipSync(b)) },
    { weight: 1, arbitrary: mutated.map((b) => gzipSync(b).subarray(0, Math.max(2, b.length >> 1))) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.array(lineText, { maxLength: 20 }), fc.constantFrom('\n', '\r\n'))
        .map(([ls, eol]) => Buffer.from(ls.join(eol))),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((a) => Buffer.from(a)) },
  );
}

/** A failed run as one readable message: the error, the seed and the offending file's bytes. */
export function describeFailure(d: fc.RunDetails<[Buffer]>): string {
  if (!d.failed) return '';
  const bytes = d.counterexample?.[0];
  return `${String(d.errorInstance)}\nseed ${d.seed}, path ${d.counterexamplePath}\nfile bytes: ${bytes ? JSON.stringify(bytes.toString('latin1')) : '(none)'}`;
}

/** What one read produced. */
export interface ReadOutcome {
  points: { point: Point; lineNo: number }[];
  rejects: { lineNo: number; reason: string }[];
  /** Well-formed records the reader deliberately does not read (counted by the pipeline). */
  skips: { lineNo: number; reason: string }[];
  /** The InputError the reader threw, if any (one clear error is an allowed outcome). */
  error?: InputError;
  ms: number;
}

/** Reads `bytes` from a temp file with `reader`; anything thrown but an InputError is rethrown. */
export async function readBytes(
  reader: FormatReader,
  bytes: Buffer,
  dir: string,
  options: ReadOptions = {},
  timeoutMs = 5000,
): Promise<ReadOutcome> {
  const file = path.join(dir, `case${reader.extensions[0] ?? ''}`);
  writeFileSync(file, bytes);
  const out: ReadOutcome = { points: [], rejects: [], skips: [], ms: 0 };
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      reader.read(
        file,
        {
          point: (point, lineNo) => out.points.push({ point, lineNo }),
          reject: (lineNo, reason) => out.rejects.push({ lineNo, reason }),
          skip: (lineNo, reason) => out.skips.push({ lineNo, reason }),
        },
        options,
      ),
      new Promise((_, rej) => {
        timer = setTimeout(() => rej(new Error(`reader ${reader.name} hung for ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    out.error = e;
  } finally {
    clearTimeout(timer);
  }
  out.ms = performance.now() - t0;
  return out;
}

/** Physical lines as forEachLine sees them: LF-split, one trailing CR and a leading BOM removed. */
export function physicalLines(bytes: Buffer): string[] {
  let text = bytes.toString('latin1');
  if (text.startsWith('\xef\xbb\xbf')) text = text.slice(3);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/**
 * The invariants of one read: line numbers inside the file, a reason for every rejection, accepted
 * points with a finite time and a field, and (line-oriented readers) every record line accounted
 * for exactly once. Throws an Error describing the first violation.
 */
export function checkOutcome(
  bytes: Buffer,
  r: ReadOutcome,
  opts: Pick<FuzzReaderOptions, 'isRecordLine'>,
): void {
  const gz = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
  const lines = gz ? null : physicalLines(bytes);
  const lastLine = lines ? Math.max(lines.length, 1) : Number.POSITIVE_INFINITY;
  for (const x of [...r.rejects, ...r.skips, ...r.points]) {
    if (!Number.isInteger(x.lineNo) || x.lineNo < 1 || x.lineNo > lastLine)
      throw new Error(`line number ${x.lineNo} outside 1..${lastLine}`);
  }
  for (const x of [...r.rejects, ...r.skips])
    if (!x.reason) throw new Error(`empty reason at line ${x.lineNo}`);
  for (const { point } of r.points) {
    if (!Number.isFinite(point.time)) throw new Error(`accepted a point without a finite time`);
    if (Object.keys(point.fields).length === 0) throw new Error('accepted a point without fields');
  }
  if (opts.isRecordLine && lines && !r.error) {
    const seen = new Map<number, number>();
    for (const x of [...r.rejects, ...r.skips, ...r.points])
      seen.set(x.lineNo, (seen.get(x.lineNo) ?? 0) + 1);
    lines.forEach((l, i) => {
      const expected = opts.isRecordLine!(l) ? 1 : 0;
      const got = seen.get(i + 1) ?? 0;
      if (got !== expected)
        throw new Error(
          `line ${i + 1} ${JSON.stringify(l.slice(0, 80))} accounted ${got} times, expected ${expected}`,
        );
    });
  }
}

export interface FuzzReaderOptions {
  /** Valid example files to mutate. */
  seeds: Buffer[];
  /** Extra line generators (e.g. well-formed records of the format). */
  lines?: fc.Arbitrary<string>[];
  numRuns?: number;
  seed?: number;
  options?: ReadOptions;
  /**
   * For line-oriented formats: true when a physical line is a record (not blank, not a comment).
   * Then every such line must be accepted or rejected exactly once, and no other line may be.
   */
  isRecordLine?: (line: string) => boolean;
  /** A read taking longer than this counts as a hang (default 5 s). */
  timeoutMs?: number;
}

/**
 * Fuzzes `reader`: for every generated file it must finish (no hang), throw nothing but
 * InputError, give every rejection a line number inside the file and a reason, and (for
 * line-oriented readers) account for every record line exactly once. Throws on the first failure
 * with fast-check's counterexample and seed.
 */
export async function fuzzReader(
  reader: FormatReader,
  opts: FuzzReaderOptions,
): Promise<fc.RunDetails<[Buffer]>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `fuzz-${reader.name}-`));
  try {
    const details = await fc.check(
      fc.asyncProperty(contentArbitrary(opts.seeds, opts.lines), async (bytes) => {
        checkOutcome(bytes, await readBytes(reader, bytes, dir, opts.options, opts.timeoutMs), opts);
      }),
      { numRuns: opts.numRuns ?? 1000, seed: opts.seed ?? FUZZ_SEED, endOnFailure: true },
    );
    return details;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

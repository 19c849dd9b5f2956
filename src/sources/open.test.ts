import { mkdtempSync, readdirSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { forEachLine, forEachLineSpan, type LineIndex, lineGuard, wholeLineChunks } from './open.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'open-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let seq = 0;
function write(bytes: Buffer): string {
  const file = path.join(dir, `f${seq++}`);
  writeFileSync(file, bytes);
  return file;
}

async function spansOf(file: string, max?: number) {
  const lines: [string, number][] = [];
  const overlong: [number, number][] = [];
  await forEachLineSpan(
    file,
    (text, from, to, n) => lines.push([text.slice(from, to), n]),
    (n, bytes) => overlong.push([n, bytes]),
  );
  return { lines: max === undefined ? lines : lines.slice(0, max), overlong };
}

describe('forEachLineSpan', () => {
  it('hands spans that slice to exactly the lines forEachLine gives', async () => {
    const piece = fc.constantFrom('a', 'é', '€', '\n', '\r\n', '\r', ' ', '\uFEFF', 'x,y', '\xff');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 30 }), fc.boolean(), async (parts, latin1) => {
        const text = parts.join('');
        const file = write(latin1 ? Buffer.from(text, 'latin1') : Buffer.from(text));
        const expected: [string, number][] = [];
        await forEachLine(file, (line, n) => expected.push([line, n]));
        expect((await spansOf(file)).lines).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('drops line endings and the BOM, and numbers lines from 1', async () => {
    const { lines } = await spansOf(write(Buffer.from('\uFEFFm a=1 1\r\n\nm b=2 2')));
    expect(lines).toEqual([
      ['m a=1 1', 1],
      ['', 2],
      ['m b=2 2', 3],
    ]);
  });

  it('reports an overlong line through onOverlong and keeps the numbers of the lines after it', async () => {
    const bytes = Buffer.concat([
      Buffer.from('a\n'),
      Buffer.alloc((1 << 20) + 5, 0x78),
      Buffer.from('\nb\n'),
    ]);
    const { lines, overlong } = await spansOf(write(bytes));
    expect(overlong).toEqual([[2, (1 << 20) + 5]]);
    expect(lines.filter(([l]) => l !== '')).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
  });
});

/** What lineGuard must make of `input` as a whole: lines over `max` blanked and reported. */
function guardModel(input: Buffer, max: number) {
  const out: Buffer[] = [];
  const overlong: [number, number][] = [];
  let from = 0;
  let lineNo = 1;
  for (let nl = input.indexOf(10); nl !== -1; nl = input.indexOf(10, from)) {
    if (nl - from > max) overlong.push([lineNo, nl - from]);
    else out.push(input.subarray(from, nl));
    out.push(Buffer.from('\n'));
    from = nl + 1;
    lineNo++;
  }
  if (input.length - from > max) overlong.push([lineNo, input.length - from]);
  else out.push(input.subarray(from));
  const bytes = Buffer.concat(out);
  const newlines: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) newlines.push(i);
  return { bytes, overlong, newlines };
}

/** Descriptors of this process open on `file` (Linux /proc; null where there is none). */
function openOn(file: string): number | null {
  let fds: string[];
  try {
    fds = readdirSync('/proc/self/fd');
  } catch {
    return null;
  }
  let n = 0;
  for (const fd of fds) {
    try {
      if (readlinkSync(`/proc/self/fd/${fd}`) === file) n++;
    } catch {
      // closed while we looked
    }
  }
  return n;
}

describe('closing the file', () => {
  for (const [kind, content] of [
    ['plain', (b: Buffer) => b],
    ['gzip', (b: Buffer) => gzipSync(b)],
  ] as const)
    it(`closes a ${kind} file when the reader stops at the first line`, async (ctx) => {
      const lines = Array.from({ length: 200_000 }, (_, i) => `line ${i}`).join('\n');
      const file = write(content(Buffer.from(lines)));
      if (openOn(file) === null) ctx.skip(); // no /proc here: nothing to count
      const stop = new Error('stop here');
      await expect(
        forEachLine(file, () => {
          throw stop;
        }),
      ).rejects.toBe(stop);
      // Streams close their descriptor asynchronously after destroy().
      for (let i = 0; i < 100 && openOn(file)! > 0; i++) await new Promise((r) => setTimeout(r, 10));
      expect(openOn(file)).toBe(0);
    });
});

describe('lineGuard', () => {
  it('passes lines through, blanks and reports overlong ones, and indexes newlines, however the input is chunked', async () => {
    const byte = fc.constantFrom(0x61, 0x62, 0x0a, 0x0d, 0x2c);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc
            .uint8Array({ maxLength: 40 })
            .map((a) => Buffer.from(a.map((b) => (b % 5 === 0 ? 10 : 97 + (b % 3))))),
        ),
        fc.array(byte, { maxLength: 30 }),
        fc.integer({ min: 1, max: 12 }),
        async (chunks, extra, max) => {
          const all = [...chunks, Buffer.from(extra)];
          const input = Buffer.concat(all);
          const overlong: [number, number][] = [];
          const newlines: number[] = [];
          const index = { newline: (o: number) => newlines.push(o) } as unknown as LineIndex;
          const guard = lineGuard((n, b) => overlong.push([n, b]), max, index);
          const got: Buffer[] = [];
          guard.on('data', (b: Buffer) => got.push(b));
          const ended = new Promise((r) => guard.on('end', r));
          for (const c of all) guard.write(c);
          guard.end();
          await ended;
          const want = guardModel(input, max);
          expect(Buffer.concat(got).toString('latin1')).toBe(want.bytes.toString('latin1'));
          expect(overlong).toEqual(want.overlong);
          expect(newlines).toEqual(want.newlines);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('wholeLineChunks', () => {
  it('gives what lineGuard gives (lines over the limit dropped and reported by number), whatever the reads and buffer size', async () => {
    const byte = fc.constantFrom(0x61, 0x62, 0x0a, 0x0d);
    await fc.assert(
      fc.asyncProperty(
        fc.array(byte, { maxLength: 80 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 10 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 20 }),
        async (bytes, reads, max, size) => {
          const input = Buffer.from(bytes);
          // Short reads of varying length, as a pipe or a gunzip stream gives them.
          let at = 0;
          let k = 0;
          const fill = async (buf: Buffer, offset: number, length: number) => {
            const n = Math.min(length, reads[k++ % reads.length]!, input.length - at);
            input.copy(buf, offset, at, at + n);
            at += n;
            return n;
          };
          const out: Buffer[] = [];
          const overlong: [number, number][] = [];
          let lines = 0;
          for await (const chunk of wholeLineChunks(fill, max, size)) {
            if (chunk.overlong >= 0) overlong.push([lines + 1, chunk.overlong]);
            // The buffer is reused: copy what the chunk holds before asking for the next.
            out.push(Buffer.from(chunk.bytes));
            for (const b of chunk.bytes) if (b === 10) lines++;
          }
          const want = guardModel(input, max);
          expect(Buffer.concat(out).toString('latin1')).toBe(want.bytes.toString('latin1'));
          expect(overlong).toEqual(want.overlong);
          // Every chunk but the last ends a line.
          for (const c of out.slice(0, -1)) expect(c.length === 0 || c[c.length - 1] === 10).toBe(true);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
